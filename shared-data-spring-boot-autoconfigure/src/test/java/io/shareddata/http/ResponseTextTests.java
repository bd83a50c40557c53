package io.shareddata.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResponseText}.
 */
class ResponseTextTests {

	private static final String MIXED = "a\u00e9\u20ac\uD83D\uDE00";

	@Test
	void utf8IsCountedAsItEncodes() {
		assertThat(ResponseText.encodedLength(MIXED, StandardCharsets.UTF_8))
			.isEqualTo(MIXED.getBytes(StandardCharsets.UTF_8).length)
			.isEqualTo(1 + 2 + 3 + 4);
	}

	@Test
	void singleByteCharsetsCountOneByteACharacterEvenWhenUnmappable() {
		assertThat(ResponseText.encodedLength(MIXED, StandardCharsets.ISO_8859_1))
			.isEqualTo(MIXED.getBytes(StandardCharsets.ISO_8859_1).length);
		assertThat(ResponseText.encodedLength(MIXED, StandardCharsets.US_ASCII))
			.isEqualTo(MIXED.getBytes(StandardCharsets.US_ASCII).length);
	}

	@Test
	void otherCharsetsAreCountedByEncoding() {
		Charset shiftJis = Charset.forName("Shift_JIS");
		String text = "\u65e5\u672c\u8a9eabc";
		assertThat(ResponseText.encodedLength(text, shiftJis)).isEqualTo(text.getBytes(shiftJis).length)
			.isEqualTo(9);
	}

	@Test
	void anUnknownOrMissingEncodingIsTheServletDefault() {
		assertThat(ResponseText.charsetOf(null)).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(ResponseText.charsetOf("no-such-charset")).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(ResponseText.charsetOf("not a name!")).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(ResponseText.charsetOf("utf-8")).isEqualTo(StandardCharsets.UTF_8);
	}

}
