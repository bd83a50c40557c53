package io.shareddata.net;

/**
 * Finds the address in one element of an RFC 7239 {@code Forwarded} header, by index
 * arithmetic so that nothing is allocated.
 * <p>
 * Only an IP node counts: {@code for=192.0.2.1}, {@code for="192.0.2.1:8080"},
 * {@code for="[2001:db8::1]"}, {@code for="[2001:db8::1]:8080"}. {@code unknown}, obfuscated
 * identifiers ({@code _hidden}), an element without {@code for=} or with two of them, and
 * anything malformed give "no address", which ends the walk.
 * <p>
 * Elements are split on every comma and pairs on every semicolon, even inside quotes: no
 * valid {@code for=} value contains either, so a quoted comma elsewhere in an element only
 * makes that element unreadable, which is the safe outcome. Text left of the first untrusted
 * hop is never reached, so a client cannot use quoting to hide the hops that trusted proxies
 * appended after it.
 */
final class ForwardedNodes {

	static final long NONE = -1;

	private ForwardedNodes() {
	}

	/**
	 * Locates the address of the {@code for=} node in {@code line[from, to)}, one element.
	 * @return {@code start << 32 | end} of the address text, or {@link #NONE}
	 */
	static long forAddress(String line, int from, int to) {
		long found = NONE;
		int pairStart = from;
		while (pairStart <= to) {
			int semicolon = indexOf(line, ';', pairStart, to);
			int pairEnd = (semicolon < 0) ? to : semicolon;
			int nameStart = skipSpace(line, pairStart, pairEnd);
			if (pairEnd - nameStart >= 4 && line.regionMatches(true, nameStart, "for=", 0, 4)) {
				if (found != NONE) {
					return NONE;
				}
				found = node(line, nameStart + 4, trimEnd(line, nameStart + 4, pairEnd));
				if (found == NONE) {
					return NONE;
				}
			}
			pairStart = pairEnd + 1;
		}
		return found;
	}

	private static long node(String line, int from, int to) {
		if (from >= to) {
			return NONE;
		}
		boolean quoted = line.charAt(from) == '"';
		if (quoted) {
			if (to - from < 2 || line.charAt(to - 1) != '"') {
				return NONE;
			}
			from++;
			to--;
			for (int i = from; i < to; i++) {
				if (line.charAt(i) == '"' || line.charAt(i) == '\\') {
					return NONE;
				}
			}
		}
		if (from < to && line.charAt(from) == '[') {
			// "[v6]" or "[v6]:port": ':' and '[' are not token characters, so these must be quoted.
			int close = indexOf(line, ']', from, to);
			if (!quoted || close < 0 || !validPort(line, close + 1, to)
					|| !isIpv6Text(line, from + 1, close)) {
				return NONE;
			}
			return range(from + 1, close);
		}
		int colon = indexOf(line, ':', from, to);
		int end = (colon < 0) ? to : colon;
		if (end != to && (!quoted || !validPort(line, end, to))) {
			return NONE;
		}
		// Unbracketed, the node is IPv4 (a bare IPv6 address is not valid RFC 7239).
		return (IpLiterals.parse(line, from, end, IpLiterals.FAMILY) == IpLiterals.IPV4) ? range(from, end) : NONE;
	}

	/** Whether {@code line[from, to)} is an IPv6 literal (which may be IPv4-mapped). */
	private static boolean isIpv6Text(String line, int from, int to) {
		return indexOf(line, ':', from, to) >= 0 && IpLiterals.family(line, from, to) != IpLiterals.INVALID;
	}

	/**
	 * {@code line.indexOf(c, from)} that stops at {@code to}: a search past the element would
	 * make walking a header of many elements take time quadratic in its length.
	 */
	private static int indexOf(String line, char c, int from, int to) {
		for (int i = from; i < to; i++) {
			if (line.charAt(i) == c) {
				return i;
			}
		}
		return -1;
	}

	/** Whether {@code line[from, to)} is empty or ":" followed by a port or an obfuscated port. */
	private static boolean validPort(String line, int from, int to) {
		if (from == to) {
			return true;
		}
		if (line.charAt(from) != ':' || to - from < 2) {
			return false;
		}
		if (line.charAt(from + 1) == '_') {
			for (int i = from + 2; i < to; i++) {
				char c = line.charAt(i);
				if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '_' && c != '-') {
					return false;
				}
			}
			return to - from > 2;
		}
		if (to - from - 1 > 5) {
			return false;
		}
		for (int i = from + 1; i < to; i++) {
			if (line.charAt(i) < '0' || line.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	static int skipSpace(String line, int from, int to) {
		while (from < to && isSpace(line.charAt(from))) {
			from++;
		}
		return from;
	}

	static int trimEnd(String line, int from, int to) {
		while (to > from && isSpace(line.charAt(to - 1))) {
			to--;
		}
		return to;
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t';
	}

	static long range(int start, int end) {
		return ((long) start << 32) | end;
	}

	static int start(long range) {
		return (int) (range >>> 32);
	}

	static int end(long range) {
		return (int) range;
	}

}
