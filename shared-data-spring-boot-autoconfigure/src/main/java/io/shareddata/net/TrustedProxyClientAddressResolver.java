package io.shareddata.net;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Derives the client address from forwarding headers, believing them only as far as they
 * were written by trusted proxies.
 * <p>
 * When the TCP peer is not a trusted proxy, or the source is {@link ClientAddressSource#PEER},
 * the client is the peer and no header is read: a client cannot claim another address by
 * sending {@code X-Forwarded-For} itself. Otherwise every line of the header is read, last
 * line first and each line right to left (the order in which proxies append). Entries that
 * are trusted proxies are skipped; the first entry that is not is the client. An entry that is
 * not a strict IP literal (a host name, {@code unknown}, an obfuscated identifier, garbage)
 * ends the walk, and the request is judged by the last trusted hop, since nothing to the left
 * of it can be believed. If every entry is a trusted proxy, the left-most one is the client.
 * <p>
 * Header values are parsed with {@link IpLiterals}, so they never cause a DNS look-up.
 */
public final class TrustedProxyClientAddressResolver implements ClientAddressResolver {

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private static final String FORWARDED = "Forwarded";

	private final ClientAddressSource source;

	private final IpAddressSet trustedProxies;

	/**
	 * Creates a new resolver.
	 * @param source where the client address comes from
	 * @param trustedProxies the proxies whose forwarding headers are believed
	 */
	public TrustedProxyClientAddressResolver(ClientAddressSource source, IpAddressSet trustedProxies) {
		this.source = source;
		this.trustedProxies = trustedProxies;
	}

	@Override
	public String resolveClientAddress(HttpServletRequest request) {
		String peer = RemoteAddress.of(request);
		if (this.source == ClientAddressSource.PEER || !this.trustedProxies.contains(peer)) {
			return peer;
		}
		Enumeration<String> headers = request.getHeaders(
				(this.source == ClientAddressSource.FORWARDED) ? FORWARDED : X_FORWARDED_FOR);
		if (headers == null || !headers.hasMoreElements()) {
			return peer;
		}
		List<String> lines = Collections.list(headers);
		// The last trusted hop, kept as (line, range) so that only the answer becomes a String.
		String trustedLine = peer;
		long trustedRange = ForwardedNodes.range(0, peer.length());
		for (int l = lines.size() - 1; l >= 0; l--) {
			String line = lines.get(l);
			int end = line.length();
			while (end >= 0) {
				int comma = line.lastIndexOf(',', end - 1);
				long address = address(line, comma + 1, end);
				if (address == ForwardedNodes.NONE) {
					return text(trustedLine, trustedRange);
				}
				if (!this.trustedProxies.contains(line, ForwardedNodes.start(address), ForwardedNodes.end(address))) {
					return text(line, address);
				}
				trustedLine = line;
				trustedRange = address;
				end = (comma < 0) ? -1 : comma;
			}
		}
		return text(trustedLine, trustedRange);
	}

	/** The address in one comma-separated entry, or {@link ForwardedNodes#NONE}. */
	private long address(String line, int from, int to) {
		if (this.source == ClientAddressSource.FORWARDED) {
			return ForwardedNodes.forAddress(line, from, to);
		}
		int start = ForwardedNodes.skipSpace(line, from, to);
		int end = ForwardedNodes.trimEnd(line, start, to);
		return (IpLiterals.family(line, start, end) != IpLiterals.INVALID) ? ForwardedNodes.range(start, end)
				: ForwardedNodes.NONE;
	}

	private static String text(String line, long range) {
		return line.substring(ForwardedNodes.start(range), ForwardedNodes.end(range));
	}

	@Override
	public boolean isFromTrustedProxy(HttpServletRequest request) {
		return this.trustedProxies.contains(RemoteAddress.of(request));
	}

	@Override
	public @Nullable ForwardedOrigin forwardedOrigin(HttpServletRequest request) {
		if (this.source != ClientAddressSource.FORWARDED || !isFromTrustedProxy(request)) {
			return null;
		}
		return ForwardedOrigin.of(request, resolveClientAddress(request));
	}

	@Override
	public String toString() {
		return "TrustedProxyClientAddressResolver[source=" + this.source + ", trustedProxies=" + this.trustedProxies
				+ "]";
	}

}
