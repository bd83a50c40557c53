package io.shareddata.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An immutable set of IP addresses and CIDR ranges of both families, for allow-lists and
 * trusted proxies.
 * <p>
 * {@link #contains(CharSequence)} is what runs on every request: it parses the address text
 * into primitives (an IPv4 address into 32 bits, an IPv6 one into two {@code long}s) and
 * compares them with each range, so it allocates nothing and never throws. Ranges are
 * checked one by one, which suits the tens of entries such lists have in practice.
 */
public final class IpAddressSet {

	private static final IpAddressSet EMPTY = new IpAddressSet(new IpRange[0]);

	private final IpRange[] ranges;

	private IpAddressSet(IpRange[] ranges) {
		this.ranges = ranges;
	}

	/**
	 * Returns the empty set, which contains nothing.
	 * @return the empty set
	 */
	public static IpAddressSet empty() {
		return EMPTY;
	}

	/**
	 * Creates a set of the given ranges.
	 * @param ranges the ranges
	 * @return the set
	 */
	public static IpAddressSet of(Collection<IpRange> ranges) {
		return ranges.isEmpty() ? EMPTY : new IpAddressSet(ranges.toArray(new IpRange[0]));
	}

	/**
	 * Parses each entry with {@link IpRange#parse(String)}.
	 * @param entries IP literals and CIDR ranges
	 * @return the set
	 * @throws InvalidIpRangeException for the first invalid entry
	 */
	public static IpAddressSet parse(Collection<String> entries) {
		List<IpRange> ranges = new ArrayList<>(entries.size());
		for (String entry : entries) {
			ranges.add(IpRange.parse(entry));
		}
		return of(ranges);
	}

	/**
	 * Returns whether the address is in one of the ranges.
	 * @param address an IP literal, may be {@code null}
	 * @return {@code true} if the address is a strict literal inside one of the ranges;
	 * {@code false} for anything else, including invalid text
	 */
	public boolean contains(@Nullable CharSequence address) {
		return address != null && contains(address, 0, address.length());
	}

	/**
	 * Returns whether {@code text[from, to)} is an address in one of the ranges, so that
	 * header values can be checked without cutting them into strings first.
	 */
	boolean contains(CharSequence text, int from, int to) {
		if (this.ranges.length == 0) {
			return false;
		}
		int family = IpLiterals.family(text, from, to);
		if (family == IpLiterals.INVALID) {
			return false;
		}
		long high = IpLiterals.parse(text, from, to, IpLiterals.HIGH);
		long low = IpLiterals.parse(text, from, to, IpLiterals.LOW);
		for (IpRange range : this.ranges) {
			if (range.contains(family, high, low)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether the set has no entries.
	 * @return {@code true} if nothing is contained
	 */
	public boolean isEmpty() {
		return this.ranges.length == 0;
	}

	/**
	 * Returns the ranges in configuration order.
	 * @return the ranges
	 */
	public List<IpRange> getRanges() {
		return List.of(this.ranges);
	}

	@Override
	public String toString() {
		return getRanges().toString();
	}

}
