package io.shareddata.sample;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on a port of its own ({@code management.server.port}), served from a child context
 * that the application's filter registrations never reach: request logging is carried over to
 * it, as the IP allow-list is, with the application's configuration, and the management
 * server's container finishes the lines of requests that end in an error it answers itself.
 * The sample's {@code exclude: /actuator/**} is narrowed here so that actuator requests are
 * logged. {@link RequestLoggingOnManagementPortOnJettyTests} runs the same on Jetty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0",
				"management.endpoints.web.exposure.include=health,shareddata,failing",
				"shareddata.request-logging.exclude=/actuator/shareddata" })
class RequestLoggingOnManagementPortTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	private LocalHttp management;

	@RegisterExtension
	final CapturedRequestLog log = new CapturedRequestLog();

	@BeforeEach
	void connect() {
		this.management = new LocalHttp("127.0.0.1", this.managementPort);
	}

	@Test
	void aManagementPortRequestIsLoggedOnceWithItsRequestId() throws Exception {
		HttpResponse<String> response = this.management.get("/actuator/health", "X-Request-Id", "mgmt-health-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("mgmt-health-1");
		assertThat(singleLine("mgmt-health-1")).startsWith("GET /actuator/health 200 " + response.body().length() + "B ")
			.contains(" client=127.0.0.1 id=mgmt-health-1");
	}

	@Test
	void anErrorPageOfTheManagementPortIsLoggedOnce() throws Exception {
		HttpResponse<String> response = this.management.get("/actuator/no-such-endpoint", "X-Request-Id",
				"mgmt-404-1");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("mgmt-404-1");
		assertThat(singleLine("mgmt-404-1"))
			.startsWith("GET /actuator/no-such-endpoint 404 " + response.body().length() + "B ");
	}

	@Test
	void excludePatternsApplyOnTheManagementPort() throws Exception {
		HttpResponse<String> excluded = this.management.get("/actuator/shareddata", "X-Request-Id", "mgmt-excluded-1");
		assertThat(excluded.statusCode()).isEqualTo(200);
		assertThat(excluded.headers().allValues("X-Request-Id")).isEmpty();
		this.management.get("/actuator/health", "X-Request-Id", "mgmt-after-excluded-1");
		singleLine("mgmt-after-excluded-1");
		assertThat(this.log.linesOf("mgmt-excluded-1")).isEmpty();
	}

	@Test
	void aFailureAfterCommitOnTheManagementPortIsLoggedOnceByTheContainer() throws Exception {
		// No error page can follow a committed response: only the completion valve (Tomcat) or
		// handler (Jetty) of the management server sees this request end.
		RawHttp.Response response = RawHttp.get(this.managementPort, "/actuator/failing",
				"X-Request-Id: mgmt-fail-after-commit-1");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers()).contains("X-Request-Id: mgmt-fail-after-commit-1");
		assertThat(singleLine("mgmt-fail-after-commit-1")).startsWith("GET /actuator/failing 200 ");
	}

	@Test
	void theApplicationsPortKeepsOneLinePerRequest() throws Exception {
		HttpResponse<String> response = new LocalHttp("127.0.0.1", this.port).get("/hello", "X-Request-Id",
				"app-hello-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("app-hello-1");
		assertThat(singleLine("app-hello-1")).startsWith("GET /hello 200 ");
	}

	private String singleLine(String requestId) throws InterruptedException {
		this.log.awaitLinesOf(requestId, WAIT);
		// a second line would come right after the first
		Thread.sleep(300);
		List<CapturedRequestLog.Line> lines = this.log.linesOf(requestId);
		assertThat(lines).as("lines of " + requestId).hasSize(1);
		return lines.get(0).message();
	}

	/**
	 * An actuator endpoint whose body fails after the response has been committed.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingEndpointConfiguration {

		@Bean
		FailingEndpoint failingEndpoint() {
			return new FailingEndpoint();
		}

	}

	@Endpoint(id = "failing")
	static class FailingEndpoint {

		/** More than the container buffers, so the response is committed before the failure. */
		private static final int COMMITTED_BYTES = 64 * 1024;

		@ReadOperation
		public Resource read() {
			return new InputStreamResource(new InputStream() {

				private int read;

				@Override
				public int read() {
					if (this.read++ < COMMITTED_BYTES) {
						return 'x';
					}
					throw new IllegalStateException("failed after commit");
				}

			});
		}

	}

}
