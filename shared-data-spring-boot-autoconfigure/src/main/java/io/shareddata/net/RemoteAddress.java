package io.shareddata.net;

import jakarta.servlet.ServletRequest;

/**
 * The TCP peer of a request, {@link ServletRequest#getRemoteAddr()}, as the same IP literal on
 * every container: Tomcat writes an IPv6 peer as {@code 0:0:0:0:0:0:0:1}, Jetty in brackets,
 * as in a URI's host ({@code [0:0:0:0:0:0:0:1]}). The brackets are removed, so the address
 * parses, matches and is logged the same on both.
 */
public final class RemoteAddress {

	private RemoteAddress() {
	}

	/**
	 * Returns the request's TCP peer address, without brackets around an IPv6 address.
	 * @param request the request
	 * @return the peer address as the container reports it, brackets removed
	 */
	public static String of(ServletRequest request) {
		String address = request.getRemoteAddr();
		int length = (address != null) ? address.length() : 0;
		if (length > 2 && address.charAt(0) == '[' && address.charAt(length - 1) == ']') {
			return address.substring(1, length - 1);
		}
		return address;
	}

}
