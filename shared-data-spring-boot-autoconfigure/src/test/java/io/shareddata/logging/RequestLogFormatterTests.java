package io.shareddata.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.shareddata.http.LogValueEscaper;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link RequestLogFormatter formats}, on fixed entries.
 */
class RequestLogFormatterTests {

	private static final Instant RECEIVED = Instant.parse("2026-11-21T14:05:09Z");

	private final LogValueEscaper escaper = new LogValueEscaper(1024);

	@Test
	void textLineHasEveryField() {
		RequestLogEntry entry = entry("a=1&b=2", Map.of("User-Agent", "curl/8.5.0"), 200, 27, 1_234_567);
		assertThat(format(RequestLogFormat.TEXT, entry))
			.isEqualTo("GET /hello?a=1&b=2 200 27B 1.23ms client=203.0.113.9 id=req-1 User-Agent=\"curl/8.5.0\"");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 4_999, 5_000, 94_999, 95_000, 999_999, 1_004_999, 1_005_000, 60_000_000_000L,
			123_456_789_012_345L, -4_999, -5_000, -1_234_567 })
	void textDurationIsTheJsonDurationInMilliseconds(long nanos) {
		RequestLogEntry entry = entry(null, Map.of(), 200, 0, nanos);
		String expected = entry.durationMillis().toPlainString() + "ms";
		assertThat(format(RequestLogFormat.TEXT, entry)).startsWith("GET /hello 200 0B " + expected + " client=");
	}

	@Test
	void textStartLineIsTheSeedLine() {
		RequestLogEntry entry = entry(null, Map.of(), 200, 0, 0);
		assertThat(formatter(RequestLogFormat.TEXT).formatStart(entry.request()))
			.isEqualTo("Incoming request: GET /hello");
	}

	@Test
	void commonLineIsTheCommonLogFormat() {
		RequestLogEntry entry = entry("a=1", Map.of(), 404, 153, 1_000_000);
		assertThat(format(RequestLogFormat.COMMON, entry))
			.isEqualTo("203.0.113.9 - - " + clfTime() + " \"GET /hello?a=1 HTTP/1.1\" 404 153");
	}

	@Test
	void commonLineWritesDashForNoBody() {
		RequestLogEntry entry = entry(null, Map.of(), 304, 0, 1_000_000);
		assertThat(format(RequestLogFormat.COMMON, entry))
			.isEqualTo("203.0.113.9 - - " + clfTime() + " \"GET /hello HTTP/1.1\" 304 -");
	}

	@Test
	void commonLineHasTheRemoteUser() {
		LoggedRequest request = new LoggedRequest(RECEIVED, "req-1", "GET", "/hello", null, "HTTP/1.1", "203.0.113.9",
				"alice", Map.of(), null, null);
		assertThat(format(RequestLogFormat.COMMON, new RequestLogEntry(request, 200, 5, 0)))
			.isEqualTo("203.0.113.9 - alice " + clfTime() + " \"GET /hello HTTP/1.1\" 200 5");
	}

	@Test
	void combinedLineAddsRefererAndUserAgent() {
		LoggedRequest request = new LoggedRequest(RECEIVED, "req-1", "GET", "/hello", null, "HTTP/1.1", "203.0.113.9",
				null, Map.of(), "https://example.com/", "curl/8.5.0");
		assertThat(format(RequestLogFormat.COMBINED, new RequestLogEntry(request, 200, 5, 0))).isEqualTo("203.0.113.9 - - "
				+ clfTime() + " \"GET /hello HTTP/1.1\" 200 5 \"https://example.com/\" \"curl/8.5.0\"");
	}

	@Test
	void combinedLineWritesDashForMissingHeaders() {
		RequestLogEntry entry = entry(null, Map.of(), 200, 0, 0);
		assertThat(format(RequestLogFormat.COMBINED, entry))
			.isEqualTo("203.0.113.9 - - " + clfTime() + " \"GET /hello HTTP/1.1\" 200 - \"-\" \"-\"");
	}

	@Test
	void jsonLineHasEveryField() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("User-Agent", "curl/8.5.0");
		headers.put("Authorization", "****");
		RequestLogEntry entry = entry("a=1", headers, 201, 27, 12_345_678);
		assertThat(format(RequestLogFormat.JSON, entry))
			.isEqualTo("{\"method\":\"GET\",\"path\":\"/hello\",\"query\":\"a=1\",\"status\":201,\"bytes\":27,"
					+ "\"durationMs\":12.35,\"client\":\"203.0.113.9\",\"requestId\":\"req-1\","
					+ "\"headers\":{\"User-Agent\":\"curl/8.5.0\",\"Authorization\":\"****\"}}");
	}

	@Test
	void jsonLineLeavesOutAbsentQueryAndHeaders() {
		RequestLogEntry entry = entry(null, Map.of(), 200, 0, 0);
		assertThat(format(RequestLogFormat.JSON, entry))
			.isEqualTo("{\"method\":\"GET\",\"path\":\"/hello\",\"status\":200,\"bytes\":0,\"durationMs\":0.00,"
					+ "\"client\":\"203.0.113.9\",\"requestId\":\"req-1\"}");
	}

	@Test
	void jsonStartLine() {
		RequestLogEntry entry = entry(null, Map.of(), 200, 0, 0);
		assertThat(formatter(RequestLogFormat.JSON).formatStart(entry.request())).isEqualTo(
				"{\"message\":\"Incoming request\",\"method\":\"GET\",\"path\":\"/hello\",\"requestId\":\"req-1\"}");
	}

	@Test
	void everyFormatEscapesEveryValue() {
		String hostile = "x\"\r\n\u2028\u0085\u001b[2J\\";
		String escaped = "x\\\"\\r\\n\\u2028\\u0085\\u001b[2J\\\\";
		LoggedRequest request = new LoggedRequest(RECEIVED, "req-1", "GET" + hostile, "/p" + hostile, "q" + hostile,
				"HTTP/1.1", "c" + hostile, "u" + hostile, Map.of("X-Test", "h" + hostile), "r" + hostile,
				"a" + hostile);
		RequestLogEntry entry = new RequestLogEntry(request, 200, 1, 0);
		for (RequestLogFormat format : RequestLogFormat.values()) {
			String line = format(format, entry);
			assertThat(line.chars()).as(format.name())
				.noneMatch((c) -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029);
			assertThat(line).as(format.name()).contains("/p" + escapedFor(format, escaped));
		}
		assertThat(format(RequestLogFormat.TEXT, entry)).contains("?q" + escaped, "client=c" + escaped,
				"X-Test=\"h" + escaped + "\"");
		assertThat(format(RequestLogFormat.COMBINED, entry)).startsWith("c" + escaped + " - u" + escaped + " ")
			.endsWith(" \"r" + escaped + "\" \"a" + escaped + "\"");
	}

	@Test
	void jsonLineIsStrictJsonThatDecodesToTheEscapedValueForAnyInput() {
		// Random text heavy in quotes, controls, separators, bidi overrides and lone surrogates
		JsonMapper strict = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
		Random random = new Random(42);
		String hostile = "\"\\ \r\n\u0000\u007f\u0085\u2028\u2029\u202e\u2066\ud800\udc00";
		LogValueEscaper capped = new LogValueEscaper(16);
		for (int n = 0; n < 2000; n++) {
			StringBuilder value = new StringBuilder();
			for (int i = random.nextInt(40); i > 0; i--) {
				value.append(random.nextBoolean() ? hostile.charAt(random.nextInt(hostile.length()))
						: (char) random.nextInt(0x10000));
			}
			String text = value.toString();
			LoggedRequest request = new LoggedRequest(RECEIVED, text, text, text, text, text, text, text,
					Map.of("X-Test", text), text, text);
			for (LogValueEscaper escaper : List.of(this.escaper, capped)) {
				String line = new JsonRequestLogFormatter(escaper).format(new RequestLogEntry(request, 200, 1, 0));
				JsonNode json = strict.readTree(line);
				assertThat(json.get("path").asString()).isEqualTo(escaper.escape(text));
				assertThat(json.get("headers").get("X-Test").asString()).isEqualTo(escaper.escape(text));
				assertThat(strict.readTree(new JsonRequestLogFormatter(escaper).formatStart(request)).get("method")
					.asString()).isEqualTo(escaper.escape(text));
			}
		}
	}

	@Test
	void spacesCannotForgeTheFieldsAfterAnUnquotedValue() {
		LoggedRequest request = new LoggedRequest(RECEIVED, "req-1", "GET", "/x 200 0B client=10.0.0.1", null,
				"HTTP/1.1", "203.0.113.9", "john doe", Map.of(), null, null);
		RequestLogEntry entry = new RequestLogEntry(request, 404, 0, 0);
		assertThat(format(RequestLogFormat.TEXT, entry))
			.startsWith("GET /x\\u0020200\\u00200B\\u0020client=10.0.0.1 404 0B ");
		assertThat(format(RequestLogFormat.COMMON, entry)).startsWith("203.0.113.9 - john\\u0020doe [")
			.contains("\"GET /x\\u0020200\\u00200B\\u0020client=10.0.0.1 HTTP/1.1\" 404 -");
		assertThat(format(RequestLogFormat.JSON, entry)).contains("\"path\":\"/x 200 0B client=10.0.0.1\"");
	}

	private static String escapedFor(RequestLogFormat format, String escaped) {
		// JSON encodes the escaped text once more: the decoded value is the escaped text
		return (format != RequestLogFormat.JSON) ? escaped : escaped.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private RequestLogEntry entry(@Nullable String query, Map<String, String> headers, int status, long bytes,
			long nanos) {
		LoggedRequest request = new LoggedRequest(RECEIVED, "req-1", "GET", "/hello", query, "HTTP/1.1", "203.0.113.9",
				null, headers, null, null);
		return new RequestLogEntry(request, status, bytes, nanos);
	}

	private String format(RequestLogFormat format, RequestLogEntry entry) {
		return formatter(format).format(entry);
	}

	private RequestLogFormatter formatter(RequestLogFormat format) {
		return RequestLogFormatter.of(format, this.escaper);
	}

	private static String clfTime() {
		return DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
			.format(RECEIVED.atZone(ZoneId.systemDefault()))
			.transform((time) -> "[" + time + "]");
	}

}
