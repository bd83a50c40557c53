package io.shareddata.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpLiterals}.
 */
class IpLiteralsTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0.0.0.0                                       | 0.0.0.0
			127.0.0.1                                     | 127.0.0.1
			192.0.2.255                                   | 192.0.2.255
			255.255.255.255                               | 255.255.255.255
			10.0.0.1                                      | 10.0.0.1
			::                                            | ::
			::1                                           | ::1
			0:0:0:0:0:0:0:1                               | ::1
			0000:0000:0000:0000:0000:0000:0000:0001       | ::1
			2001:db8::1                                   | 2001:db8::1
			2001:DB8:0:0:0:0:0:1                          | 2001:db8::1
			2001:db8:0:0:1:0:0:1                          | 2001:db8::1:0:0:1
			2001:0:0:1:0:0:0:1                            | 2001:0:0:1::1
			2001:db8::                                    | 2001:db8::
			1:2:3:4:5:6:7::                               | 1:2:3:4:5:6:7:0
			::2:3:4:5:6:7:8                               | 0:2:3:4:5:6:7:8
			1:2:3:4:5:6:7:8                               | 1:2:3:4:5:6:7:8
			fe80::1                                       | fe80::1
			ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff       | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
			::ffff:10.0.0.1                               | 10.0.0.1
			::FFFF:a00:1                                  | 10.0.0.1
			0:0:0:0:0:ffff:127.0.0.1                      | 127.0.0.1
			::1.2.3.4                                     | ::102:304
			64:ff9b::192.0.2.33                           | 64:ff9b::c000:221
			1:2:3:4:5:6:1.2.3.4                           | 1:2:3:4:5:6:102:304
			ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255 | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
			""")
	void validLiteralsHaveCanonicalText(String literal, String canonical) {
		assertThat(IpLiterals.isValid(literal)).isTrue();
		assertThat(IpLiterals.canonical(literal)).isEqualTo(canonical);
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "", " ", "localhost", "example.com", "1.2.3.4.5", "127.1", "10.1.2", "2130706433",
			"010.0.0.1", "10.0.0.01", "00.0.0.0", "0x7f.0.0.1", "0x7f000001", "256.0.0.1", "1.2.3.256", "1.2.3",
			"1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4\n", "1.2.3.-4", "+1.2.3.4", "1.2.3.4/8",
			"١.٢.٣.٤", "1.2.3.1000", "1234.1.1.1", ":", ":::", "::1::", "1::2::3", ":1::", "::1:", "1:2:3:4:5:6:7",
			"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::1", "g::1", "fe80::1%1",
			"fe80::1%eth0", "[::1]", "[::1]:80", "::ffff:010.0.0.1", "::ffff:1.2.3", "1.2.3.4::", "::1.2.3.4:5",
			"1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4.5", "2001:db8::1 ", "2001:db8:::1", "1.2.3.4:80",
			"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555", "unknown", "_hidden", "0:0:0:0:0:0:0:0:0:0:0:1" })
	void invalidLiteralsAreRejected(String literal) {
		assertThat(IpLiterals.isValid(literal)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> IpLiterals.canonical(literal));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 100_000 })
	void longInputIsRejectedWithoutWork(int length) {
		assertThat(IpLiterals.isValid("1".repeat(length))).isFalse();
		assertThat(IpLiterals.isValid(":".repeat(length))).isFalse();
	}

	@org.junit.jupiter.api.Test
	void nullIsNotValid() {
		assertThat(IpLiterals.isValid(null)).isFalse();
	}

}
