package io.shareddata.logging;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.UnaryOperator;

import io.shareddata.http.LogValueEscaper;
import org.jspecify.annotations.Nullable;

/**
 * The access-log formats of Apache httpd and nginx, exactly: common
 * ({@code %h %l %u %t "%r" %>s %b}) and combined (common followed by
 * {@code "%{Referer}i" "%{User-agent}i"}). A missing value is {@code -}, and {@code %b} is
 * {@code -} when no body byte was sent. {@code %t} is the time the request was received, as
 * httpd writes it.
 */
final class AccessLogFormatter implements RequestLogFormatter {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
		.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.US)
		.withZone(ZoneId.systemDefault());

	private final LogValueEscaper escaper;

	private final boolean combined;

	AccessLogFormatter(LogValueEscaper escaper, boolean combined) {
		this.escaper = escaper;
		this.combined = combined;
	}

	@Override
	public String format(RequestLogEntry entry) {
		LoggedRequest request = entry.request();
		StringBuilder line = new StringBuilder(160);
		line.append(this.escaper.escapeField(request.clientAddress()));
		line.append(" - ");
		line.append(orDash(request.remoteUser(), this.escaper::escapeField));
		line.append(' ').append(TIMESTAMP.format(request.receivedAt()));
		line.append(" \"");
		TextRequestLogFormatter.appendTarget(line, request, this.escaper);
		line.append(' ').append(this.escaper.escapeField(request.protocol())).append('"');
		line.append(' ').append(entry.status());
		line.append(' ');
		if (entry.bytesSent() > 0) {
			line.append(entry.bytesSent());
		}
		else {
			line.append('-');
		}
		if (this.combined) {
			line.append(" \"").append(orDash(request.referer(), this.escaper::escape)).append('"');
			line.append(" \"").append(orDash(request.userAgent(), this.escaper::escape)).append('"');
		}
		return line.toString();
	}

	@Override
	public String formatStart(LoggedRequest request) {
		return TextRequestLogFormatter.startLine(request, this.escaper);
	}

	/** The escaped value, or {@code -} for none: the user is a bare field, the others are quoted. */
	private static String orDash(@Nullable String value, UnaryOperator<String> escape) {
		return (value != null && !value.isEmpty()) ? escape.apply(value) : "-";
	}

}
