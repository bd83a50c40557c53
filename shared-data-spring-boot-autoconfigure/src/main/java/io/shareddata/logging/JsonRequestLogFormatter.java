package io.shareddata.logging;

import java.io.StringWriter;
import java.util.Map;

import io.shareddata.http.LogValueEscaper;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One JSON object per line, written with Jackson's streaming generator (never by string
 * concatenation). Values are escaped by the {@link LogValueEscaper} first, then JSON-encoded,
 * so a decoded value reads exactly as in the other formats.
 * <p>
 * Fields: {@code method}, {@code path}, {@code query} (when logged), {@code status},
 * {@code bytes}, {@code durationMs}, {@code client}, {@code requestId}, {@code headers} (when
 * configured and present).
 */
final class JsonRequestLogFormatter implements RequestLogFormatter {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private final LogValueEscaper escaper;

	JsonRequestLogFormatter(LogValueEscaper escaper) {
		this.escaper = escaper;
	}

	@Override
	public String format(RequestLogEntry entry) {
		LoggedRequest request = entry.request();
		StringWriter line = new StringWriter(192);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), line)) {
			json.writeStartObject();
			writeTarget(json, request);
			json.writeNumberProperty("status", entry.status());
			json.writeNumberProperty("bytes", entry.bytesSent());
			json.writeNumberProperty("durationMs", entry.durationMillis());
			json.writeStringProperty("client", this.escaper.escape(request.clientAddress()));
			json.writeStringProperty("requestId", this.escaper.escape(request.requestId()));
			if (!request.headers().isEmpty()) {
				json.writeName("headers");
				json.writeStartObject();
				for (Map.Entry<String, String> header : request.headers().entrySet()) {
					json.writeStringProperty(this.escaper.escape(header.getKey()),
							this.escaper.escape(header.getValue()));
				}
				json.writeEndObject();
			}
			json.writeEndObject();
		}
		return line.toString();
	}

	@Override
	public String formatStart(LoggedRequest request) {
		StringWriter line = new StringWriter(128);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), line)) {
			json.writeStartObject();
			json.writeStringProperty("message", "Incoming request");
			writeTarget(json, request);
			json.writeStringProperty("requestId", this.escaper.escape(request.requestId()));
			json.writeEndObject();
		}
		return line.toString();
	}

	private void writeTarget(JsonGenerator json, LoggedRequest request) {
		json.writeStringProperty("method", this.escaper.escape(request.method()));
		json.writeStringProperty("path", this.escaper.escape(request.path()));
		String query = request.query();
		if (query != null) {
			json.writeStringProperty("query", this.escaper.escape(query));
		}
	}

}
