package io.shareddata.logging;

import io.shareddata.http.LogValueEscaper;

/**
 * Turns a request into a log line. Implementations escape every value with the
 * {@link LogValueEscaper} they were given.
 */
public interface RequestLogFormatter {

	/**
	 * Formats the line written when an exchange completes.
	 * @param entry the completed exchange
	 * @return the line
	 */
	String format(RequestLogEntry entry);

	/**
	 * Formats the line written when a request arrives (the seed's {@code Incoming request: GET /}).
	 * @param request the request
	 * @return the line
	 */
	String formatStart(LoggedRequest request);

	/**
	 * Creates the formatter of a format.
	 * @param format the format
	 * @param escaper the escaper applied to every value
	 * @return the formatter
	 */
	static RequestLogFormatter of(RequestLogFormat format, LogValueEscaper escaper) {
		return switch (format) {
			case TEXT -> new TextRequestLogFormatter(escaper);
			case COMMON -> new AccessLogFormatter(escaper, false);
			case COMBINED -> new AccessLogFormatter(escaper, true);
			case JSON -> new JsonRequestLogFormatter(escaper);
		};
	}

}
