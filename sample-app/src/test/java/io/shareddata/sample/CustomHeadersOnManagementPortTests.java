package io.shareddata.sample;

import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on a port of its own ({@code management.server.port}), served from a child context
 * that the application's filter registrations never reach: custom headers are carried over to
 * it, as the IP allow-list is, with the application's rules, matched on the path within the
 * management server. {@link CustomHeadersOnManagementPortOnJettyTests} runs the same on Jetty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "shareddata.headers.rules[0].name=X-Powered-By",
				"shareddata.headers.rules[0].value=MyAwesomeApp", "shareddata.headers.rules[0].mode=set",
				"shareddata.headers.rules[1].name=Cache-Control", "shareddata.headers.rules[1].value=no-store",
				"shareddata.headers.rules[1].mode=set", "shareddata.headers.rules[1].paths=/actuator/health" })
@ExtendWith(OutputCaptureExtension.class)
class CustomHeadersOnManagementPortTests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	private LocalHttp management;

	@BeforeEach
	void connect() {
		this.management = new LocalHttp("127.0.0.1", this.managementPort);
	}

	@Test
	void securityPresetAndCustomRulesReachTheActuatorOnTheManagementPort() throws Exception {
		HttpResponse<String> response = this.management.get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertHeader(response, "X-Content-Type-Options", "nosniff");
		assertHeader(response, "Referrer-Policy", "strict-origin-when-cross-origin");
		assertHeader(response, "X-Frame-Options", "DENY");
		assertHeader(response, "Cross-Origin-Opener-Policy", "same-origin");
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		// a rule's paths are matched on the path within the management server
		assertHeader(response, "Cache-Control", "no-store");
		// plain HTTP
		assertThat(response.headers().allValues("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void pathRulesOnlyApplyToTheirPathsOnTheManagementPort() throws Exception {
		HttpResponse<String> response = this.management.get("/actuator/shareddata");
		assertThat(response.statusCode()).isEqualTo(200);
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
		assertThat(response.headers().allValues("Cache-Control")).doesNotContain("no-store");
	}

	@Test
	void errorResponsesOfTheManagementPortGetTheHeadersToo() throws Exception {
		HttpResponse<String> response = this.management.get("/actuator/no-such-endpoint");
		assertThat(response.statusCode()).isEqualTo(404);
		assertHeader(response, "X-Content-Type-Options", "nosniff");
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
	}

	@Test
	void theApplicationsPortKeepsTheHeadersOnce() throws Exception {
		HttpResponse<String> response = new LocalHttp("127.0.0.1", this.port).get("/hello");
		assertThat(response.statusCode()).isEqualTo(200);
		assertHeader(response, "X-Frame-Options", "DENY");
		assertHeader(response, "X-Powered-By", "MyAwesomeApp");
	}

	@Test
	void theChainIsReportedOnceAtStartUpAndByTheEndpoint(CapturedOutput output) throws Exception {
		for (String feature : List.of("request logging: ", "custom headers: ", "ip allow-list: ")) {
			assertThat(output.getAll()
				.lines()
				.filter((line) -> line.contains("SharedDataChainReporter") && line.contains(feature)))
				.as(feature)
				.hasSize(1);
		}
		HttpResponse<String> response = this.management.get("/actuator/shareddata");
		List<String> features = JsonPath.read(response.body(), "$.layers[*].feature");
		assertThat(features).containsExactly("request logging", "custom headers", "ip allow-list", "dispatch mounts",
				"shared data");
	}

	private static void assertHeader(HttpResponse<String> response, String name, String value) {
		assertThat(response.headers().allValues(name)).as(name).containsExactly(value);
	}

}
