package io.shareddata.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.SpringProperties;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All five features at once, as the sample configures them, over real connections: every
 * layer wraps what the layers inside it answer, and the onion is visible at
 * {@code /actuator/shareddata}. The demo upstream gets a free port and 127.0.0.1 is a trusted
 * proxy, so the proxy mount and HSTS behind a TLS-terminating proxy can be shown.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OnionHttpTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			int upstreamPort = socket.getLocalPort();
			registry.add("sample.demo-upstream.port", () -> upstreamPort);
		}
		registry.add("shareddata.ip-allowlist.trusted-proxies", () -> "127.0.0.1/32");
	}

	@LocalServerPort
	int port;

	@Autowired
	private ServletWebServerApplicationContext context;

	private LocalHttp http;

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("127.0.0.1", this.port);
	}

	@Test
	void theTestsRunOnEmbeddedTomcatWithoutJetty() {
		// Jetty is on the test classpath only for SampleAppOnJettyTests, in a run of its own (pom.xml).
		assertThat(this.context.getWebServer()).isInstanceOf(TomcatWebServer.class);
		assertThat(ClassUtils.isPresent("org.eclipse.jetty.server.Server", null)).isFalse();
	}

	@Test
	void aFileFromSharedDataIsWrappedByEveryOuterLayer() throws Exception {
		HttpResponse<String> response = this.http.get("/static/css/site.css");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("ETag")).isPresent();
		assertThat(response.headers().firstValue("X-Powered-By")).hasValue("MyAwesomeApp");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
		// Shared data's own caching headers survive the headers layer (set-if-absent preset).
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=43200, public");
	}

	@Test
	void theAllowListsDenialIsWrappedByHeadersAndLogging() throws Exception {
		RawHttp.Response denied = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/admin");
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.header("X-Powered-By")).isEqualTo("MyAwesomeApp");
		assertThat(denied.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(denied.header("X-Request-Id")).isNotNull();
	}

	@Test
	void aProxiedResponseIsWrappedByHeadersAndLogging() throws Exception {
		HttpResponse<String> response = this.http.get("/upstream/hello");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("Demo upstream: GET /demo/hello");
		assertThat(response.headers().firstValue("X-Powered-By")).hasValue("MyAwesomeApp");
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
	}

	@Test
	void hstsIsSentOnlyForHttpsForwardedByATrustedProxy() throws Exception {
		HttpResponse<String> plain = this.http.get("/hello");
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
		HttpResponse<String> viaTrustedProxy = this.http.send(
				this.http.request("/hello").header("X-Forwarded-Proto", "https").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(viaTrustedProxy.headers().firstValue("Strict-Transport-Security"))
			.hasValue("max-age=31536000; includeSubDomains");
		RawHttp.Response spoofed = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/hello",
				"X-Forwarded-Proto: https");
		assertThat(spoofed.status()).isEqualTo(200);
		assertThat(spoofed.header("Strict-Transport-Security")).isNull();
	}

	@Test
	void theActuatorEndpointShowsTheOnionOutermostFirst() throws Exception {
		HttpResponse<String> response = this.http.get("/actuator/shareddata");
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> features = JsonPath.read(response.body(), "$.layers[*].feature");
		assertThat(features).containsExactly("request logging", "custom headers", "ip allow-list", "dispatch mounts",
				"shared data");
		List<Map<String, Object>> settings = JsonPath.read(response.body(), "$.layers[?(@.feature == 'shared data')].settings");
		assertThat(settings.get(0)).containsEntry("cache-timeout", "12h").containsEntry("index-file", "index.html");
	}

	@Test
	void aStreamingBodyReachesTheClientAtEveryFlushThroughEveryLayer() throws Exception {
		// The body's second part waits until the first has reached this client, so a layer
		// that held back a flush would make the response never arrive, not arrive late.
		// Spring Framework 7 ignores flush() in a StreamingResponseBody unless this Spring
		// property is set; read per response, so it is set for this request only.
		SpringProperties.setFlag(ServletServerHttpResponse.FLUSH_ENABLED_PROPERTY_NAME);
		StreamingBody.gate = new CountDownLatch(1);
		try {
			HttpResponse<InputStream> response = this.http
				.sendAsync(this.http.request("/test/streaming-body").build(), BodyHandlers.ofInputStream())
				.get(20, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Powered-By")).hasValue("MyAwesomeApp");
			assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
			try (InputStream body = response.body()) {
				assertThat(new String(body.readNBytes(6), StandardCharsets.US_ASCII)).isEqualTo("first\n");
				StreamingBody.gate.countDown();
				assertThat(new String(body.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("second\n");
			}
		}
		finally {
			StreamingBody.gate.countDown();
			SpringProperties.setProperty(ServletServerHttpResponse.FLUSH_ENABLED_PROPERTY_NAME, null);
		}
	}

	/**
	 * A {@link StreamingResponseBody}: written on an async thread after the handler returned,
	 * through the output stream every layer wraps, flushed with {@code OutputStream.flush()}.
	 */
	@RestController
	static class StreamingBody {

		static volatile CountDownLatch gate = new CountDownLatch(0);

		@GetMapping("/test/streaming-body")
		StreamingResponseBody stream() {
			return (out) -> {
				out.write("first\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				try {
					if (!gate.await(30, TimeUnit.SECONDS)) {
						throw new UncheckedIOException(new IOException("the test never released the stream"));
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				out.write("second\n".getBytes(StandardCharsets.US_ASCII));
			};
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	@Import(StreamingBody.class)
	static class StreamingBodyConfiguration {

	}

}
