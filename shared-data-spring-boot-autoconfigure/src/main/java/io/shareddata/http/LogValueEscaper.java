package io.shareddata.http;

/**
 * Makes any value safe to put in a log line, for every format: the one place where request
 * data is neutralised before it reaches a log.
 * <p>
 * Escaped as {@code \\uXXXX} (or {@code \n}, {@code \r}, {@code \t}): every C0 control and
 * DEL, every C1 control (including U+0085 NEL, which some viewers treat as a line break),
 * U+2028 and U+2029 (line and paragraph separators), the bidirectional formatting characters
 * (which can make a line display differently from what it contains) and unpaired surrogates.
 * Quotes and backslashes are escaped as {@code \"} and {@code \\}, so a quoted value cannot be
 * closed early and an escape cannot be forged. The result is capped at a maximum length, with
 * {@value #TRUNCATION_MARK} appended when something was cut; an escape sequence or a surrogate
 * pair is never split.
 * <p>
 * The JSON format applies this escaping too, before the JSON library adds its own: a consumer
 * that decodes the JSON gets exactly the text the other formats show, never a raw control
 * character it might print to a terminal.
 */
public final class LogValueEscaper {

	/**
	 * Appended to a value that was cut at the maximum length.
	 */
	public static final String TRUNCATION_MARK = "...";

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final int maxLength;

	/**
	 * Creates an escaper.
	 * @param maxLength the maximum length of an escaped value, not counting the truncation mark
	 */
	public LogValueEscaper(int maxLength) {
		if (maxLength < 1) {
			throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
		}
		this.maxLength = maxLength;
	}

	/**
	 * Returns the value escaped and capped.
	 * @param value the value as received
	 * @return the value safe to log
	 */
	public String escape(String value) {
		return escape(value, false);
	}

	/**
	 * Returns the value escaped and capped for a field written without quotes, where a space
	 * would end the field: spaces are escaped too, as {@code \u0020}, so a decoded path such
	 * as {@code /x 200 0B} cannot forge the fields after it.
	 * @param value the value as received
	 * @return the value safe to log as one unquoted field
	 */
	public String escapeField(String value) {
		return escape(value, true);
	}

	private String escape(String value, boolean field) {
		int length = value.length();
		if (length <= this.maxLength && isSafe(value, field)) {
			return value;
		}
		StringBuilder escaped = new StringBuilder(Math.min(length, this.maxLength) + 16);
		for (int i = 0; i < length; i++) {
			int mark = escaped.length();
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
				escaped.append(c).append(value.charAt(++i));
			}
			else {
				appendEscaped(escaped, c, field);
			}
			if (escaped.length() > this.maxLength) {
				escaped.setLength(mark);
				return escaped.append(TRUNCATION_MARK).toString();
			}
		}
		return escaped.toString();
	}

	private static boolean isSafe(String value, boolean field) {
		for (int i = 0; i < value.length(); i++) {
			if (needsEscape(value.charAt(i), field)) {
				return false;
			}
		}
		return true;
	}

	private static boolean needsEscape(char c, boolean field) {
		if (c < 0x20 || c == '"' || c == '\\' || (field && c == ' ')) {
			return true;
		}
		if (c < 0x7F) {
			return false;
		}
		return c <= 0x9F || c == 0x2028 || c == 0x2029 || isBidiControl(c) || Character.isSurrogate(c);
	}

	private static boolean isBidiControl(char c) {
		return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
				|| (c >= 0x2066 && c <= 0x2069);
	}

	private static void appendEscaped(StringBuilder escaped, char c, boolean field) {
		if (!needsEscape(c, field)) {
			escaped.append(c);
			return;
		}
		switch (c) {
			case '"' -> escaped.append("\\\"");
			case '\\' -> escaped.append("\\\\");
			case '\n' -> escaped.append("\\n");
			case '\r' -> escaped.append("\\r");
			case '\t' -> escaped.append("\\t");
			default -> escaped.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
				.append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
		}
	}

}
