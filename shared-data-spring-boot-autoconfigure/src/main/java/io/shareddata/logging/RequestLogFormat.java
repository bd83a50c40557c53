package io.shareddata.logging;

/**
 * The formats a request log line can take.
 */
public enum RequestLogFormat {

	/**
	 * A readable line: {@code GET /hello 200 27B 1.23ms client=127.0.0.1 id=...}.
	 */
	TEXT,

	/**
	 * The Common Log Format of Apache httpd and nginx: {@code %h %l %u %t "%r" %>s %b}.
	 */
	COMMON,

	/**
	 * The Combined Log Format: the common format followed by {@code "%{Referer}i" "%{User-agent}i"}.
	 */
	COMBINED,

	/**
	 * One JSON object per line (needs {@code tools.jackson.core:jackson-core}).
	 */
	JSON

}
