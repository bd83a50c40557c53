package io.shareddata.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.error.ErrorPage;
import org.springframework.boot.web.error.ErrorPageRegistrar;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request logging on the unusual ends of a request, over real HTTP: async timeouts with and
 * without a listener that answers, async errors, a failing error page, a client that leaves
 * mid-body, include, 204 and 304, pipelined requests on one connection, {@code Expect:
 * 100-continue} and the slow-request WARN. Every request gets exactly one line, with the status
 * and body bytes the client got, counted once the container has finished the request
 * ({@link FinishedRequests}). {@link RequestLoggingEdgeCasesOnJettyTests} runs the same on Jetty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(FinishedRequests.Hooks.class)
class RequestLoggingEdgeCasesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Pattern DURATION = Pattern.compile(" (\\d+\\.\\d\\d)ms ");

	private static final long TIMEOUT_MILLIS = 100;

	@LocalServerPort
	private int port;

	@Autowired
	private FinishedRequests finishedRequests;

	private LocalHttp http;

	@RegisterExtension
	final CapturedRequestLog log = new CapturedRequestLog();

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("127.0.0.1", this.port);
	}

	@Test
	void asyncTimeoutAnsweredByAListenerIsLoggedOnce() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/async-listener-timeout", "X-Request-Id", "edge-timeout-1");
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.body()).isEqualTo("timed out\n");
		String line = singleLine("edge-timeout-1", "INFO");
		assertThat(line).startsWith("GET /edge/async-listener-timeout 504 10B ");
		assertThat(durationMillis(line)).isGreaterThanOrEqualTo(new BigDecimal(TIMEOUT_MILLIS));
	}

	@Test
	void asyncTimeoutNobodyAnswersIsLoggedOnceWithTheContainersError() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/async-bare-timeout", "X-Request-Id", "edge-timeout-2");
		assertThat(response.statusCode()).isEqualTo(500);
		String line = singleLine("edge-timeout-2", "INFO");
		assertThat(line).startsWith("GET /edge/async-bare-timeout 500 " + bytes(response) + "B ");
		assertThat(durationMillis(line)).isGreaterThanOrEqualTo(new BigDecimal(TIMEOUT_MILLIS));
	}

	@Test
	void asyncTimeoutAnsweredWithSendErrorByAListenerIsLoggedOnce() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/async-listener-send-error", "X-Request-Id",
				"edge-timeout-3");
		assertThat(response.statusCode()).isEqualTo(504);
		String line = singleLine("edge-timeout-3", "INFO");
		assertThat(line).startsWith("GET /edge/async-listener-send-error 504 " + bytes(response) + "B ");
	}

	@Test
	void sendErrorInAnAsyncDispatchIsLoggedOnceWithTheErrorPage() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/async-dispatch", "X-Request-Id", "edge-async-404");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isNotEmpty();
		assertThat(singleLine("edge-async-404", "INFO"))
			.startsWith("GET /edge/async-dispatch 404 " + bytes(response) + "B ");
	}

	@Test
	void asyncErrorResultIsLoggedOnceWithTheErrorPage() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/deferred-error", "X-Request-Id", "edge-async-500");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isNotEmpty();
		assertThat(singleLine("edge-async-500", "INFO"))
			.startsWith("GET /edge/deferred-error 500 " + bytes(response) + "B ");
	}

	@Test
	void asyncFailureAfterCommitIsLoggedOnceWithTheStatusSent() throws Exception {
		RawHttp.Response response = RawHttp.get(this.port, "/edge/emitter-fails-after-commit",
				"X-Request-Id: edge-async-commit");
		assertThat(response.status()).isEqualTo(200);
		assertThat(singleLine("edge-async-commit", "INFO")).startsWith("GET /edge/emitter-fails-after-commit 200 8B ");
	}

	@Test
	void failingErrorPageIsLoggedOnceWithWhatTheContainerSent() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/fail-to-failing-page", "X-Request-Id", "edge-page-fails");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(singleLine("edge-page-fails", "INFO"))
			.startsWith("GET /edge/fail-to-failing-page 500 " + bytes(response) + "B ");
	}

	@Test
	void failingErrorPageKeepsTheRequestIdAndCustomHeaders() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/fail-to-failing-page", "X-Request-Id", "edge-page-fails-2");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("edge-page-fails-2");
		assertThat(response.headers().allValues("X-Powered-By")).containsExactly("MyAwesomeApp");
	}

	@Test
	void clientLeavingMidBodyIsLoggedOnce() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("GET /edge/big-body HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: edge-gone\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
			in.readNBytes(64 * 1024);
		}
		assertThat(singleLine("edge-gone", "INFO")).startsWith("GET /edge/big-body 200 ");
	}

	@Test
	void noContentIsLoggedWithNoBytes() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/no-content", "X-Request-Id", "edge-204");
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(singleLine("edge-204", "INFO")).startsWith("GET /edge/no-content 204 0B ");
	}

	@Test
	void notModifiedIsLoggedWithNoBytes() throws Exception {
		HttpResponse<String> first = this.http.get("/static/css/site.css");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> response = this.http.get("/static/css/site.css", "If-None-Match", etag, "X-Request-Id",
				"edge-304");
		assertThat(response.statusCode()).isEqualTo(304);
		assertThat(singleLine("edge-304", "INFO")).startsWith("GET /static/css/site.css 304 0B ");
	}

	@Test
	void includeIsCountedOnce() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/include", "X-Request-Id", "edge-include");
		assertThat(response.body()).isEqualTo("before\nincluded\nafter\n");
		assertThat(singleLine("edge-include", "INFO")).startsWith("GET /edge/include 200 22B ");
	}

	@Test
	void forwardIsLoggedOnceUnderTheRequestedPath() throws Exception {
		HttpResponse<String> response = this.http.get("/edge/forward", "X-Request-Id", "edge-forward");
		assertThat(response.body()).isEqualTo("included\n");
		assertThat(singleLine("edge-forward", "INFO")).startsWith("GET /edge/forward 200 9B ");
	}

	@Test
	void pipelinedRequestsOnOneConnectionGetTheirOwnIdsAndLines() throws Exception {
		String response;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) WAIT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: edge-pipe-1\r\n\r\n"
					+ "GET /demo/teapot HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: edge-pipe-2\r\n\r\n"
					+ "GET /hello?pipe=3 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		List<String> ids = Pattern.compile("(?i)X-Request-Id: (\\S+)").matcher(response).results()
			.map((result) -> result.group(1))
			.toList();
		assertThat(ids).hasSize(3);
		assertThat(ids.subList(0, 2)).containsExactly("edge-pipe-1", "edge-pipe-2");
		assertThat(ids.get(2)).matches("[0-9a-f-]{36}");
		singleLine("edge-pipe-1", "INFO");
		singleLine("edge-pipe-2", "INFO");
		assertThat(singleLine(ids.get(2), "INFO")).startsWith("GET /hello 200 ");
		// nothing of an earlier request is left in the MDC of the thread that serves the next one
		assertThat(MdcAtEntry.seen).containsEntry("pipe=3", "none");
	}

	@Test
	void expectContinueIsLoggedOnce() throws Exception {
		String response;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) WAIT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("POST /edge/echo-length HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: edge-continue\r\n"
					+ "Content-Type: text/plain\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			assertThat(readHead(in)).startsWith("HTTP/1.1 100");
			out.write("hello".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		assertThat(response).contains("HTTP/1.1 200").endsWith("\r\n\r\n5\n");
		assertThat(singleLine("edge-continue", "INFO")).startsWith("POST /edge/echo-length 200 2B ");
	}

	@Test
	void slowRequestIsLoggedOnceAtWarn() throws Exception {
		// the sample's slow-threshold is 2s
		HttpResponse<String> response = this.http.get("/demo/deferred?delayMs=2100", "X-Request-Id", "edge-slow");
		assertThat(response.statusCode()).isEqualTo(200);
		String line = singleLine("edge-slow", "WARN");
		assertThat(durationMillis(line)).isGreaterThanOrEqualTo(new BigDecimal("2100"));
	}

	@Test
	void requestsTheContainerRefusesBeforeAnyFilterAreNotLogged() throws Exception {
		Map<String, RawHttp.Response> responses = new LinkedHashMap<>();
		responses.put("bad request line", RawHttp.get(this.port, "/edge/refused-1 extra"));
		responses.put("long URI", RawHttp.get(this.port, "/edge/refused-2?" + "a".repeat(70_000)));
		responses.put("large header", RawHttp.get(this.port, "/edge/refused-3", "X-Big: " + "b".repeat(70_000)));
		responses.put("bad escape", RawHttp.get(this.port, "/edge/refused-4%zz"));
		responses.put("encoded NUL", RawHttp.get(this.port, "/edge/refused-5%00"));
		responses.forEach((what, response) -> assertThat(response.status()).as(what).isIn(400, 414, 431));
		// a request that is logged, after them on the same server
		this.http.get("/hello", "X-Request-Id", "edge-after-refused");
		singleLine("edge-after-refused", "INFO");
		assertThat(this.log.lines()).noneMatch((line) -> line.message().contains("/edge/refused-"));
	}

	/**
	 * Waits until the container has finished the request, after which none of its lines can
	 * still come, and returns its only line.
	 */
	private String singleLine(String requestId, String level) throws InterruptedException {
		this.finishedRequests.await(requestId, WAIT);
		List<CapturedRequestLog.Line> lines = this.log.linesOf(requestId);
		assertThat(lines).as("lines of " + requestId).hasSize(1);
		assertThat(lines.get(0).level()).isEqualTo(level);
		return lines.get(0).message();
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (head.indexOf("\r\n\r\n") < 0) {
			int b = in.read();
			assertThat(b).as("end of the head " + head).isNotNegative();
			head.append((char) b);
		}
		return head.toString();
	}

	private static int bytes(HttpResponse<String> response) {
		return response.body().getBytes(StandardCharsets.UTF_8).length;
	}

	private static BigDecimal durationMillis(String line) {
		Matcher matcher = DURATION.matcher(line);
		assertThat(matcher.find()).as(line).isTrue();
		return new BigDecimal(matcher.group(1));
	}

	/**
	 * Thrown by a handler whose error page itself fails.
	 */
	static class FailingPageTrigger extends RuntimeException {

		FailingPageTrigger() {
			super("to the failing error page");
		}

	}

	/**
	 * The Spring MVC handlers of these cases.
	 */
	@RestController
	static class EdgeEndpoints {

		@GetMapping("/edge/no-content")
		ResponseEntity<Void> noContent() {
			return ResponseEntity.noContent().build();
		}

		@GetMapping("/edge/deferred-error")
		DeferredResult<String> deferredError() {
			DeferredResult<String> result = new DeferredResult<>();
			CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)
				.execute(() -> result.setErrorResult(new IllegalStateException("async failure")));
			return result;
		}

		@GetMapping("/edge/emitter-fails-after-commit")
		ResponseBodyEmitter emitterFailsAfterCommit() {
			ResponseBodyEmitter emitter = new ResponseBodyEmitter();
			CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> {
				try {
					emitter.send("partial\n");
				}
				catch (IOException ex) {
					// the test reads on
				}
				emitter.completeWithError(new IllegalStateException("failed after commit"));
			});
			return emitter;
		}

		@GetMapping("/edge/fail-to-failing-page")
		String failToFailingPage() {
			throw new FailingPageTrigger();
		}

		@GetMapping("/edge/failing-error-page")
		String failingErrorPage() {
			throw new IllegalStateException("the error page fails too");
		}

		@GetMapping("/edge/big-body")
		void bigBody(HttpServletResponse response) throws IOException {
			byte[] chunk = new byte[64 * 1024];
			OutputStream out = response.getOutputStream();
			for (int i = 0; i < 512; i++) {
				out.write(chunk);
				out.flush();
			}
		}

		@GetMapping("/edge/included")
		String included() {
			return "included\n";
		}

		@PostMapping("/edge/echo-length")
		String echoLength(@RequestBody String body) {
			return body.length() + "\n";
		}

	}

	/**
	 * Raw servlets for what Spring MVC does not do: an {@link AsyncListener} of the application's
	 * own that answers a timeout, a timeout nobody answers, an ASYNC dispatch that sends an error,
	 * include and forward; and an error page that fails.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class EdgeCases {

		@Bean
		EdgeEndpoints edgeEndpoints() {
			return new EdgeEndpoints();
		}

		@Bean
		ErrorPageRegistrar failingErrorPage() {
			return (registry) -> registry.addErrorPages(new ErrorPage(FailingPageTrigger.class, "/edge/failing-error-page"));
		}

		@Bean
		ServletRegistrationBean<HttpServlet> asyncListenerTimeout() {
			return answeringOnTimeout("/edge/async-listener-timeout", (event) -> {
				HttpServletResponse suppliedResponse = (HttpServletResponse) event.getSuppliedResponse();
				suppliedResponse.setStatus(504);
				suppliedResponse.setContentType("text/plain");
				suppliedResponse.getOutputStream().write("timed out\n".getBytes(StandardCharsets.US_ASCII));
				event.getAsyncContext().complete();
			});
		}

		@Bean
		ServletRegistrationBean<HttpServlet> asyncListenerSendError() {
			return answeringOnTimeout("/edge/async-listener-send-error", (event) -> {
				((HttpServletResponse) event.getSuppliedResponse()).sendError(504);
				event.getAsyncContext().complete();
			});
		}

		@Bean
		ServletRegistrationBean<HttpServlet> asyncBareTimeout() {
			return servlet("/edge/async-bare-timeout", new HttpServlet() {

				@Override
				protected void doGet(HttpServletRequest request, HttpServletResponse response) {
					request.startAsync(request, response).setTimeout(TIMEOUT_MILLIS);
				}

			});
		}

		@Bean
		ServletRegistrationBean<HttpServlet> asyncDispatch() {
			return servlet("/edge/async-dispatch", new HttpServlet() {

				@Override
				protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
					if (request.getDispatcherType() == DispatcherType.ASYNC) {
						response.sendError(404);
						return;
					}
					AsyncContext async = request.startAsync(request, response);
					CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(async::dispatch);
				}

			});
		}

		@Bean
		ServletRegistrationBean<HttpServlet> include() {
			return servlet("/edge/include", new HttpServlet() {

				@Override
				protected void doGet(HttpServletRequest request, HttpServletResponse response)
						throws IOException, ServletException {
					response.setContentType("text/plain");
					response.getOutputStream().write("before\n".getBytes(StandardCharsets.US_ASCII));
					request.getRequestDispatcher("/edge/included").include(request, response);
					response.getOutputStream().write("after\n".getBytes(StandardCharsets.US_ASCII));
				}

			});
		}

		@Bean
		ServletRegistrationBean<HttpServlet> forward() {
			return servlet("/edge/forward", new HttpServlet() {

				@Override
				protected void doGet(HttpServletRequest request, HttpServletResponse response)
						throws IOException, ServletException {
					response.getOutputStream().write("dropped by the forward\n".getBytes(StandardCharsets.US_ASCII));
					request.getRequestDispatcher("/edge/included").forward(request, response);
				}

			});
		}

		/** Records the request id in the MDC when a request reaches the outermost filter. */
		@Bean
		FilterRegistrationBean<Filter> mdcAtEntry() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				String query = ((HttpServletRequest) request).getQueryString();
				if (query != null && query.startsWith("pipe=")) {
					MdcAtEntry.seen.put(query, String.valueOf(MDC.get("requestId")).replace("null", "none"));
				}
				chain.doFilter(request, response);
			});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		/** A servlet that starts async processing and leaves the answer to a listener's timeout. */
		private static ServletRegistrationBean<HttpServlet> answeringOnTimeout(String path, TimeoutAnswer answer) {
			return servlet(path, new HttpServlet() {

				@Override
				protected void doGet(HttpServletRequest request, HttpServletResponse response) {
					AsyncContext async = request.startAsync(request, response);
					async.setTimeout(TIMEOUT_MILLIS);
					async.addListener(answer);
				}

			});
		}

		private static ServletRegistrationBean<HttpServlet> servlet(String path, HttpServlet servlet) {
			ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, path);
			registration.setName(path);
			registration.setAsyncSupported(true);
			return registration;
		}

	}

	static final class MdcAtEntry {

		static final Map<String, String> seen = new ConcurrentHashMap<>();

		private MdcAtEntry() {
		}

	}

	/** An {@link AsyncListener} that only answers timeouts. */
	/** An {@link AsyncListener} that only answers the timeout. */
	@FunctionalInterface
	interface TimeoutAnswer extends AsyncListener {

		@Override
		default void onComplete(AsyncEvent event) {
		}

		@Override
		default void onError(AsyncEvent event) {
		}

		@Override
		default void onStartAsync(AsyncEvent event) {
		}

	}

}
