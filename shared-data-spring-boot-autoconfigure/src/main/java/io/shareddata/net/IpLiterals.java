package io.shareddata.net;

import org.jspecify.annotations.Nullable;

/**
 * Strict parsing of IP address literals, without any name resolution.
 * <p>
 * Accepted: IPv4 as exactly four decimal numbers {@code 0}-{@code 255} without leading zeros
 * ({@code 192.0.2.1}), and IPv6 in the text forms of RFC 4291 section 2.2 (eight groups of one
 * to four hexadecimal digits, at most one {@code ::}, optionally an IPv4 tail such as
 * {@code ::ffff:192.0.2.1}). Rejected: host names, zone ids ({@code fe80::1%eth0}), brackets,
 * whitespace, and the short, octal, hexadecimal or integer IPv4 forms ({@code 127.1},
 * {@code 010.0.0.1}, {@code 0x7f.0.0.1}, {@code 2130706433}) that other parsers read in
 * different ways. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is an IPv4 address.
 * <p>
 * Nothing here touches {@link java.net.InetAddress}: {@code InetAddress.getByName} accepts the
 * ambiguous forms above and sends anything else to DNS, which is how header values turned into
 * attacker-chosen name look-ups elsewhere.
 */
public final class IpLiterals {

	/** {@link #parse} part: the family, {@link #INVALID}, {@link #IPV4} or {@link #IPV6}. */
	static final int FAMILY = 0;

	/** {@link #parse} part: the high 64 bits of an IPv6 address, {@code 0} for IPv4. */
	static final int HIGH = 1;

	/** {@link #parse} part: the low 64 bits of an IPv6 address, the 32 bits of an IPv4 one. */
	static final int LOW = 2;

	static final int INVALID = 0;

	static final int IPV4 = 4;

	static final int IPV6 = 6;

	// "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255": nothing longer can be valid, so long
	// input is refused before any work.
	private static final int MAX_LENGTH = 45;

	private static final long MAPPED_PREFIX = 0xFFFFL;

	private IpLiterals() {
	}

	/**
	 * Returns whether the text is a valid IPv4 or IPv6 literal.
	 * @param text the text to check, may be {@code null}
	 * @return {@code true} if the text is a strict IP literal
	 */
	public static boolean isValid(@Nullable CharSequence text) {
		return text != null && family(text, 0, text.length()) != INVALID;
	}

	/**
	 * Returns the canonical text of an IP literal: dotted quad for IPv4 (including IPv4-mapped
	 * IPv6), RFC 5952 for IPv6 ({@code 0:0:0:0:0:0:0:1} becomes {@code ::1}).
	 * @param text a strict IP literal
	 * @return the canonical text
	 * @throws IllegalArgumentException if the text is not a strict IP literal
	 */
	public static String canonical(CharSequence text) {
		int family = family(text, 0, text.length());
		if (family == INVALID) {
			throw new IllegalArgumentException("Not an IP literal");
		}
		return format(family, parse(text, 0, text.length(), HIGH), parse(text, 0, text.length(), LOW));
	}

	static int family(CharSequence text, int from, int to) {
		return (int) parse(text, from, to, FAMILY);
	}

	/**
	 * Parses {@code text[from, to)} and returns one part of the result. Callers ask for the
	 * {@link #FAMILY} first and then for {@link #HIGH} and {@link #LOW}: parsing a 45-character
	 * string again is cheaper than allocating an object to return 128 bits in, on every request.
	 * @param text the text
	 * @param from the start index, inclusive
	 * @param to the end index, exclusive
	 * @param part {@link #FAMILY}, {@link #HIGH} or {@link #LOW}
	 * @return the part; for an invalid literal {@link #INVALID} ({@code 0}) for every part
	 */
	static long parse(CharSequence text, int from, int to, int part) {
		int length = to - from;
		if (length < 2 || length > MAX_LENGTH) {
			return INVALID;
		}
		for (int i = from; i < to; i++) {
			if (text.charAt(i) == ':') {
				return parseIpv6(text, from, to, part);
			}
		}
		long ipv4 = parseIpv4(text, from, to);
		if (ipv4 < 0) {
			return INVALID;
		}
		return switch (part) {
			case FAMILY -> IPV4;
			case HIGH -> 0;
			default -> ipv4;
		};
	}

	/**
	 * Parses a strict dotted quad.
	 * @return the 32-bit address, or {@code -1}
	 */
	private static long parseIpv4(CharSequence text, int from, int to) {
		long value = 0;
		int parts = 0;
		int i = from;
		while (true) {
			int start = i;
			int octet = 0;
			while (i < to && isDigit(text.charAt(i))) {
				octet = octet * 10 + (text.charAt(i) - '0');
				i++;
				if (i - start > 3) {
					return -1;
				}
			}
			int digits = i - start;
			if (digits == 0 || (digits > 1 && text.charAt(start) == '0') || octet > 255) {
				return -1;
			}
			value = (value << 8) | octet;
			parts++;
			if (i == to) {
				return (parts == 4) ? value : -1;
			}
			if (parts == 4 || text.charAt(i) != '.') {
				return -1;
			}
			i++;
		}
	}

	private static long parseIpv6(CharSequence text, int from, int to, int part) {
		// Groups are shifted into a 128-bit accumulator (high, low). The groups before "::" are
		// set aside when it is met and shifted into place at the end.
		long high = 0;
		long low = 0;
		int groups = 0;
		long headHigh = 0;
		long headLow = 0;
		int headGroups = -1;
		int i = from;
		if (text.charAt(i) == ':') {
			if (text.charAt(i + 1) != ':') {
				return INVALID;
			}
			headGroups = 0;
			i += 2;
		}
		while (i < to) {
			int start = i;
			int group = 0;
			int digit;
			while (i < to && (digit = hexValue(text.charAt(i))) >= 0) {
				group = (group << 4) | digit;
				i++;
				if (i - start > 4) {
					return INVALID;
				}
			}
			if (i < to && text.charAt(i) == '.') {
				// An IPv4 tail: the last 32 bits, so it must end the literal.
				long ipv4 = (groups + 2 <= 8) ? parseIpv4(text, start, to) : -1;
				if (ipv4 < 0) {
					return INVALID;
				}
				high = (high << 32) | (low >>> 32);
				low = (low << 32) | ipv4;
				groups += 2;
				break;
			}
			if (i == start) {
				return INVALID;
			}
			high = (high << 16) | (low >>> 48);
			low = (low << 16) | group;
			groups++;
			if (groups > 8) {
				return INVALID;
			}
			if (i == to) {
				break;
			}
			if (text.charAt(i) != ':') {
				return INVALID;
			}
			i++;
			if (i == to) {
				return INVALID;
			}
			if (text.charAt(i) == ':') {
				if (headGroups >= 0) {
					return INVALID;
				}
				headGroups = groups;
				headHigh = high;
				headLow = low;
				high = 0;
				low = 0;
				i++;
			}
		}
		if (headGroups >= 0) {
			if (groups > 7) {
				return INVALID;
			}
			// The head goes to the top: shift it left past the tail and the elided zeros.
			int shift = 16 * (8 - headGroups);
			high |= shiftLeftHigh(headHigh, headLow, shift);
			low |= shiftLeftLow(headLow, shift);
		}
		else if (groups != 8) {
			return INVALID;
		}
		boolean mapped = high == 0 && (low >>> 32) == MAPPED_PREFIX;
		return switch (part) {
			case FAMILY -> mapped ? IPV4 : IPV6;
			case HIGH -> mapped ? 0 : high;
			default -> mapped ? (low & 0xFFFFFFFFL) : low;
		};
	}

	private static long shiftLeftHigh(long high, long low, int shift) {
		if (shift >= 128) {
			return 0;
		}
		if (shift >= 64) {
			return low << (shift - 64);
		}
		return (shift == 0) ? high : (high << shift) | (low >>> (64 - shift));
	}

	private static long shiftLeftLow(long low, int shift) {
		return (shift >= 64) ? 0 : low << shift;
	}

	private static boolean isDigit(char c) {
		// Not Character.isDigit: that also accepts non-ASCII digits such as U+0661.
		return c >= '0' && c <= '9';
	}

	private static int hexValue(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

	/**
	 * Formats an address: dotted quad for IPv4, RFC 5952 for IPv6 (lower case, no leading
	 * zeros, the first longest run of two or more zero groups as {@code ::}).
	 */
	static String format(int family, long high, long low) {
		if (family == IPV4) {
			return ((low >>> 24) & 0xFF) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "." + (low & 0xFF);
		}
		int[] groups = new int[8];
		for (int g = 0; g < 8; g++) {
			long half = (g < 4) ? high : low;
			groups[g] = (int) ((half >>> (16 * (3 - (g % 4)))) & 0xFFFF);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int g = 0; g < 8;) {
			if (groups[g] != 0) {
				g++;
				continue;
			}
			int start = g;
			while (g < 8 && groups[g] == 0) {
				g++;
			}
			if (g - start > bestLength) {
				bestStart = start;
				bestLength = g - start;
			}
		}
		StringBuilder text = new StringBuilder(39);
		for (int g = 0; g < 8; g++) {
			if (g == bestStart) {
				text.append("::");
				g += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[g]));
		}
		return text.toString();
	}

}
