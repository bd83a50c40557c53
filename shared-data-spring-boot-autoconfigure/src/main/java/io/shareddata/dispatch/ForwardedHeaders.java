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
 */
final class ForwardedHeaders {

	static final Set<String> SET = Set.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
			"x-forwarded-prefix");

	private ForwardedHeaders() {
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
