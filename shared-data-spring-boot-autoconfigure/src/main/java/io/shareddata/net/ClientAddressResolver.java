package io.shareddata.net;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Decides which address a request came from. Exactly one instance serves every shareddata
 * feature (IP allow-list, request logging, custom headers, proxy mounts), so all of them agree
 * on who the client is. Replace it by declaring your own bean of this type.
 */
public interface ClientAddressResolver {

	/**
	 * Returns the address of the client that sent the request.
	 * @param request the current request
	 * @return the client address as IP literal text; the TCP peer's address when no forwarding
	 * header may be believed
	 */
	String resolveClientAddress(HttpServletRequest request);

	/**
	 * Returns whether the request's TCP peer is a trusted proxy, so that forwarding headers it
	 * sent ({@code X-Forwarded-*}, {@code Forwarded}) may be believed.
	 * @param request the current request
	 * @return {@code true} only when the peer is a configured trusted proxy
	 */
	boolean isFromTrustedProxy(HttpServletRequest request);

	/**
	 * Returns what the trusted proxy that received the request from the client recorded about
	 * it in RFC 7239 {@code Forwarded}: the protocol and {@code Host} the client used. Only a
	 * resolver that takes the client from {@code Forwarded} knows that header was written by
	 * its proxies; behind proxies that write {@code X-Forwarded-*}, a {@code Forwarded} header
	 * is whatever the client sent.
	 * @param request the current request
	 * @return the origin, or {@code null} (the default) when not known
	 */
	default @Nullable ForwardedOrigin forwardedOrigin(HttpServletRequest request) {
		return null;
	}

}
