package io.shareddata.access;

import org.jspecify.annotations.Nullable;

/**
 * Writes untrusted text into a log line safely: quoted, shortened, and with quotes,
 * backslashes, every control character (C0, DEL, C1 including U+0085), the line and paragraph
 * separators and anything else outside printable ASCII escaped, so a request cannot forge or
 * split log lines or smuggle terminal escapes.
 */
final class LogText {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private LogText() {
	}

	static StringBuilder appendQuoted(StringBuilder line, @Nullable String text, int maxLength) {
		if (text == null) {
			return line.append('-');
		}
		line.append('"');
		int end = Math.min(text.length(), maxLength);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				line.append('\\').append(c);
			}
			else if (c >= 0x20 && c < 0x7F) {
				line.append(c);
			}
			else {
				line.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
					.append(HEX[c & 0xF]);
			}
		}
		if (text.length() > maxLength) {
			line.append("...");
		}
		return line.append('"');
	}

}
