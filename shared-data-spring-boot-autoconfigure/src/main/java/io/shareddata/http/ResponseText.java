package io.shareddata.http;

import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import org.jspecify.annotations.Nullable;

/**
 * How many bytes the characters a response's writer receives become, for wrappers that watch
 * the body go by (to count it, or to notice the write that fills the container's buffer).
 */
public final class ResponseText {

	private ResponseText() {
	}

	/**
	 * Returns the charset the container's writer encodes with.
	 * @param encoding the response's character encoding, as {@code getCharacterEncoding()}
	 * returns it
	 * @return that charset, or ISO-8859-1 (the Servlet default) when there is none or the
	 * platform does not know it (the container then fails on its own writer first)
	 */
	public static Charset charsetOf(@Nullable String encoding) {
		if (encoding != null) {
			try {
				return Charset.forName(encoding);
			}
			catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
				// fall back to the default, as the container's own writer would be counted
			}
		}
		return StandardCharsets.ISO_8859_1;
	}

	/**
	 * Returns how many bytes characters take in a charset.
	 * @param chars the characters
	 * @param charset the charset
	 * @return the encoded length; computed without encoding for UTF-8 (the usual case),
	 * ISO-8859-1 and US-ASCII
	 */
	public static long encodedLength(CharSequence chars, Charset charset) {
		if (charset.equals(StandardCharsets.UTF_8)) {
			return utf8Length(chars);
		}
		if (charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)) {
			// One byte a character; the encoder writes one '?' for a character it cannot map,
			// and a surrogate pair is one character.
			return Character.codePointCount(chars, 0, chars.length());
		}
		return charset.encode(CharBuffer.wrap(chars)).remaining();
	}

	private static long utf8Length(CharSequence chars) {
		long length = 0;
		for (int i = 0; i < chars.length(); i++) {
			char c = chars.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800 || Character.isSurrogate(c)) {
				// a surrogate pair encodes to 4 bytes, 2 per half
				length += 2;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

}
