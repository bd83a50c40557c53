package io.shareddata.files;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats HTTP dates in the IMF-fixdate form of RFC 9110 ({@code Sun, 06 Nov 1994 08:49:37 GMT}),
 * the pattern Spring's {@code HttpHeaders} uses. Parsing is left to the container's
 * {@code getDateHeader}.
 */
final class HttpDates {

	private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private HttpDates() {
	}

	static String format(long epochMillis) {
		return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
	}

}
