package io.shareddata.headers;

import java.util.Enumeration;
import java.util.function.Predicate;

import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.StringUtils;

/**
 * Whether a request reached the application over HTTPS: either the connection itself is
 * secure ({@code request.isSecure()}, which also reflects Tomcat's {@code RemoteIpValve} and
 * Spring's {@code ForwardedHeaderFilter}), or a trusted proxy says so with
 * {@code X-Forwarded-Proto: https}.
 * <p>
 * The forwarded header counts only when {@link ClientAddressResolver#isFromTrustedProxy}
 * accepts the peer, so a client talking plain HTTP cannot claim HTTPS. Like Tomcat's
 * {@code RemoteIpFilter}, every value of the header (all lines, comma-separated) must be
 * {@code https}.
 */
public final class SecureRequestPredicate implements Predicate<HttpServletRequest> {

	private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

	private final ClientAddressResolver clientAddressResolver;

	/**
	 * Creates a predicate that believes forwarded headers only from proxies the resolver trusts.
	 * @param clientAddressResolver the shared client address resolver
	 */
	public SecureRequestPredicate(ClientAddressResolver clientAddressResolver) {
		this.clientAddressResolver = clientAddressResolver;
	}

	@Override
	public boolean test(HttpServletRequest request) {
		if (request.isSecure()) {
			return true;
		}
		return isForwardedHttps(request) && this.clientAddressResolver.isFromTrustedProxy(request);
	}

	private static boolean isForwardedHttps(HttpServletRequest request) {
		Enumeration<String> lines = request.getHeaders(X_FORWARDED_PROTO);
		if (lines == null) {
			return false;
		}
		boolean https = false;
		while (lines.hasMoreElements()) {
			for (String proto : StringUtils.commaDelimitedListToStringArray(lines.nextElement())) {
				String trimmed = proto.trim();
				if (!trimmed.isEmpty()) {
					if (!"https".equalsIgnoreCase(trimmed)) {
						return false;
					}
					https = true;
				}
			}
		}
		return https;
	}

}
