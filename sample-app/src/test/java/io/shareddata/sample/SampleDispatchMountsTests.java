package io.shareddata.sample;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
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

	@LocalServerPort
	private int port;

	private LocalHttp http;

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("localhost", this.port);
	}

	@Test
	void secondSpringMvcApplicationIsMountedAtApp2() throws Exception {
		assertThat(this.http.get("/app2/").body()).isEqualTo("Hello from app2, mounted at /app2\n");
		HttpResponse<String> redirect = this.http.get("/app2/go");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location"))
			.hasValue("http://localhost:" + this.port + "/app2/hello");
	}

	@Test
	void legacyIsForwardedInsideTheApplication() throws Exception {
		assertThat(this.http.get("/legacy/page?id=7").body())
			.isEqualTo("Legacy handler at /internal/legacy/page, forwarded from /legacy/page, query id=7\n");
	}

}
