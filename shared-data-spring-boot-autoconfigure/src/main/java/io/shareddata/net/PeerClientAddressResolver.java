package io.shareddata.net;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The safe default: the client is the TCP peer ({@link RemoteAddress}) and no forwarding
 * header is believed.
 */
public final class PeerClientAddressResolver implements ClientAddressResolver {

	@Override
	public String resolveClientAddress(HttpServletRequest request) {
		return RemoteAddress.of(request);
	}

	@Override
	public boolean isFromTrustedProxy(HttpServletRequest request) {
		return false;
	}

}
