package io.shareddata.headers;

import java.util.Enumeration;
import java.util.function.Predicate;

import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.ForwardedOrigin;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Whether a request reached the application over HTTPS: either the connection itself is
 * secure ({@code request.isSecure()}, which also reflects Tomcat's {@code RemoteIpValve} and
 * Spring's {@code ForwardedHeaderFilter}), or a trusted proxy says so with
 * {@code X-Forwarded-Proto: https}, or, without that header, with {@code proto=https} in the
 * RFC 7239 {@code Forwarded} element it wrote for the client, when the resolver takes the
 * client from {@code Forwarded} ({@link ClientAddressResolver#forwardedOrigin}).
 * <p>
 * The forwarded header counts only when {@link ClientAddressResolver#isFromTrustedProxy}
 * accepts the peer, so a client talking plain HTTP cannot claim HTTPS. Like Tomcat's
 * {@code RemoteIpFilter}, every value of the header (all lines, comma-separated) must be
 * {@code https}.
 */
public final class SecureRequestPredicate implements Predicate<HttpServletRequest> {

	private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

	private static final String FORWARDED = "Forwarded";

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
		Boolean forwardedHttps = isForwardedHttps(request);
		if (forwardedHttps != null) {
			return forwardedHttps && this.clientAddressResolver.isFromTrustedProxy(request);
		}
		return request.getHeader(FORWARDED) != null && isRfc7239Https(request);
	}

	/** What a proxy that speaks RFC 7239 recorded for the client, when the resolver takes it from there. */
	private boolean isRfc7239Https(HttpServletRequest request) {
		ForwardedOrigin origin = this.clientAddressResolver.forwardedOrigin(request);
		return origin != null && "https".equalsIgnoreCase(origin.proto());
	}

	/** Whether every X-Forwarded-Proto value is https, or {@code null} when there is none. */
	private static @Nullable Boolean isForwardedHttps(HttpServletRequest request) {
		Enumeration<String> lines = request.getHeaders(X_FORWARDED_PROTO);
		if (lines == null) {
			return null;
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
		return https ? Boolean.TRUE : null;
	}

}
