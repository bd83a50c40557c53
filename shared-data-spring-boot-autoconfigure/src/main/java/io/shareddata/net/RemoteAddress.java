package io.shareddata.net;

import jakarta.servlet.ServletRequest;

/**
 * The TCP peer of a request, {@link ServletRequest#getRemoteAddr()}, as the same IP literal on
 * every container: Tomcat writes an IPv6 peer as {@code 0:0:0:0:0:0:0:1}, Jetty in brackets,
 * as in a URI's host ({@code [0:0:0:0:0:0:0:1]}). The brackets are removed, so the address
 * parses, matches and is logged the same on both. So is the zone the JDK appends to a
 * link-local peer ({@code fe80:0:0:0:0:0:0:1%4}): it names the server's own interface, and
 * without it the address is the strict literal an allow-list or proxy list can match.
 */
public final class RemoteAddress {

	private RemoteAddress() {
	}

	/**
	 * Returns the request's TCP peer address, without brackets around an IPv6 address or the
	 * zone of a link-local one.
	 * @param request the request
	 * @return the peer address as the container reports it, brackets and zone removed
	 */
	public static String of(ServletRequest request) {
		String address = request.getRemoteAddr();
		int length = (address != null) ? address.length() : 0;
		int start = 0;
		int end = length;
		if (length > 2 && address.charAt(0) == '[' && address.charAt(length - 1) == ']') {
			start = 1;
			end = length - 1;
		}
		int zone = (address != null) ? address.indexOf('%', start) : -1;
		if (zone > start && zone < end - 1 && address.lastIndexOf(':', zone) >= start) {
			end = zone;
		}
		return (start == 0 && end == length) ? address : address.substring(start, end);
	}

}
