package io.eventhorizon.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command prints its findings: for people, aligned tables with colours when the
 * output is a terminal; for scripts ({@code --json}), one JSON document per line.
 * <p>
 * Not thread-safe: one command prints through it.
 */
final class Output {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PrintWriter out;

	private final Ansi ansi;

	private final boolean json;

	private Output(PrintWriter out, Ansi ansi, boolean json) {
		this.out = out;
		this.ansi = ansi;
		this.json = json;
	}

	/**
	 * Returns the output of a command.
	 * @param spec the command's spec
	 * @param options its {@code --json} option
	 * @return the output
	 */
	static Output of(CommandSpec spec, OutputOptions options) {
		return new Output(spec.commandLine().getOut(), spec.commandLine().getColorScheme().ansi(), options.json);
	}

	/**
	 * Tells whether the command prints JSON.
	 * @return whether {@code --json} was given
	 */
	boolean json() {
		return this.json;
	}

	/**
	 * Returns the writer of the standard output.
	 * @return the writer
	 */
	PrintWriter out() {
		return this.out;
	}

	/**
	 * Returns the text in a style (picocli's, such as {@code bold}, {@code red},
	 * {@code faint}) when the output is a terminal, and as it is otherwise.
	 * @param style the style names, comma separated
	 * @param text the text
	 * @return the text, styled
	 */
	String styled(String style, String text) {
		return this.ansi.enabled() ? this.ansi.string("@|" + style + " " + escaped(text) + "|@") : text;
	}

	/**
	 * Prints a value as one line of JSON.
	 * @param value maps, lists, strings, numbers and booleans
	 */
	void printJson(Object value) {
		this.out.println(JSON.writeValueAsString(value));
	}

	/**
	 * Prints rows under a header, each column as wide as its widest cell. A cell may be
	 * {@linkplain #styled styled}: its width is that of the text shown.
	 * @param header the column names
	 * @param rows the rows, each with as many cells as the header
	 */
	void printTable(List<String> header, List<List<String>> rows) {
		List<List<String>> all = new ArrayList<>();
		all.add(header.stream().map((name) -> styled("bold", name)).toList());
		all.addAll(rows);
		int[] widths = new int[header.size()];
		for (List<String> row : all) {
			for (int column = 0; column < row.size(); column++) {
				widths[column] = Math.max(widths[column], visibleLength(row.get(column)));
			}
		}
		for (List<String> row : all) {
			StringBuilder line = new StringBuilder();
			for (int column = 0; column < row.size(); column++) {
				String cell = row.get(column);
				line.append(cell);
				if (column < row.size() - 1) {
					line.append(" ".repeat(widths[column] - visibleLength(cell) + 2));
				}
			}
			this.out.println(line);
		}
	}

	// Escape sequences take no room on a terminal.
	private static int visibleLength(String cell) {
		return cell.replaceAll("\u001B\\[[0-9;]*m", "").length();
	}

	// picocli's markup would take "|@" inside the text for its own end.
	private static String escaped(String text) {
		return text.replace("|@", "| @");
	}

}
