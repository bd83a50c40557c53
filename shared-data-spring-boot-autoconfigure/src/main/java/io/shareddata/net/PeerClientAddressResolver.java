package io.shareddata.net;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The safe default: the client is the TCP peer and no forwarding header is believed.
 */
public final class PeerClientAddressResolver implements ClientAddressResolver {

	@Override
	public String resolveClientAddress(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

	@Override
	public boolean isFromTrustedProxy(HttpServletRequest request) {
		return false;
	}

}
