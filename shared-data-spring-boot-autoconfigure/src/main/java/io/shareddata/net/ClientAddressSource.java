package io.shareddata.net;

/**
 * Where the client address of a request comes from.
 */
public enum ClientAddressSource {

	/**
	 * The TCP peer ({@code getRemoteAddr()}, see {@link RemoteAddress}); no header is read.
	 */
	PEER,

	/**
	 * The {@code X-Forwarded-For} header, read right to left past trusted proxies.
	 */
	X_FORWARDED_FOR,

	/**
	 * The {@code for=} parameters of the RFC 7239 {@code Forwarded} header, read right to left
	 * past trusted proxies.
	 */
	FORWARDED

}
