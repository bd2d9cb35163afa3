package io.eventhorizon.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java snippets with javac against this JVM's class path, the way a reader would
 * paste them into a project. Snippets that declare a package form one project across all
 * documents (so that one page can build on the types another page shows); a snippet without
 * a package sees those and the types the snippets before it in its own document declare.
 * Not thread-safe: use one per thread.
 */
final class SnippetCompiler {

	private static final List<String> OPTIONS = List.of("-proc:none", "-nowarn", "-encoding", "UTF-8");

	private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

	private final List<File> classPath = new ArrayList<>();

	SnippetCompiler() {
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			this.classPath.add(new File(entry));
		}
	}

	/**
	 * Compiles snippets.
	 * @param snippets the snippets of one or more documents, each document's in its order
	 * @param classes an empty directory for the classes they declare
	 * @return one message per compiler error, naming the document, its line and the
	 * compiler's message; empty when every snippet compiles
	 * @throws IOException if the classes cannot be written
	 */
	List<String> compile(List<JavaSnippet> snippets, Path classes) throws IOException {
		List<String> errors = new ArrayList<>();
		Map<String, List<JavaSnippet>> withoutPackage = new LinkedHashMap<>();
		List<JavaSnippet> withPackage = new ArrayList<>();
		for (JavaSnippet snippet : snippets) {
			if (snippet.declaresPackage()) {
				withPackage.add(snippet);
			}
			else {
				withoutPackage.computeIfAbsent(snippet.document(), (document) -> new ArrayList<>()).add(snippet);
			}
		}
		try (StandardJavaFileManager files = this.javac.getStandardFileManager(null, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			files.setLocation(StandardLocation.SOURCE_PATH, List.of());
			Path packaged = Files.createDirectories(classes.resolve("packaged"));
			compile(withPackage, files, packaged, List.of(packaged), errors);
			int document = 0;
			for (List<JavaSnippet> ofDocument : withoutPackage.values()) {
				Path own = Files.createDirectories(classes.resolve("document-" + document++));
				for (JavaSnippet snippet : ofDocument) {
					compile(List.of(snippet), files, own, List.of(own, packaged), errors);
				}
			}
		}
		return errors;
	}

	private void compile(List<JavaSnippet> snippets, StandardJavaFileManager files, Path output, List<Path> seen,
			List<String> errors) throws IOException {
		if (snippets.isEmpty()) {
			return;
		}
		List<File> classPath = new ArrayList<>();
		seen.forEach((directory) -> classPath.add(directory.toFile()));
		classPath.addAll(this.classPath);
		files.setLocation(StandardLocation.CLASS_PATH, classPath);
		files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(output.toFile()));
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		this.javac.getTask(null, files, diagnostics, OPTIONS, null, snippets.stream().map(SnippetSource::new).toList())
			.call();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				errors.add(describe(diagnostic));
			}
		}
	}

	private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
		String message = diagnostic.getMessage(Locale.ROOT);
		if (!(diagnostic.getSource() instanceof SnippetSource source)) {
			return message;
		}
		JavaSnippet snippet = source.snippet;
		if (diagnostic.getLineNumber() == Diagnostic.NOPOS) {
			return snippet.document() + ":" + snippet.fenceLine() + ": " + message;
		}
		return snippet.document() + ":" + snippet.documentLine(diagnostic.getLineNumber()) + ": " + message
				+ "\n    " + snippet.line(diagnostic.getLineNumber());
	}

	/**
	 * A snippet as javac reads it: a source file named after its public type.
	 */
	private static final class SnippetSource extends SimpleJavaFileObject {

		private final JavaSnippet snippet;

		SnippetSource(JavaSnippet snippet) {
			super(URI.create("snippet:///" + snippet.document() + "/" + snippet.fenceLine() + "/"
					+ snippet.compilationUnitName() + Kind.SOURCE.extension), Kind.SOURCE);
			this.snippet = snippet;
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.snippet.source();
		}

	}

}
