package io.shareddata.headers;

import java.util.List;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The security preset: common security headers as {@link HeaderMode#SET_IF_ABSENT} rules, so
 * a value the application sets itself always wins. {@code Strict-Transport-Security} is only
 * ever written on secure requests: over plain HTTP it is meaningless at best, and behind a
 * misconfigured proxy it could pin a host to HTTPS it does not serve.
 */
public final class SecurityHeaders {

	/**
	 * The HSTS header name.
	 */
	public static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	private SecurityHeaders() {
	}

	/**
	 * Returns the preset's rules, for every path.
	 * @param secureRequest decides whether a request is secure, see
	 * {@link SecureRequestPredicate}
	 * @return the rules, in the order they are applied
	 */
	public static List<HeaderRule> preset(Predicate<HttpServletRequest> secureRequest) {
		return List.of(HeaderRule.of("X-Content-Type-Options", "nosniff", HeaderMode.SET_IF_ABSENT),
				HeaderRule.of("Referrer-Policy", "strict-origin-when-cross-origin", HeaderMode.SET_IF_ABSENT),
				HeaderRule.of("X-Frame-Options", "DENY", HeaderMode.SET_IF_ABSENT),
				HeaderRule.of("Cross-Origin-Opener-Policy", "same-origin", HeaderMode.SET_IF_ABSENT),
				HeaderRule.of(STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains", HeaderMode.SET_IF_ABSENT)
					.when(secureRequest));
	}

	/**
	 * Restricts a rule that writes {@code Strict-Transport-Security} to secure requests, so
	 * a user's own HSTS rule is never sent over plain HTTP either. Other rules, and rules that
	 * remove the header, are returned unchanged.
	 * @param rule the rule
	 * @param secureRequest decides whether a request is secure
	 * @return the rule, restricted if it writes HSTS
	 */
	public static HeaderRule secureOnlyIfHsts(HeaderRule rule, Predicate<HttpServletRequest> secureRequest) {
		if (STRICT_TRANSPORT_SECURITY.equalsIgnoreCase(rule.getName()) && rule.getMode() != HeaderMode.REMOVE) {
			return rule.when(secureRequest);
		}
		return rule;
	}

}
