package io.shareddata.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

	private LocalHttp http;

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("127.0.0.1", this.port);
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

}
