package io.shareddata.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on the application's port (no {@code management.server.port}): there is no
 * management child context, and the actuator gets the application's layers exactly once, as
 * any other path does. {@link HeadersAndRequestLoggingOnSharedManagementPortOnJettyTests} runs
 * the same on Jetty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "shareddata.request-logging.exclude=/actuator/shareddata")
class HeadersAndRequestLoggingOnSharedManagementPortTests {

	@LocalServerPort
	private int port;

	@RegisterExtension
	final CapturedRequestLog log = new CapturedRequestLog();

	@Test
	void theActuatorGetsEveryLayerOnce() throws Exception {
		HttpResponse<String> response = new LocalHttp("127.0.0.1", this.port).get("/actuator/health", "X-Request-Id",
				"shared-port-health-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
		assertThat(response.headers().allValues("X-Powered-By")).containsExactly("MyAwesomeApp");
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("shared-port-health-1");
		this.log.awaitLinesOf("shared-port-health-1", Duration.ofSeconds(10));
		Thread.sleep(300);
		List<CapturedRequestLog.Line> lines = this.log.linesOf("shared-port-health-1");
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0).message()).startsWith("GET /actuator/health 200 ");
	}

}
