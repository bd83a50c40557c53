package io.shareddata.logging;

import io.shareddata.http.LogValueEscaper;
import java.util.Map;

/**
 * The readable format: {@code GET /hello 200 27B 1.23ms client=127.0.0.1 id=...}, followed by
 * the configured headers as {@code Name="value"}.
 */
final class TextRequestLogFormatter implements RequestLogFormatter {

	private final LogValueEscaper escaper;

	TextRequestLogFormatter(LogValueEscaper escaper) {
		this.escaper = escaper;
	}

	@Override
	public String format(RequestLogEntry entry) {
		LoggedRequest request = entry.request();
		StringBuilder line = new StringBuilder(128);
		appendTarget(line, request, this.escaper);
		line.append(' ').append(entry.status());
		line.append(' ').append(entry.bytesSent()).append('B');
		appendMillis(line.append(' '), entry).append("ms");
		line.append(" client=").append(this.escaper.escapeField(request.clientAddress()));
		line.append(" id=").append(this.escaper.escapeField(request.requestId()));
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			line.append(' ').append(this.escaper.escapeField(header.getKey()));
			line.append("=\"").append(this.escaper.escape(header.getValue())).append('"');
		}
		return line.toString();
	}

	@Override
	public String formatStart(LoggedRequest request) {
		return startLine(request, this.escaper);
	}

	/**
	 * Appends {@link RequestLogEntry#durationMillis()} as its plain string, from the long rather
	 * than through a {@code BigDecimal}: this runs on every request.
	 */
	private static StringBuilder appendMillis(StringBuilder line, RequestLogEntry entry) {
		long hundredths = entry.durationHundredthsOfMillis();
		if (hundredths < 0) {
			// never from a clock that only moves forward; left to BigDecimal's sign handling
			return line.append(entry.durationMillis().toPlainString());
		}
		long fraction = hundredths % 100;
		return line.append(hundredths / 100).append((fraction < 10) ? ".0" : ".").append(fraction);
	}

	/**
	 * The seed's start line, shared by the text and access-log formats.
	 */
	static String startLine(LoggedRequest request, LogValueEscaper escaper) {
		return appendTarget(new StringBuilder("Incoming request: "), request, escaper).toString();
	}

	/**
	 * Appends {@code METHOD path[?query]}, each part escaped as a field: the path is decoded and
	 * may hold spaces, and log readers split a request line at them.
	 */
	static StringBuilder appendTarget(StringBuilder line, LoggedRequest request, LogValueEscaper escaper) {
		line.append(escaper.escapeField(request.method())).append(' ').append(escaper.escapeField(request.path()));
		String query = request.query();
		if (query != null) {
			line.append('?').append(escaper.escapeField(query));
		}
		return line;
	}

}
