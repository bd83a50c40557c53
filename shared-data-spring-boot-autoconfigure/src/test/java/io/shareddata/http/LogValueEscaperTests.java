package io.shareddata.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LogValueEscaper}.
 */
class LogValueEscaperTests {

	private final LogValueEscaper escaper = new LogValueEscaper(64);

	@Test
	void plainValueIsReturnedAsIs() {
		String value = "/files/grüße.txt?a=1&b=ü";
		assertThat(this.escaper.escape(value)).isSameAs(value);
	}

	@Test
	void lineBreaksAreEscaped() {
		assertThat(this.escaper.escape("a\r\nb")).isEqualTo("a\\r\\nb");
		assertThat(this.escaper.escape("a\u0085b")).isEqualTo("a\\u0085b");
		assertThat(this.escaper.escape("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
		assertThat(this.escaper.escape("a\u000bb\u000cc")).isEqualTo("a\\u000bb\\u000cc");
	}

	@Test
	void everyC0AndC1ControlIsEscaped() {
		for (char c = 0; c <= 0x9F; c++) {
			boolean control = c < 0x20 || c >= 0x7F;
			String escaped = this.escaper.escape("x" + c);
			if (control) {
				assertThat(escaped).as("U+%04X", (int) c).startsWith("x\\").hasSizeGreaterThan(2);
			}
			else if (c != '"' && c != '\\') {
				assertThat(escaped).as("U+%04X", (int) c).isEqualTo("x" + c);
			}
		}
	}

	@Test
	void ansiEscapeSequencesAreEscaped() {
		assertThat(this.escaper.escape("\u001b[31mred\u001b[0m \u009b2J")).isEqualTo("\\u001b[31mred\\u001b[0m \\u009b2J");
	}

	@Test
	void quotesAndBackslashesAreEscaped() {
		assertThat(this.escaper.escape("say \"hi\" \\u2028")).isEqualTo("say \\\"hi\\\" \\\\u2028");
	}

	@Test
	void aFieldHasItsSpacesEscapedTooAndAQuotedValueKeepsThem() {
		assertThat(this.escaper.escapeField("/my file\t.txt")).isEqualTo("/my\\u0020file\\t.txt");
		assertThat(this.escaper.escape("/my file.txt")).isEqualTo("/my file.txt");
	}

	@Test
	void tabIsEscaped() {
		assertThat(this.escaper.escape("a\tb")).isEqualTo("a\\tb");
	}

	@Test
	void bidiControlsAreEscaped() {
		assertThat(this.escaper.escape("abc\u202edcba\u2066")).isEqualTo("abc\\u202edcba\\u2066");
	}

	@Test
	void surrogatePairsAreKeptAndLoneSurrogatesEscaped() {
		assertThat(this.escaper.escape("smile \ud83d\ude00")).isEqualTo("smile \ud83d\ude00");
		assertThat(this.escaper.escape("x\ud83dy\ude00")).isEqualTo("x\\ud83dy\\ude00");
	}

	@Test
	void longValuesAreCapped() {
		String capped = new LogValueEscaper(10).escape("0123456789abcdef");
		assertThat(capped).isEqualTo("0123456789" + LogValueEscaper.TRUNCATION_MARK);
		assertThat(new LogValueEscaper(10).escape("0123456789")).isEqualTo("0123456789");
	}

	@Test
	void capNeverSplitsAnEscapeOrASurrogatePair() {
		assertThat(new LogValueEscaper(10).escape("01234567\r\n")).isEqualTo("01234567\\r...");
		assertThat(new LogValueEscaper(10).escape("0123456\u2028")).isEqualTo("0123456...");
		assertThat(new LogValueEscaper(10).escape("012345678\ud83d\ude00")).isEqualTo("012345678...");
	}

	@Test
	void capBoundsTheOutputOfAHostileValue() {
		String hostile = "\u0085".repeat(10_000);
		assertThat(new LogValueEscaper(100).escape(hostile)).hasSizeLessThanOrEqualTo(100 + 3);
	}

	@Test
	void maxLengthMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LogValueEscaper(0));
	}

}
