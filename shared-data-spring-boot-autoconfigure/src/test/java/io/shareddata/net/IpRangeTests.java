package io.shareddata.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IpRange}.
 */
class IpRangeTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			10.0.0.1           | 10.0.0.1           | 32
			10.0.0.1/32        | 10.0.0.1           | 32
			10.0.0.0/8         | 10.0.0.0/8         | 8
			0.0.0.0/0          | 0.0.0.0/0          | 0
			192.168.0.0/16     | 192.168.0.0/16     | 16
			10.0.0.0/31        | 10.0.0.0/31        | 31
			::1                | ::1                | 128
			::/0               | ::/0               | 0
			2001:db8::/32      | 2001:db8::/32      | 32
			2001:DB8:0::/48    | 2001:db8::/48      | 48
			fe80::/10          | fe80::/10          | 10
			2001:db8::/64      | 2001:db8::/64      | 64
			2001:db8::8000:0:0:0/65 | 2001:db8:0:0:8000::/65 | 65
			::ffff:10.0.0.1    | 10.0.0.1           | 32
			::ffff:10.0.0.0/104 | 10.0.0.0/8        | 8
			::ffff:0:0/96      | 0.0.0.0/0          | 0
			""")
	void validRangesHaveCanonicalText(String text, String canonical, int prefixLength) {
		IpRange range = IpRange.parse(text);
		assertThat(range).hasToString(canonical);
		assertThat(range.getPrefixLength()).isEqualTo(prefixLength);
		assertThat(IpRange.parse(canonical)).isEqualTo(range);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			10.1.2.3/8         | 10.0.0.0/8
			192.168.1.1/16     | 192.168.0.0/16
			0.0.0.1/0          | 0.0.0.0/0
			10.0.0.1/31        | 10.0.0.0/31
			2001:db8::1/32     | 2001:db8::/32
			::1/0              | ::/0
			2001:db8::1/127    | 2001:db8::/127
			2001:db8:0:0:1::/64 | 2001:db8::/64
			::ffff:10.1.0.0/104 | 10.0.0.0/8
			""")
	void hostBitsBelowThePrefixAreRejectedWithTheCorrection(String text, String suggestion) {
		assertThatExceptionOfType(InvalidIpRangeException.class).isThrownBy(() -> IpRange.parse(text))
			.withMessage(text + " has host bits set; did you mean " + suggestion + "?")
			.satisfies((ex) -> assertThat(ex.getSuggestion()).isEqualTo(suggestion));
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/8/8", "10.0.0.0/ 8",
			"10.0.0.0/8 ", "10.0.0.0/x", "10.0.0.0/1000", "::/129", "::/0128", "::/", "::ffff:10.0.0.0/95" })
	void badPrefixLengthsAreRejected(String text) {
		assertThatExceptionOfType(InvalidIpRangeException.class).isThrownBy(() -> IpRange.parse(text))
			.satisfies((ex) -> assertThat(ex.getSuggestion()).isNull());
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "localhost", "localhost/8", "example.com/24", "127.1", "127.1/32", "2130706433",
			"010.0.0.1", "010.0.0.0/8", "fe80::1%1", "fe80::%eth0/64", "[::1]", "[::1]/128", "0x7f.0.0.1", "", "/8",
			"1.2.3.4.5", "*", "all" })
	void nonLiteralsAreRejected(String text) {
		assertThatExceptionOfType(InvalidIpRangeException.class).isThrownBy(() -> IpRange.parse(text))
			.withMessageContaining("is not an IP address or CIDR range");
	}

	@Test
	void prefixLengthErrorNamesTheFamilyWidth() {
		assertThatExceptionOfType(InvalidIpRangeException.class).isThrownBy(() -> IpRange.parse("10.0.0.0/33"))
			.withMessageContaining("0 to 32 for IPv4");
		assertThatExceptionOfType(InvalidIpRangeException.class).isThrownBy(() -> IpRange.parse("::/200"))
			.withMessageContaining("0 to 128 for IPv6");
	}

}
