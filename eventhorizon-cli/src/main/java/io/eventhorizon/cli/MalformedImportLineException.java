package io.eventhorizon.cli;

/**
 * Thrown when a line given to {@code import} is no item of the events table in DynamoDB
 * JSON, naming the line.
 * <p>
 * Thread-safe: immutable.
 */
final class MalformedImportLineException extends IllegalArgumentException {

	private final long lineNumber;

	MalformedImportLineException(String source, long lineNumber, String problem, boolean nothingWritten) {
		super("Line " + lineNumber + " of " + source + " is no item: " + problem + "; "
				+ (nothingWritten ? "nothing was imported" : "the lines before it were imported"));
		this.lineNumber = lineNumber;
	}

	/**
	 * Returns the number of the bad line, from 1.
	 * @return the line number
	 */
	long lineNumber() {
		return this.lineNumber;
	}

}
