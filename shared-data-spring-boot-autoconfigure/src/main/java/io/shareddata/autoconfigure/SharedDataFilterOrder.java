package io.shareddata.autoconfigure;

/**
 * The default order of every shareddata filter, in one place: this is the onion. A lower
 * number runs earlier (further out). Each value is the default of
 * {@code shareddata.<feature>.order} and can be changed there.
 * <p>
 * Outermost first: request logging, custom headers, IP allow-list, then Spring Security's
 * filter chain ({@code -100}), then dispatch mounts, shared data, and the application.
 * Spring Boot's {@code ForwardedHeaderFilter} ({@code Ordered.HIGHEST_PRECEDENCE}) and
 * observation filter ({@code HIGHEST_PRECEDENCE + 1}) stay outside all of them.
 */
public final class SharedDataFilterOrder {

	/**
	 * Request logging is outermost, so the line it writes times and reports what every other
	 * filter answered (a 403 from the allow-list, a file from shared data).
	 */
	public static final int REQUEST_LOGGING = -2147483638;

	/**
	 * Custom headers wrap everything below them, so their headers also reach the allow-list's
	 * 403, files, proxied and error responses.
	 */
	public static final int HEADERS = -2147483628;

	/**
	 * The IP allow-list runs before Spring Security, mounts, files and the application, so it
	 * guards all of them and a denied client costs as little as possible.
	 */
	public static final int IP_ALLOWLIST = -2147483618;

	/**
	 * Dispatch mounts run after Spring Security (-100), so security rules cover mounted
	 * applications, and before shared data, so a mount owns its whole prefix.
	 */
	public static final int DISPATCH = -60;

	/**
	 * Shared data runs after security and mounts and just before the application, which it
	 * falls through to for anything it does not serve.
	 */
	public static final int FILES = -50;

	private SharedDataFilterOrder() {
	}

}
