package io.shareddata.net;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link IpAddressSet}: matching across families, mapped addresses, {@code /0}
 * ranges, and that matching never throws.
 */
class IpAddressSetTests {

	@ParameterizedTest(name = "{0} contains {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			127.0.0.1          | 127.0.0.1                 | true
			127.0.0.1          | 127.0.0.2                 | false
			127.0.0.1          | ::ffff:127.0.0.1          | true
			127.0.0.1          | ::FFFF:7f00:1             | true
			127.0.0.1          | ::1                       | false
			127.0.0.1          | ::127.0.0.1               | false
			::1                | ::1                       | true
			::1                | 0:0:0:0:0:0:0:1           | true
			::1                | 127.0.0.1                 | false
			10.0.0.0/8         | 10.255.255.255            | true
			10.0.0.0/8         | 11.0.0.0                  | false
			10.0.0.0/8         | 9.255.255.255             | false
			10.0.0.0/8         | a00::1                    | false
			10.0.0.0/8         | ::a00:1                   | false
			10.0.0.0/8         | ::ffff:10.1.2.3           | true
			0.0.0.0/0          | 203.0.113.7               | true
			0.0.0.0/0          | ::ffff:203.0.113.7        | true
			0.0.0.0/0          | ::1                       | false
			0.0.0.0/0          | ::                        | false
			::/0               | 2001:db8::1               | true
			::/0               | ::                        | true
			::/0               | 0.0.0.0                   | false
			::/0               | 127.0.0.1                 | false
			::/0               | ::ffff:127.0.0.1          | false
			::/64              | 0.0.0.0                   | false
			::/64              | ::1                       | true
			2001:db8::/32      | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | true
			2001:db8::/32      | 2001:db9::                | false
			2001:db8::/33      | 2001:db8:8000::           | false
			2001:db8::/65      | 2001:db8::7fff:ffff:ffff:ffff | true
			2001:db8::/65      | 2001:db8::8000:0:0:0      | false
			2001:db8::1        | 2001:db8::1               | true
			2001:db8::1        | 2001:db8::2               | false
			::ffff:10.0.0.0/104 | 10.2.3.4                 | true
			10.0.0.0/8         | 10.0.0.1%eth0             | false
			fe80::/10          | fe80::1%eth0              | false
			127.0.0.1          | 127.1                     | false
			127.0.0.1          | 2130706433                | false
			10.0.0.1           | 010.0.0.1                 | false
			127.0.0.1          | localhost                 | false
			""")
	void matchesByFamily(String entry, String address, boolean expected) {
		IpAddressSet set = IpAddressSet.parse(List.of(entry));
		assertThat(set.contains(address)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "", " ", ":", "::::", ".", "1.2.3.4.5", "[::1]", "\u0000", "\uFFFF", "%", "::1%",
			"999.999.999.999", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1.", "a", "::ffff:" })
	void matchingNeverThrows(String address) {
		IpAddressSet set = IpAddressSet.parse(List.of("0.0.0.0/0", "::/0", "10.0.0.0/8", "2001:db8::/32"));
		assertThatNoException().isThrownBy(() -> assertThat(set.contains(address)).isFalse());
	}

	@Test
	void nullIsNotContained() {
		assertThat(IpAddressSet.parse(List.of("0.0.0.0/0", "::/0")).contains(null)).isFalse();
	}

	@Test
	void emptySetContainsNothing() {
		assertThat(IpAddressSet.empty().contains("127.0.0.1")).isFalse();
		assertThat(IpAddressSet.parse(List.of()).isEmpty()).isTrue();
	}

	@Test
	void mixedSetMatchesEachFamily() {
		IpAddressSet set = IpAddressSet.parse(List.of("127.0.0.1", "::1", "10.0.0.0/8", "2001:db8::/32"));
		assertThat(set.contains("127.0.0.1")).isTrue();
		assertThat(set.contains("::1")).isTrue();
		assertThat(set.contains("10.9.8.7")).isTrue();
		assertThat(set.contains("2001:db8::abcd")).isTrue();
		assertThat(set.contains("192.0.2.1")).isFalse();
		assertThat(set.contains("2001:db9::1")).isFalse();
		assertThat(set).hasToString("[127.0.0.1, ::1, 10.0.0.0/8, 2001:db8::/32]");
	}

	@Test
	void matchingAllocatesNothing() {
		IpAddressSet set = IpAddressSet.parse(List.of("127.0.0.1", "::1", "10.0.0.0/8", "2001:db8::/32"));
		String[] addresses = { "10.1.2.3", "192.0.2.1", "2001:db8::1", "::ffff:10.0.0.1", "0:0:0:0:0:0:0:1",
				"fe80::1%eth0", "not an address" };
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long id = Thread.currentThread().getId();
		int matches = 0;
		long before = threads.getThreadAllocatedBytes(id);
		for (int i = 0; i < 100_000; i++) {
			matches += set.contains(addresses[i % addresses.length]) ? 1 : 0;
		}
		long allocated = threads.getThreadAllocatedBytes(id) - before;
		assertThat(matches).isGreaterThan(0);
		// 100,000 checks: a single 16-byte object per check would be 1.6 MB.
		assertThat(allocated).isLessThan(64 * 1024);
	}

}
