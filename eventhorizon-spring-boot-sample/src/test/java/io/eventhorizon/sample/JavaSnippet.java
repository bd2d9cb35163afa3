package io.eventhorizon.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ```java} block of a Markdown document: where it is and what it says. Blocks whose
 * info string says {@code fragment} ({@code ```java fragment}) are deliberately incomplete and
 * are not snippets. Immutable, so safe to share between threads.
 *
 * @param document the document's path, as it is shown in a failure
 * @param fenceLine the line of the opening fence, counted from 1
 * @param source the block's text, without the fences
 */
record JavaSnippet(String document, int fenceLine, String source) {

	private static final Pattern PUBLIC_TOP_LEVEL_TYPE = Pattern.compile(
			"^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
			Pattern.MULTILINE);

	private static final Pattern PACKAGE = Pattern.compile("^package\\s+[\\w.]+\\s*;", Pattern.MULTILINE);

	/**
	 * Returns the snippets of a Markdown document, in the order they appear.
	 * @param markdown the document to read
	 * @param document the document's name as a failure should show it
	 * @return the document's {@code ```java} blocks, fragments left out
	 * @throws IOException if the document cannot be read
	 */
	static List<JavaSnippet> allIn(Path markdown, String document) throws IOException {
		List<String> lines = Files.readAllLines(markdown);
		List<JavaSnippet> snippets = new ArrayList<>();
		for (int index = 0; index < lines.size(); index++) {
			String fence = lines.get(index).strip();
			if (!fence.startsWith("```")) {
				continue;
			}
			int opening = index;
			StringBuilder source = new StringBuilder();
			for (index++; index < lines.size() && !lines.get(index).strip().equals("```"); index++) {
				source.append(lines.get(index)).append('\n');
			}
			if (index == lines.size()) {
				throw new IllegalStateException(document + ":" + (opening + 1) + ": the block opened here is never closed");
			}
			List<String> info = List.of(fence.substring(3).strip().split("\\s+"));
			if (info.get(0).equals("java") && !info.contains("fragment")) {
				snippets.add(new JavaSnippet(document, opening + 1, source.toString()));
			}
		}
		return snippets;
	}

	/**
	 * Returns whether the snippet declares its package.
	 * @return {@code true} if it starts with a package declaration
	 */
	boolean declaresPackage() {
		return PACKAGE.matcher(this.source).find();
	}

	/**
	 * Returns the name the snippet's compilation unit must have: its public top-level type's, as
	 * javac requires of a file.
	 * @return the public top-level type's name, or {@code Snippet} when there is none
	 */
	String compilationUnitName() {
		Matcher type = PUBLIC_TOP_LEVEL_TYPE.matcher(this.source);
		return type.find() ? type.group(1) : "Snippet";
	}

	/**
	 * Returns the document's line that holds a line of the snippet.
	 * @param snippetLine a line of the snippet, counted from 1
	 * @return the same line in the document, counted from 1
	 */
	int documentLine(long snippetLine) {
		return this.fenceLine + (int) snippetLine;
	}

	/**
	 * Returns a line of the snippet.
	 * @param snippetLine a line of the snippet, counted from 1
	 * @return the line's text, without its indentation
	 */
	String line(long snippetLine) {
		return this.source.lines().skip(snippetLine - 1).findFirst().orElse("").strip();
	}

}
