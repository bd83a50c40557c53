package io.shareddata.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's own {@code shareddata.dispatch} mounts from {@code application.yml}, as a
 * user runs them. The proxy mount's demo upstream listens on a fixed port, which a shared
 * build machine cannot promise, so proxying is tested against a test-owned upstream in
 * {@link DispatchMountsTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleDispatchMountsTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void secondSpringMvcApplicationIsMountedAtApp2() throws Exception {
		assertThat(get("/app2/").body()).isEqualTo("Hello from app2, mounted at /app2\n");
		HttpResponse<String> redirect = get("/app2/go");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location"))
			.hasValue("http://localhost:" + this.port + "/app2/hello");
	}

	@Test
	void legacyIsForwardedInsideTheApplication() throws Exception {
		assertThat(get("/legacy/page?id=7").body())
			.isEqualTo("Legacy handler at /internal/legacy/page, forwarded from /legacy/page, query id=7\n");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				BodyHandlers.ofString());
	}

}
