package io.eventhorizon.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release build's promises that a plain {@code ./mvnw verify} can check without building the
 * release itself (see docs/versioning.md): reproducible archives, a BOM that lists every
 * published module and nothing else, and a release profile that never runs unasked.
 */
class ReleaseBuildTests {

	private static final String GROUP_ID = "io.eventhorizon";

	private final Path root = repositoryRoot();

	@Test
	void theRootPomFixesTheArchivesTimestampSoThatTwoBuildsGiveTheSameJars() throws Exception {
		Element properties = child(pom(this.root), "properties");

		String outputTimestamp = text(properties, "project.build.outputTimestamp");

		assertThat(outputTimestamp).as("project.build.outputTimestamp in the root pom.xml").isNotEmpty();
		assertThat(Instant.parse(outputTimestamp)).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Test
	void theBomManagesEveryPublishedModuleAtTheProjectsVersion() throws Exception {
		List<String> managed = managedArtifactIds(GROUP_ID, "${project.version}");

		assertThat(managed).containsAll(publishedJarModules());
	}

	@Test
	void theBomManagesOnlyEventHorizonsOwnModulesAndImportsNoOtherBom() throws Exception {
		Element bom = pom(this.root.resolve("eventhorizon-bom"));

		for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
			assertThat(text(dependency, "groupId")).as("a dependency the BOM manages").isEqualTo(GROUP_ID);
			assertThat(text(dependency, "scope")).as("the scope of " + text(dependency, "artifactId")).isEmpty();
		}
	}

	@Test
	void theReleaseProfileRunsOnlyWhenAskedFor() throws Exception {
		Element release = children(child(pom(this.root), "profiles"), "profile").stream()
			.filter((profile) -> text(profile, "id").equals("release"))
			.findFirst()
			.orElseThrow();

		assertThat(children(release, "activation")).as("the release profile's activation").isEmpty();
	}

	private List<String> managedArtifactIds(String groupId, String version) throws Exception {
		Element bom = pom(this.root.resolve("eventhorizon-bom"));
		List<String> artifactIds = new ArrayList<>();
		for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
			if (text(dependency, "groupId").equals(groupId) && text(dependency, "version").equals(version)) {
				artifactIds.add(text(dependency, "artifactId"));
			}
		}
		return artifactIds;
	}

	/**
	 * The root pom's modules that publish a jar: every one but the BOM (a pom) and those that
	 * skip deployment, such as this sample.
	 */
	private List<String> publishedJarModules() throws Exception {
		List<String> published = new ArrayList<>();
		for (Element module : children(child(pom(this.root), "modules"), "module")) {
			Element pom = pom(this.root.resolve(module.getTextContent().trim()));
			Element properties = child(pom, "properties");
			boolean skipsDeployment = properties != null && text(properties, "maven.deploy.skip").equals("true");
			if (!text(pom, "packaging").equals("pom") && !skipsDeployment) {
				published.add(text(pom, "artifactId"));
			}
		}
		assertThat(published).as("published modules found").contains("eventhorizon-core");
		return published;
	}

	private static Element pom(Path directory) throws IOException, ParserConfigurationException, SAXException {
		Path pom = directory.resolve("pom.xml");
		Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
		return document.getDocumentElement();
	}

	private static Element child(Element parent, String name) {
		List<Element> children = children(parent, name);
		return children.isEmpty() ? null : children.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> children = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				children.add(element);
			}
		}
		return children;
	}

	private static String text(Element parent, String name) {
		Element child = child(parent, name);
		return (child != null) ? child.getTextContent().trim() : "";
	}

	private static Path repositoryRoot() {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve("mvnw")) && Files.isDirectory(directory.resolve("eventhorizon-bom"))) {
				return directory;
			}
		}
		throw new IllegalStateException("No repository root (with mvnw and eventhorizon-bom/) above "
				+ Path.of("").toAbsolutePath());
	}

}
