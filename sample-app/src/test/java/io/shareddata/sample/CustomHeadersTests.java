package io.shareddata.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom headers over real HTTP: every mode, path rules, error responses rendered by the
 * error dispatch, an early-flushed stream, a redirect, a static file and HSTS.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"shareddata.headers.security-preset=true",
		"shareddata.headers.rules[0].name=X-Powered-By", "shareddata.headers.rules[0].value=MyAwesomeApp",
		"shareddata.headers.rules[0].mode=set",
		"shareddata.headers.rules[1].name=X-Mode-Set", "shareddata.headers.rules[1].value=rule",
		"shareddata.headers.rules[1].mode=set",
		"shareddata.headers.rules[2].name=X-Mode-Add", "shareddata.headers.rules[2].value=rule",
		"shareddata.headers.rules[2].mode=add",
		"shareddata.headers.rules[3].name=X-Mode-Keep", "shareddata.headers.rules[3].value=rule",
		"shareddata.headers.rules[4].name=X-Mode-Remove", "shareddata.headers.rules[4].mode=remove",
		"shareddata.headers.rules[5].name=X-Outer-Filter", "shareddata.headers.rules[5].mode=remove",
		"shareddata.headers.rules[6].name=Cache-Control", "shareddata.headers.rules[6].value=no-store",
		"shareddata.headers.rules[6].mode=set",
		"shareddata.headers.rules[7].name=Cache-Control", "shareddata.headers.rules[7].value=max-age=60",
		"shareddata.headers.rules[7].mode=set", "shareddata.headers.rules[7].paths=/headers-test/docs/**",
		"shareddata.headers.rules[8].name=X-Docs", "shareddata.headers.rules[8].value=yes",
		"shareddata.headers.rules[8].mode=add", "shareddata.headers.rules[8].paths=/headers-test/docs/**" })
class CustomHeadersTests {

	private static final String HSTS = "Strict-Transport-Security";

	@LocalServerPort
	private int port;

	private LocalHttp http;

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("localhost", this.port);
	}

	@Autowired
	private TestEndpoints endpoints;

	@Test
	void everyModeOnAResponseWithoutApplicationHeaders() throws Exception {
		HttpResponse<String> response = this.http.get("/headers-test/plain");
		assertThat(response.statusCode()).isEqualTo(200);
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		assertHeader(response, "X-Mode-Set", "rule");
		assertHeader(response, "X-Mode-Add", "rule");
		assertHeader(response, "X-Mode-Keep", "rule");
		assertThat(response.headers().allValues("X-Mode-Remove")).isEmpty();
		assertThat(response.headers().allValues("X-Outer-Filter")).isEmpty();
	}

	@Test
	void everyModeAgainstHeadersTheApplicationSet() throws Exception {
		HttpResponse<String> response = this.http.get("/headers-test/app-headers");
		assertHeader(response, "X-Mode-Set", "rule");
		assertHeader(response, "X-Mode-Add", "app", "rule");
		assertHeader(response, "X-Mode-Keep", "app");
		assertThat(response.headers().allValues("X-Mode-Remove")).isEmpty();
		// the security preset is set-if-absent too
		assertHeader(response, "X-Frame-Options", "SAMEORIGIN");
	}

	@Test
	void headersReachAResponseWhoseContentLengthIsDeclaredAfterItsBody() throws Exception {
		// Tomcat counts such a response as committed once the length is declared, before any byte is sent.
		HttpResponse<String> response = this.http.get("/headers-test/length-after-body");
		assertThat(response.body()).isEqualTo("hello");
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		assertHeader(response, "X-Content-Type-Options", "nosniff");
	}

	@Test
	void pathRuleRefinesTheGeneralRule() throws Exception {
		HttpResponse<String> docs = this.http.get("/headers-test/docs/guide");
		assertHeader(docs, "Cache-Control", "max-age=60");
		assertHeader(docs, "X-Docs", "yes");
		HttpResponse<String> other = this.http.get("/headers-test/plain");
		assertHeader(other, "Cache-Control", "no-store");
		assertThat(other.headers().allValues("X-Docs")).isEmpty();
	}

	@Test
	void pathRulesMatchTheNormalisedPath() throws Exception {
		// Tomcat routes all of these to /headers-test/docs/guide. Spring MVC matches some on the
		// raw URI and answers 404 (then through the error dispatch); the rule matches either way.
		for (String path : List.of("/headers-test/./docs/guide", "/headers-test/docs;v=1/guide",
				"/headers-test//docs/guide", "/headers-test/%64ocs/guide")) {
			assertHeader(this.http.get(path), "X-Docs", "yes");
		}
	}

	@Test
	void containerNotFoundThroughTheErrorDispatch() throws Exception {
		HttpResponse<String> response = this.http.get("/headers-test/docs/no/such/page");
		assertThat(response.statusCode()).isEqualTo(404);
		assertErrorResponseHeaders(response);
		// path rules follow the URL the client asked for, not /error
		assertHeader(response, "X-Docs", "yes");
		assertHeader(response, "Cache-Control", "max-age=60");
	}

	@Test
	void exceptionRenderedByTheErrorPage() throws Exception {
		HttpResponse<String> response = this.http.get("/headers-test/boom");
		assertThat(response.statusCode()).isEqualTo(500);
		assertErrorResponseHeaders(response);
	}

	@Test
	void sendErrorRenderedByTheErrorPage() throws Exception {
		HttpResponse<String> response = this.http.get("/headers-test/send-error");
		assertThat(response.statusCode()).isEqualTo(503);
		assertErrorResponseHeaders(response);
	}

	@Test
	void redirect() throws Exception {
		HttpResponse<String> response = this.http.get("/headers-test/redirect");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/hello"));
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		assertHeader(response, "X-Mode-Add", "rule");
		assertHeader(response, "X-Content-Type-Options", "nosniff");
	}

	@Test
	void forward() throws Exception {
		HttpResponse<String> response = this.http.get("/headers-test/forward");
		assertThat(response.body()).isEqualTo("plain\n");
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		assertHeader(response, "X-Mode-Add", "rule");
		assertHeader(response, "X-Frame-Options", "DENY");
	}

	@Test
	void streamingResponseGetsTheHeadersBeforeItCompletes() throws Exception {
		HttpRequest request = this.http.request("/headers-test/stream").timeout(Duration.ofSeconds(30)).build();
		HttpResponse<InputStream> response = this.http.sendAsync(request, BodyHandlers.ofInputStream())
			.get(30, TimeUnit.SECONDS);
		// the server is still blocked mid-body: these headers were sent with the first flush
		assertThat(this.endpoints.streamFinished.getCount()).isEqualTo(1);
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		assertHeader(response, "X-Mode-Add", "rule");
		assertHeader(response, "X-Frame-Options", "DENY");
		this.endpoints.streamMayFinish.countDown();
		try (InputStream body = response.body()) {
			assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
		}
	}

	@Test
	void staticFile() throws Exception {
		// shared data (shareddata.files) is not on this branch yet: a Spring static resource stands in
		HttpResponse<String> response = this.http.get("/headers-test.txt");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("A Spring static resource");
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		assertHeader(response, "X-Content-Type-Options", "nosniff");
		assertHeader(response, "X-Mode-Add", "rule");
	}

	@Test
	void hstsOnASecureRequestFromATrustedProxy() throws Exception {
		HttpResponse<String> response = this.http.send(
				this.http.request("/headers-test/plain").header("X-Forwarded-Proto", "https").build());
		assertHeader(response, HSTS, "max-age=31536000; includeSubDomains");
	}

	@Test
	void noHstsOverPlainHttp() throws Exception {
		HttpResponse<String> response = this.http.get("/headers-test/plain");
		assertThat(response.headers().allValues(HSTS)).isEmpty();
		assertHeader(response, "X-Content-Type-Options", "nosniff");
		assertHeader(response, "Referrer-Policy", "strict-origin-when-cross-origin");
		assertHeader(response, "X-Frame-Options", "DENY");
		assertHeader(response, "Cross-Origin-Opener-Policy", "same-origin");
	}

	@Test
	void noHstsOnAForwardedPlainHttpRequest() throws Exception {
		HttpResponse<String> response = this.http.send(
				this.http.request("/headers-test/plain").header("X-Forwarded-Proto", "http").build());
		assertThat(response.headers().allValues(HSTS)).isEmpty();
	}

	private void assertErrorResponseHeaders(HttpResponse<String> response) {
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		assertHeader(response, "X-Mode-Set", "rule");
		// written on the original dispatch and again on the error dispatch, added only once
		assertHeader(response, "X-Mode-Add", "rule");
		assertHeader(response, "X-Mode-Keep", "rule");
		assertHeader(response, "X-Content-Type-Options", "nosniff");
		assertHeader(response, "X-Frame-Options", "DENY");
		assertThat(response.headers().allValues("X-Outer-Filter")).isEmpty();
	}

	private static void assertHeader(HttpResponse<?> response, String name, String... values) {
		assertThat(response.headers().allValues(name)).as(name).containsExactly(values);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class HeadersTestConfiguration {

		@Bean
		TestEndpoints headersTestEndpoints() {
			return new TestEndpoints();
		}

		// Trusts loopback peers as proxies, as shareddata.ip-allowlist.trusted-proxies would
		@Bean
		ClientAddressResolver loopbackProxyResolver() {
			return new ClientAddressResolver() {

				@Override
				public String resolveClientAddress(HttpServletRequest request) {
					return request.getRemoteAddr();
				}

				@Override
				public boolean isFromTrustedProxy(HttpServletRequest request) {
					String peer = request.getRemoteAddr();
					return "127.0.0.1".equals(peer) || "0:0:0:0:0:0:0:1".equals(peer);
				}

			};
		}

		// An outer filter that writes headers the rules must delete or replace, also on the error
		// dispatch (as a custom error controller or another header writer would)
		@Bean
		FilterRegistrationBean<Filter> outerHeaderFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				HttpServletResponse httpResponse = (HttpServletResponse) response;
				httpResponse.setHeader("X-Outer-Filter", "present");
				if (request.getDispatcherType() == DispatcherType.ERROR) {
					httpResponse.setHeader("X-Mode-Set", "error-dispatch");
				}
				chain.doFilter(request, response);
			});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
			return registration;
		}

	}

	@RestController
	static class TestEndpoints {

		final CountDownLatch streamMayFinish = new CountDownLatch(1);

		final CountDownLatch streamFinished = new CountDownLatch(1);

		@GetMapping("/headers-test/plain")
		String plain() {
			return "plain\n";
		}

		@GetMapping("/headers-test/app-headers")
		String appHeaders(HttpServletResponse response) {
			response.setHeader("X-Mode-Set", "app");
			response.setHeader("X-Mode-Add", "app");
			response.setHeader("X-Mode-Keep", "app");
			response.setHeader("X-Mode-Remove", "app");
			response.setHeader("X-Frame-Options", "SAMEORIGIN");
			return "app headers\n";
		}

		@GetMapping("/headers-test/length-after-body")
		void lengthAfterBody(HttpServletResponse response) throws IOException {
			response.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
			response.setContentLength(5);
		}

		@GetMapping("/headers-test/docs/{page}")
		String docs(@PathVariable String page) {
			return "docs page\n";
		}

		@GetMapping("/headers-test/boom")
		String boom() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/headers-test/send-error")
		void sendError(HttpServletResponse response) throws IOException {
			response.sendError(503);
		}

		@GetMapping("/headers-test/forward")
		void forward(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
			request.getRequestDispatcher("/headers-test/plain").forward(request, response);
		}

		@GetMapping("/headers-test/redirect")
		void redirect(HttpServletResponse response) throws IOException {
			response.sendRedirect("/hello");
		}

		@GetMapping("/headers-test/stream")
		void stream(HttpServletResponse response) throws IOException, InterruptedException {
			response.setContentType("text/plain");
			response.getOutputStream().write("first\n".getBytes(StandardCharsets.UTF_8));
			response.flushBuffer();
			try {
				this.streamMayFinish.await(30, TimeUnit.SECONDS);
				response.getOutputStream().write("second\n".getBytes(StandardCharsets.UTF_8));
			}
			finally {
				this.streamFinished.countDown();
			}
		}

	}

}
