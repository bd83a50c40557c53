package io.shareddata.sample;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on a port of its own with custom headers and request logging switched off: nothing
 * of either is carried over to the management server, as nothing runs on the application's
 * port. {@link HeadersAndRequestLoggingOffOnManagementPortOnJettyTests} runs the same on Jetty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "shareddata.headers.enabled=false",
				"shareddata.request-logging.enabled=false" })
class HeadersAndRequestLoggingOffOnManagementPortTests {

	private static final List<String> HEADERS = List.of("X-Content-Type-Options", "Referrer-Policy",
			"X-Frame-Options", "Cross-Origin-Opener-Policy", "X-Powered-By", "X-Request-Id");

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@RegisterExtension
	final CapturedRequestLog log = new CapturedRequestLog();

	@Test
	void theManagementPortGetsNeitherHeadersNorLines() throws Exception {
		HttpResponse<String> response = new LocalHttp("127.0.0.1", this.managementPort).get("/actuator/health",
				"X-Request-Id", "mgmt-off-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HEADERS).allSatisfy((name) -> assertThat(response.headers().allValues(name)).as(name).isEmpty());
		HttpResponse<String> application = new LocalHttp("127.0.0.1", this.port).get("/hello", "X-Request-Id",
				"app-off-1");
		assertThat(application.statusCode()).isEqualTo(200);
		assertThat(HEADERS).allSatisfy((name) -> assertThat(application.headers().allValues(name)).as(name).isEmpty());
		Thread.sleep(300);
		assertThat(this.log.lines()).isEmpty();
	}

}
