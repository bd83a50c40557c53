package io.shareddata.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shareddata.logging.RequestLoggingCompletionValve;
import io.shareddata.logging.RequestLoggingFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request logging over real HTTP: one line per request, written when the request really
 * ends, for streamed, deferred, failed and aborted requests too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(FinishedRequests.Hooks.class)
class RequestLoggingTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Pattern DURATION = Pattern.compile(" (\\d+\\.\\d\\d)ms ");

	private static final Pattern BYTES = Pattern.compile(" (\\d+)B ");

	@LocalServerPort
	private int port;

	@Autowired
	private ServletWebServerApplicationContext context;

	@Autowired
	private FinishedRequests finishedRequests;

	private final HttpClient client = HttpClient.newHttpClient();

	@RegisterExtension
	final CapturedRequestLog log = new CapturedRequestLog();

	@Test
	void requestIsLoggedOnceWithEveryField() throws Exception {
		HttpResponse<String> response = this.client.send(get("/hello", "it-hello-1")
			.header("User-Agent", "it/1.0")
			.header("Authorization", "Bearer s3cr3t")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("it-hello-1");
		String line = singleLine("it-hello-1").message();
		assertThat(DURATION.matcher(line).replaceFirst(" <d>ms ")).isEqualTo("GET /hello 200 27B <d>ms client=127.0.0.1 "
				+ "id=it-hello-1 User-Agent=\"it/1.0\" Authorization=\"****\"");
	}

	@Test
	void headIsLoggedWithoutTheBodyTheContainerDropped() throws Exception {
		HttpResponse<String> response = this.client.send(
				get("/hello", "it-head-1").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEmpty();
		assertThat(singleLine("it-head-1").message()).startsWith("HEAD /hello 200 0B ");
	}

	@Test
	void asyncTimeoutIsLoggedAfterItsErrorPage() throws Exception {
		HttpResponse<String> response = this.client.send(get("/test/deferred-timeout", "it-deferred-1").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).isNotEmpty();
		String line = singleLine("it-deferred-1").message();
		assertThat(line).startsWith("GET /test/deferred-timeout 503 " + response.body().length() + "B ");
		assertThat(durationMillis(line)).isGreaterThanOrEqualTo(new BigDecimal(DeferredTimeout.TIMEOUT_MILLIS));
	}

	@Test
	void generatedRequestIdIsSentBack() throws Exception {
		HttpResponse<String> response = this.client.send(get("/hello", "not a safe id").build(),
				HttpResponse.BodyHandlers.ofString());
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(requestId).matches("[0-9a-f-]{36}");
		assertThat(singleLine(requestId).mdc()).containsEntry("requestId", requestId);
	}

	@Test
	void streamedResponseIsLoggedOnceWhenTheLastByteIsWritten() throws Exception {
		// The stream sends its first line, then waits until this test has looked at the log.
		GatedStream.gate = new CountDownLatch(1);
		HttpResponse<InputStream> response = this.client.send(get("/test/gated-stream", "it-stream-1").build(),
				HttpResponse.BodyHandlers.ofInputStream());
		byte[] body;
		long released;
		try (InputStream in = response.body()) {
			byte[] first = in.readNBytes(7);
			assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("line 1\n");
			// the handler has returned long ago, but the exchange is not over
			assertThat(this.log.linesOf("it-stream-1")).isEmpty();
			released = System.nanoTime();
			GatedStream.gate.countDown();
			body = in.readAllBytes();
		}
		String line = singleLine("it-stream-1").message();
		assertThat(line).startsWith("GET /test/gated-stream 200 ");
		assertThat(bytes(line)).isEqualTo(7 + body.length).isEqualTo(21);
		// The logged duration covers the wait for the gate and the streaming after it.
		assertThat(durationMillis(line)).isGreaterThanOrEqualTo(new BigDecimal(GatedStream.TAIL_MILLIS));
		assertThat(System.nanoTime() - released).isGreaterThanOrEqualTo(GatedStream.TAIL_MILLIS * 1_000_000L);
	}

	@Test
	void demoStreamSendsEachLineAsItIsWritten() throws Exception {
		// The second line is due 10 s after the first. Unless the first is sent on its own as soon
		// as it is written, no byte of the body arrives before the read times out after 5 s.
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("GET /demo/stream?lines=2&intervalMs=10000 HTTP/1.1\r\nHost: localhost\r\n"
						+ "X-Request-Id: it-demo-stream-1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder received = new StringBuilder();
			byte[] buffer = new byte[512];
			while (received.indexOf("line 1\n") < 0) {
				int read = in.read(buffer);
				assertThat(read).as("bytes before the end of the stream").isPositive();
				received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
			}
			assertThat(received).startsWith("HTTP/1.1 200").doesNotContain("line 2");
		}
	}

	@Test
	void deferredResultIsLoggedOnceWithItsRealDuration() throws Exception {
		HttpResponse<String> response = this.client.send(get("/demo/deferred?delayMs=300", "it-deferred-1").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("Answered after 300 ms\n");
		String line = singleLine("it-deferred-1").message();
		assertThat(line).startsWith("GET /demo/deferred 200 " + response.body().length() + "B ");
		assertThat(durationMillis(line)).isGreaterThanOrEqualTo(new BigDecimal("300"));
		// the ASYNC dispatch that writes the result runs with the request id in the MDC
		assertThat(MdcRecorder.seen).containsEntry("it-deferred-1:ASYNC", "it-deferred-1");
	}

	@Test
	void sendErrorIsLoggedOnceWithTheErrorPage() throws Exception {
		HttpResponse<String> response = this.client.send(get("/demo/teapot", "it-teapot-1").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(418);
		assertThat(response.body()).isNotEmpty();
		String line = singleLine("it-teapot-1").message();
		assertThat(line).startsWith("GET /demo/teapot 418 " + response.body().length() + "B ");
		assertThat(MdcRecorder.seen).containsEntry("it-teapot-1:ERROR", "it-teapot-1");
	}

	@Test
	void exceptionIsLoggedOnceAsServerError() throws Exception {
		HttpResponse<String> response = this.client.send(get("/demo/fail", "it-fail-1").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(500);
		String line = singleLine("it-fail-1").message();
		assertThat(line).startsWith("GET /demo/fail 500 " + response.body().length() + "B ");
	}

	@Test
	void abortedResponseIsLoggedOnce() throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream()
				.write(("GET /demo/stream?lines=40&intervalMs=5 HTTP/1.1\r\nHost: localhost\r\n"
						+ "X-Request-Id: it-abort-1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
		}
		// the client is gone after the status line; the exchange still ends with one line. (Tomcat
		// turns writes to a closed connection into no-ops, so the handler runs to its end.)
		assertThat(singleLine("it-abort-1").message()).startsWith("GET /demo/stream 200 ");
	}

	@Test
	void failureAfterCommitIsLoggedOnceByTheCompletionValve() throws Exception {
		// Tomcat includes the error page into a committed response rather than dispatching it
		// to the filter, so only the engine's completion valve sees this request end.
		String response = rawExchange(("GET /test/fail-after-commit HTTP/1.1\r\nHost: localhost\r\n"
				+ "X-Request-Id: it-fail-after-commit-1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		assertThat(response).startsWith("HTTP/1.1 200").contains("partial");
		// the status line that went out, although Tomcat sets 500 afterwards
		assertThat(singleLine("it-fail-after-commit-1").message()).startsWith("GET /test/fail-after-commit 200 ");
	}

	@Test
	void embeddedTomcatHasNoRequestListener() {
		// A request listener would make Tomcat copy its listener array and build an event for
		// every request attribute set or removed; the completion valve does its job instead.
		Tomcat tomcat = ((TomcatWebServer) this.context.getWebServer()).getTomcat();
		Context servletContext = (Context) tomcat.getHost().findChildren()[0];
		assertThat(servletContext.getApplicationEventListeners())
			.noneMatch((listener) -> listener instanceof ServletRequestListener);
		assertThat(tomcat.getEngine().getPipeline().getValves())
			.anyMatch((valve) -> valve instanceof RequestLoggingCompletionValve);
	}

	@Test
	void injectionAttemptsAreEscaped() throws Exception {
		byte[] request = concat("GET /demo/x%0D%0Aforged%E2%80%A8%C2%85%22%1B%5B31m HTTP/1.1\r\nHost: localhost\r\n"
				+ "X-Request-Id: it-inject-1\r\nConnection: close\r\nUser-Agent: ua \"q\" \\ ", new byte[] {
						(byte) 0x85, (byte) 0xE2, (byte) 0x80, (byte) 0xA8 }, "\r\n\r\n");
		String status = rawExchange(request);
		assertThat(status).startsWith("HTTP/1.1 404");
		String line = singleLine("it-inject-1").message();
		assertThat(line.chars()).noneMatch((c) -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029);
		assertThat(line).startsWith("GET /demo/x\\r\\nforged\\u2028\\u0085\\\"\\u001b[31m 404 ")
			.endsWith(" User-Agent=\"ua \\\"q\\\" \\\\ \\u0085\u00e2\\u0080\u00a8\"");
	}

	@Test
	void excludedPathsAreNotLogged() throws Exception {
		this.client.send(get("/actuator/health", "it-excluded-1").build(), HttpResponse.BodyHandlers.ofString());
		this.finishedRequests.await("it-excluded-1", WAIT);
		assertThat(this.log.linesOf("it-excluded-1")).isEmpty();
	}

	/**
	 * Waits until the container has finished the request, after which none of its lines can
	 * still come, and returns its only line.
	 */
	private CapturedRequestLog.Line singleLine(String requestId) throws InterruptedException {
		this.finishedRequests.await(requestId, WAIT);
		List<CapturedRequestLog.Line> lines = this.log.linesOf(requestId);
		assertThat(lines).as("lines of " + requestId).hasSize(1);
		assertThat(lines.get(0).level()).isEqualTo("INFO");
		return lines.get(0);
	}

	private HttpRequest.Builder get(String path, String requestId) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Request-Id", requestId)
			.timeout(WAIT);
	}

	private String rawExchange(byte[] request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout((int) WAIT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static byte[] concat(String head, byte[] middle, String tail) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
		bytes.writeBytes(middle);
		bytes.writeBytes(tail.getBytes(StandardCharsets.ISO_8859_1));
		return bytes.toByteArray();
	}

	private static BigDecimal durationMillis(String line) {
		Matcher matcher = DURATION.matcher(line);
		assertThat(matcher.find()).as(line).isTrue();
		return new BigDecimal(matcher.group(1));
	}

	private static long bytes(String line) {
		Matcher matcher = BYTES.matcher(line);
		assertThat(matcher.find()).as(line).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	/**
	 * A handler that fails after its response is committed.
	 */
	@RestController
	static class FailsAfterCommit {

		@GetMapping("/test/fail-after-commit")
		void fail(HttpServletResponse response) throws IOException {
			response.getOutputStream().write("partial\n".getBytes(StandardCharsets.US_ASCII));
			response.flushBuffer();
			throw new IllegalStateException("failed after commit");
		}

	}

	/**
	 * An async request that times out: Spring sends 503 in its ASYNC dispatch, and the error page
	 * follows after Tomcat has already completed the async request.
	 */
	@RestController
	static class DeferredTimeout {

		static final long TIMEOUT_MILLIS = 100;

		@GetMapping("/test/deferred-timeout")
		DeferredResult<String> neverAnswered() {
			return new DeferredResult<>(TIMEOUT_MILLIS);
		}

	}

	/**
	 * A streamed response whose first line goes out at once and whose rest waits for the test:
	 * "the exchange is not over yet" is then a fact, not a race against a timer.
	 */
	@RestController
	static class GatedStream {

		static final long TAIL_MILLIS = 200;

		static volatile CountDownLatch gate = new CountDownLatch(0);

		@GetMapping("/test/gated-stream")
		void stream(HttpServletResponse response) throws IOException, InterruptedException {
			OutputStream out = response.getOutputStream();
			out.write("line 1\n".getBytes(StandardCharsets.US_ASCII));
			response.flushBuffer();
			if (!gate.await(30, TimeUnit.SECONDS)) {
				throw new IOException("the test never released the stream");
			}
			// A measurable tail after the gate opens, so the duration provably covers streaming.
			Thread.sleep(TAIL_MILLIS);
			out.write("line 2\nline 3\n".getBytes(StandardCharsets.US_ASCII));
		}

	}

	/**
	 * Records the MDC's request id in the ASYNC and ERROR dispatches, inside the logging filter.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@Import({ GatedStream.class, FailsAfterCommit.class, DeferredTimeout.class })
	static class MdcRecorder {

		static final Map<String, String> seen = new ConcurrentHashMap<>();

		@Bean
		FilterRegistrationBean<Filter> mdcRecorder() {
			Filter filter = (request, response, chain) -> {
				Object requestId = request.getAttribute(RequestLoggingFilter.REQUEST_ID_ATTRIBUTE);
				seen.put(requestId + ":" + request.getDispatcherType(), String.valueOf(MDC.get("requestId")));
				chain.doFilter(request, response);
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setDispatcherTypes(DispatcherType.ASYNC, DispatcherType.ERROR);
			registration.setOrder(0);
			return registration;
		}

	}

}
