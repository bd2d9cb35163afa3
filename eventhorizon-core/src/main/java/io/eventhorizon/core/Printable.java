package io.eventhorizon.core;

/**
 * Quotes user input for error messages so that control characters and invisible
 * characters show up instead of garbling the log line.
 */
final class Printable {

	private static final int MAX_SHOWN = 200;

	private Printable() {
	}

	static String quote(String value) {
		StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 2).append('"');
		value.codePoints().limit(MAX_SHOWN).forEach((codePoint) -> {
			if (codePoint == '"' || codePoint == '\\') {
				quoted.append('\\').appendCodePoint(codePoint);
			}
			else if (StreamName.isVisible(codePoint) || codePoint == ' ') {
				quoted.appendCodePoint(codePoint);
			}
			else {
				quoted.append(String.format("\\u{%04X}", codePoint));
			}
		});
		if (value.codePointCount(0, value.length()) > MAX_SHOWN) {
			quoted.append("...");
		}
		return quoted.append('"').toString();
	}

}
