package io.shareddata.sample;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code log-start: true} over real HTTP: one start line per request, with the request id in
 * the MDC, not one per dispatch, for a request with an error page and an async one, counted once
 * the container has finished the request ({@link FinishedRequests}).
 * {@link RequestLoggingStartLineOnJettyTests} runs the same on Jetty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "shareddata.request-logging.log-start=true")
@Import(FinishedRequests.Hooks.class)
class RequestLoggingStartLineTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

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
	void requestWithAnErrorPageHasOneStartLine() throws Exception {
		this.http.get("/demo/teapot", "X-Request-Id", "start-418");
		assertStartAndEnd("start-418", "Incoming request: GET /demo/teapot", "GET /demo/teapot 418 ");
	}

	@Test
	void asyncRequestHasOneStartLine() throws Exception {
		this.http.get("/demo/deferred?delayMs=50", "X-Request-Id", "start-async");
		assertStartAndEnd("start-async", "Incoming request: GET /demo/deferred", "GET /demo/deferred 200 ");
	}

	/**
	 * Waits until the container has finished the request, after which none of its lines can
	 * still come, and checks it has exactly its start line and its end line.
	 */
	private void assertStartAndEnd(String requestId, String start, String end) throws InterruptedException {
		this.finishedRequests.await(requestId, WAIT);
		List<CapturedRequestLog.Line> lines = this.log.lines()
			.stream()
			.filter((line) -> requestId.equals(line.mdc().get("requestId")))
			.toList();
		assertThat(lines).as("lines of " + requestId).hasSize(2);
		assertThat(lines.get(0).message()).isEqualTo(start);
		assertThat(lines.get(1).message()).startsWith(end);
	}

}
