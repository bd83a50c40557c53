package io.shareddata.net;

import org.jspecify.annotations.Nullable;

/**
 * One IP address or CIDR range, IPv4 or IPv6, parsed strictly (see {@link IpLiterals}).
 * <p>
 * An address without a prefix is a range of one ({@code /32} or {@code /128}). An IPv4-mapped
 * IPv6 address or range ({@code ::ffff:10.0.0.0/104}) becomes the IPv4 one
 * ({@code 10.0.0.0/8}). A range only ever contains addresses of its own family: an IPv4 range
 * never matches an IPv6 address, {@code 0.0.0.0/0} is every IPv4 address and {@code ::/0} every
 * IPv6 address.
 */
public final class IpRange {

	private static final int IPV4_MAPPED_PREFIX_LENGTH = 96;

	private final int family;

	private final long high;

	private final long low;

	private final long highMask;

	private final long lowMask;

	private final int prefixLength;

	private IpRange(int family, long high, long low, int prefixLength) {
		this.family = family;
		this.prefixLength = prefixLength;
		if (family == IpLiterals.IPV4) {
			this.highMask = 0;
			this.lowMask = (prefixLength == 0) ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
		}
		else {
			this.highMask = (prefixLength == 0) ? 0 : (prefixLength >= 64) ? -1L : -1L << (64 - prefixLength);
			this.lowMask = (prefixLength <= 64) ? 0 : (prefixLength == 128) ? -1L : -1L << (128 - prefixLength);
		}
		this.high = high & this.highMask;
		this.low = low & this.lowMask;
	}

	/**
	 * Parses an IP literal ({@code 192.0.2.1}, {@code 2001:db8::1}) or a CIDR range
	 * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Never resolves a name.
	 * @param text the text
	 * @return the range
	 * @throws InvalidIpRangeException if the text is not a strict literal or range, the prefix
	 * length is out of range for the family, or bits are set below the prefix
	 */
	public static IpRange parse(String text) {
		int slash = text.indexOf('/');
		int addressEnd = (slash < 0) ? text.length() : slash;
		int family = IpLiterals.family(text, 0, addressEnd);
		if (family == IpLiterals.INVALID) {
			throw new InvalidIpRangeException("'" + text + "' is not an IP address or CIDR range: write IPv4 as four "
					+ "decimal numbers 0-255 without leading zeros and IPv6 in RFC 4291 form; host names, zone ids "
					+ "and short, octal or integer forms are not accepted", null);
		}
		long high = IpLiterals.parse(text, 0, addressEnd, IpLiterals.HIGH);
		long low = IpLiterals.parse(text, 0, addressEnd, IpLiterals.LOW);
		boolean mapped = family == IpLiterals.IPV4 && text.lastIndexOf(':', addressEnd) >= 0;
		int width = (family == IpLiterals.IPV4 && !mapped) ? 32 : 128;
		int prefixLength = (slash < 0) ? width : parsePrefixLength(text, slash + 1, width);
		if (mapped) {
			if (prefixLength < IPV4_MAPPED_PREFIX_LENGTH) {
				throw new InvalidIpRangeException("'" + text + "' is an IPv4-mapped range with a prefix shorter than "
						+ "/96; write the IPv4 range it means instead", null);
			}
			prefixLength -= IPV4_MAPPED_PREFIX_LENGTH;
		}
		IpRange range = new IpRange(family, high, low, prefixLength);
		if (range.high != high || range.low != low) {
			throw new InvalidIpRangeException(
					text + " has host bits set; did you mean " + range + "?", range.toString());
		}
		return range;
	}

	private static int parsePrefixLength(String text, int from, int width) {
		int to = text.length();
		int value = 0;
		boolean valid = to > from && to - from <= 3 && (to - from == 1 || text.charAt(from) != '0');
		for (int i = from; valid && i < to; i++) {
			char c = text.charAt(i);
			valid = c >= '0' && c <= '9';
			value = value * 10 + (c - '0');
		}
		if (!valid || value > width) {
			throw new InvalidIpRangeException("'" + text + "' has an invalid prefix length: it must be a number from 0 to "
					+ width + " for " + ((width == 32) ? "IPv4" : "IPv6"), null);
		}
		return value;
	}

	/**
	 * Returns whether the address is in this range. Never throws and never allocates: an
	 * invalid literal or an address of the other family is simply not contained.
	 * @param address an IP literal, may be {@code null}
	 * @return {@code true} if the address is a strict literal inside this range
	 */
	public boolean contains(@Nullable CharSequence address) {
		if (address == null) {
			return false;
		}
		int length = address.length();
		int family = IpLiterals.family(address, 0, length);
		return family != IpLiterals.INVALID && contains(family, IpLiterals.parse(address, 0, length, IpLiterals.HIGH),
				IpLiterals.parse(address, 0, length, IpLiterals.LOW));
	}

	boolean contains(int family, long high, long low) {
		return family == this.family && (high & this.highMask) == this.high && (low & this.lowMask) == this.low;
	}

	/**
	 * Returns whether this is an IPv4 range.
	 * @return {@code true} for IPv4, {@code false} for IPv6
	 */
	public boolean isIpv4() {
		return this.family == IpLiterals.IPV4;
	}

	/**
	 * Returns the prefix length: 32 or 128 for a single address.
	 * @return the prefix length
	 */
	public int getPrefixLength() {
		return this.prefixLength;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof IpRange range && range.family == this.family && range.high == this.high
				&& range.low == this.low && range.prefixLength == this.prefixLength;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.high) * 31 + Long.hashCode(this.low) * 17 + this.prefixLength * 7 + this.family;
	}

	/**
	 * Returns the canonical text: the address alone for a single address, otherwise
	 * {@code address/prefix}, IPv6 in RFC 5952 form.
	 */
	@Override
	public String toString() {
		String address = IpLiterals.format(this.family, this.high, this.low);
		int width = isIpv4() ? 32 : 128;
		return (this.prefixLength == width) ? address : address + "/" + this.prefixLength;
	}

}
