package io.shareddata.sample;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on a port of its own ({@code management.server.port}), which Spring Boot serves
 * from a child context with its own servlet context: the allow-list guards it there too, as
 * Spring Boot carries Spring Security's filter chain over, while the application's port keeps
 * every layer once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "shareddata.ip-allowlist.paths=/admin/**,/actuator/**" })
class IpAllowlistOnManagementPortTests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void actuatorOnTheManagementPortIsDeniedToAnAddressNotListed() throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.managementPort, "/actuator/shareddata");
		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void actuatorOnTheManagementPortIsServedToAListedAddress() throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.1", "127.0.0.1", this.managementPort, "/actuator/shareddata");
		assertThat(response.status()).isEqualTo(200);
		List<String> features = JsonPath.read(response.body(), "$.layers[*].feature");
		assertThat(features).containsExactly("request logging", "custom headers", "ip allow-list", "dispatch mounts",
				"shared data");
	}

	@Test
	void theApplicationsPortIsStillGuarded() throws Exception {
		assertThat(RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/admin").status()).isEqualTo(403);
		assertThat(RawHttp.get("127.0.0.1", "127.0.0.1", this.port, "/admin").status()).isEqualTo(200);
	}

}
