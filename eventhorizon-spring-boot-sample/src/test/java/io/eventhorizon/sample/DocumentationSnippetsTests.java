package io.eventhorizon.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```java} block of the README and of {@code docs/} compiles as written, imports
 * included, so that a reader can paste it into a project (see CONTRIBUTING.md for the
 * convention).
 */
class DocumentationSnippetsTests {

	private final SnippetCompiler compiler = new SnippetCompiler();

	@TempDir
	Path workspace;

	@Test
	void everyJavaSnippetOfTheReadmeAndTheDocsCompilesAsWritten() throws IOException {
		Path root = repositoryRoot();
		List<JavaSnippet> snippets = new ArrayList<>();
		for (Path markdown : documents(root)) {
			snippets.addAll(JavaSnippet.allIn(markdown, root.relativize(markdown).toString()));
		}

		assertThat(snippets).as("Java snippets found").isNotEmpty();
		assertThat(this.compiler.compile(snippets, this.workspace)).as("snippets that do not compile").isEmpty();
	}

	@Test
	void aSnippetThatDoesNotCompileIsReportedWithItsDocumentLineAndTheCompilersMessage() throws IOException {
		Path markdown = write("guide.md", """
				# A guide

				```java
				class Greeter {
				    String greet() { return Greeting.hello(); }
				}
				```
				""");

		List<String> errors = this.compiler.compile(JavaSnippet.allIn(markdown, "docs/guide.md"), this.workspace);

		assertThat(errors).singleElement()
			.asString()
			.startsWith("docs/guide.md:5: cannot find symbol")
			.contains("symbol:   variable Greeting")
			.endsWith("String greet() { return Greeting.hello(); }");
	}

	@Test
	void aSnippetWithoutAPackageSeesTheTypesTheSnippetsBeforeItInItsDocumentDeclare() throws IOException {
		Path markdown = write("guide.md", """
				```java
				record Greeting(String text) {
				}
				```

				```java
				class Greeter {
				    Greeting greet() { return new Greeting("hello"); }
				}
				```
				""");

		assertThat(this.compiler.compile(JavaSnippet.allIn(markdown, "guide.md"), this.workspace)).isEmpty();
	}

	@Test
	void aSnippetWithoutAPackageDoesNotSeeTheTypesOfAnotherDocument() throws IOException {
		List<JavaSnippet> snippets = new ArrayList<>();
		snippets.addAll(JavaSnippet.allIn(write("greetings.md", """
				```java
				record Greeting(String text) {
				}
				```
				"""), "greetings.md"));
		snippets.addAll(JavaSnippet.allIn(write("greeter.md", """
				```java
				class Greeter {
				    Greeting greet() { return new Greeting("hello"); }
				}
				```
				"""), "greeter.md"));

		assertThat(this.compiler.compile(snippets, this.workspace)).isNotEmpty()
			.allSatisfy((error) -> assertThat(error).startsWith("greeter.md:3: cannot find symbol"));
	}

	@Test
	void snippetsThatDeclareAPackageAreOneProjectAcrossTheDocuments() throws IOException {
		List<JavaSnippet> snippets = new ArrayList<>();
		snippets.addAll(JavaSnippet.allIn(write("greeter.md", """
				```java
				import guide.Greeting;

				class Greeter {
				    Greeting greet() { return new Greeting("hello"); }
				}
				```
				"""), "greeter.md"));
		snippets.addAll(JavaSnippet.allIn(write("greetings.md", """
				```java
				package guide;

				public record Greeting(String text) {
				}
				```
				"""), "greetings.md"));

		assertThat(this.compiler.compile(snippets, this.workspace)).isEmpty();
	}

	@Test
	void aBlockMarkedAsAFragmentIsNotCompiled() throws IOException {
		Path markdown = write("guide.md", """
				```java fragment
				greeter.greet();
				```

				```yaml
				greeting: hello
				```
				""");

		assertThat(JavaSnippet.allIn(markdown, "guide.md")).isEmpty();
	}

	private Path write(String name, String markdown) throws IOException {
		return Files.writeString(this.workspace.resolve(name), markdown);
	}

	private static List<Path> documents(Path root) throws IOException {
		List<Path> documents = new ArrayList<>();
		documents.add(root.resolve("README.md"));
		try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		return documents;
	}

	private static Path repositoryRoot() {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve("mvnw")) && Files.isDirectory(directory.resolve("docs"))) {
				return directory;
			}
		}
		throw new IllegalStateException("No repository root (with mvnw and docs/) above " + Path.of("").toAbsolutePath());
	}

}
