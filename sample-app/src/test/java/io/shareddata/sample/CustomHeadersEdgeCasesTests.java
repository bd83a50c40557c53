package io.shareddata.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's custom headers and request id on responses that commit in unusual ways: a 304
 * from Spring's own resource handler, a body an exception handler writes after
 * {@code reset()}, a response flushed before anything else, and a body that reaches its
 * declared length (which commits it). {@link CustomHeadersEdgeCasesOnJettyTests} runs the same
 * on Jetty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CustomHeadersEdgeCasesTests {

	@LocalServerPort
	private int port;

	private LocalHttp http;

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("127.0.0.1", this.port);
	}

	@Test
	void notModifiedFromSpringsResourceHandler() throws Exception {
		HttpResponse<String> first = this.http.get("/edge/spring-static.txt");
		assertThat(first.body()).isEqualTo("spring static\n");
		String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
		HttpResponse<String> response = this.http.get("/edge/spring-static.txt", "If-Modified-Since", lastModified,
				"X-Request-Id", "edge-headers-304");
		assertThat(response.statusCode()).isEqualTo(304);
		assertSampleHeaders(response, "edge-headers-304");
	}

	@Test
	void bodyWrittenByAnExceptionHandlerAfterReset() throws Exception {
		HttpResponse<String> response = this.http.get("/edge-headers/reset-by-advice", "X-Request-Id",
				"edge-headers-reset");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).isEqualTo("handled\n");
		assertThat(response.headers().firstValue("X-Dropped")).isEmpty();
		assertSampleHeaders(response, "edge-headers-reset");
	}

	@Test
	void responseFlushedBeforeAnything() throws Exception {
		HttpResponse<String> response = this.http.get("/edge-headers/flush-first", "X-Request-Id", "edge-headers-flush");
		assertThat(response.body()).isEqualTo("after the flush\n");
		assertSampleHeaders(response, "edge-headers-flush");
	}

	@Test
	void bodyReachingItsDeclaredLengthThroughTheStream() throws Exception {
		HttpResponse<String> response = this.http.get("/edge-headers/exact-length-stream", "X-Request-Id",
				"edge-headers-length-1");
		assertThat(response.body()).isEqualTo("hello");
		assertSampleHeaders(response, "edge-headers-length-1");
	}

	@Test
	void bodyReachingItsDeclaredLengthThroughTheWriter() throws Exception {
		HttpResponse<String> response = this.http.get("/edge-headers/exact-length-writer", "X-Request-Id",
				"edge-headers-length-2");
		assertThat(response.body()).isEqualTo("h\u00e9llo");
		assertSampleHeaders(response, "edge-headers-length-2");
	}

	private static void assertSampleHeaders(HttpResponse<?> response, String requestId) {
		assertThat(response.headers().allValues("X-Powered-By")).containsExactly("MyAwesomeApp");
		assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
	}

	/**
	 * Thrown by a handler whose exception handler resets the response.
	 */
	static class Conflict extends RuntimeException {

		Conflict() {
			super("conflict");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class HeadersEdgeCases {

		@Bean
		Endpoints headersEdgeEndpoints() {
			return new Endpoints();
		}

		@Bean
		ResettingAdvice headersEdgeAdvice() {
			return new ResettingAdvice();
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/edge-headers/reset-by-advice")
		String resetByAdvice(HttpServletResponse response) throws IOException {
			response.setHeader("X-Dropped", "yes");
			response.getOutputStream().write("dropped".getBytes(StandardCharsets.US_ASCII));
			throw new Conflict();
		}

		@GetMapping("/edge-headers/flush-first")
		void flushFirst(HttpServletResponse response) throws IOException {
			response.flushBuffer();
			response.getOutputStream().write("after the flush\n".getBytes(StandardCharsets.US_ASCII));
		}

		@GetMapping("/edge-headers/exact-length-stream")
		void exactLengthStream(HttpServletResponse response) throws IOException {
			response.setContentLengthLong(5);
			response.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
		}

		@GetMapping("/edge-headers/exact-length-writer")
		void exactLengthWriter(HttpServletResponse response) throws IOException {
			response.setContentType("text/plain;charset=UTF-8");
			response.setContentLengthLong(6);
			response.getWriter().write("h\u00e9llo");
		}

	}

	@RestControllerAdvice
	static class ResettingAdvice {

		@ExceptionHandler(Conflict.class)
		void conflict(HttpServletResponse response) throws IOException {
			response.reset();
			response.setStatus(409);
			response.setContentType("text/plain");
			response.getOutputStream().write("handled\n".getBytes(StandardCharsets.US_ASCII));
		}

	}

}
