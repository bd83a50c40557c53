package io.shareddata.dispatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.ForwardedOrigin;
import io.shareddata.net.RemoteAddress;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The {@code X-Forwarded-*} headers a proxy mount sends upstream.
 * <p>
 * From a trusted proxy (as the shared {@link ClientAddressResolver} decides) the incoming
 * values describe the original client and are kept: {@code X-Forwarded-For} gets the
 * trusted peer appended (the hop that reached us, as every proxy in the chain does), and
 * {@code -Prefix} gets this mount appended. A trusted proxy that speaks RFC 7239 instead
 * has its {@code proto=} and {@code host=} for the client passed on as {@code -Proto} and
 * {@code -Host} ({@link ClientAddressResolver#forwardedOrigin}). From anyone else they could
 * be forged and are replaced: {@code X-Forwarded-For} is the resolved client address alone.
 * The other headers that name the client ({@code X-Real-IP} and the like) are passed on from a
 * trusted proxy and dropped from anyone else.
 */
final class ForwardedHeaders {

	static final Set<String> SET = Set.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
			"x-forwarded-prefix");

	/**
	 * Headers in which other proxies and CDNs name the client by one address (nginx's
	 * {@code X-Real-IP}, Akamai's and Cloudflare's {@code True-Client-IP}, Cloudflare's and
	 * Fastly's own). An upstream that reads one must never get a value a client wrote, so they
	 * pass only from a trusted proxy, like {@code X-Forwarded-*}.
	 */
	private static final Set<String> CLIENT_ADDRESS = Set.of("x-real-ip", "true-client-ip", "cf-connecting-ip",
			"fastly-client-ip", "x-client-ip", "x-cluster-client-ip");

	private static final String X_FORWARDED = "x-forwarded-";

	private ForwardedHeaders() {
	}

	/**
	 * Whether an incoming header passes to the upstream as sent: not the ones {@link #of} sets
	 * nor {@code Forwarded} (its chain could disagree with {@code X-Forwarded-For}), and the other
	 * headers that describe the client only from a trusted proxy. An underscore counts as a
	 * hyphen: Tomcat, Jetty and the JDK client keep {@code X_Real_IP} as sent, and a CGI, WSGI or
	 * Rack upstream reads it as {@code X-Real-IP} (both are {@code HTTP_X_REAL_IP}).
	 * @param lowerName the header name in lower case
	 * @param trusted whether the peer is a trusted proxy
	 * @return whether to pass the header on
	 */
	static boolean passesOn(String lowerName, boolean trusted) {
		String name = lowerName.replace('_', '-');
		if (SET.contains(name) || name.equals("forwarded")) {
			return false;
		}
		return trusted || !(name.startsWith(X_FORWARDED) || CLIENT_ADDRESS.contains(name));
	}

	static Map<String, String> of(MountedRequest request, boolean trusted, ClientAddressResolver resolver) {
		HttpServletRequest original = request.getRequest();
		Map<String, String> headers = new LinkedHashMap<>();
		String chain = trusted ? joined(original, "X-Forwarded-For") : null;
		headers.put("X-Forwarded-For", (chain != null) ? chain + ", " + RemoteAddress.of(original)
				: resolver.resolveClientAddress(original));
		String proto = trusted ? joined(original, "X-Forwarded-Proto") : null;
		String host = trusted ? joined(original, "X-Forwarded-Host") : null;
		ForwardedOrigin origin = (trusted && (proto == null || host == null)) ? resolver.forwardedOrigin(original)
				: null;
		if (proto == null && origin != null) {
			proto = origin.proto();
		}
		if (host == null && origin != null) {
			host = origin.host();
		}
		headers.put("X-Forwarded-Proto", (proto != null) ? proto : original.getScheme());
		headers.put("X-Forwarded-Host", (host != null) ? host : host(original));
		String prefix = trusted ? joined(original, "X-Forwarded-Prefix") : null;
		headers.put("X-Forwarded-Prefix", ((prefix != null) ? StringUtils.trimTrailingCharacter(prefix, '/') : "")
				+ request.getContextPath());
		return headers;
	}

	private static @Nullable String joined(HttpServletRequest request, String name) {
		String value = String.join(", ", Collections.list(request.getHeaders(name)));
		return StringUtils.hasText(value) ? value : null;
	}

	private static String host(HttpServletRequest request) {
		String host = request.getHeader("Host");
		if (StringUtils.hasText(host)) {
			return host;
		}
		int port = request.getServerPort();
		boolean defaultPort = (port == 80 && "http".equals(request.getScheme()))
				|| (port == 443 && "https".equals(request.getScheme()));
		return defaultPort ? request.getServerName() : request.getServerName() + ":" + port;
	}

}
