package io.shareddata.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.shareddata.access.DeniedResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample app's {@code /admin} page over real connections: allowed from {@code 127.0.0.1}
 * and {@code ::1}, denied from {@code 127.0.0.2}, whatever path spelling or forwarding header
 * the client tries.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IpAllowlistHttpTests {

	private static final String ADMIN_TEXT = "Admin area";

	@LocalServerPort
	private int port;

	@Test
	void adminIsServedToTheLoopbackAddress() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/admin")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(ADMIN_TEXT);
	}

	@Test
	void adminIsServedToIpv6Loopback() throws Exception {
		assumeTrue(hasIpv6Loopback(), "no ::1 on this machine");
		RawHttp.Response response = RawHttp.get("::1", "::1", this.port, "/admin");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains(ADMIN_TEXT);
	}

	@Test
	void adminIsDeniedToAnotherLoopbackAddress() throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/admin");
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.body()).isEqualTo(DeniedResponse.FORBIDDEN_BODY);
		assertThat(response.headers()).containsIgnoringCase("Content-Type: text/html;charset=UTF-8")
			.containsIgnoringCase("Cache-Control: no-store");
	}

	@Test
	void sameClientReachesUnprotectedPaths() throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/hello");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("Hello from the application");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin/", "/admin;x", "/admin;jsessionid=0", "//admin", "///admin", "/./admin",
			"/%61dmin", "/%61%64%6d%69%6e", "/admin/../admin", "/hello/../admin", "/nothing/%2e%2e/admin", "/.//admin",
			"/admin/.", "/admin/x/..", "/admin;a=b/", "/admin/../hello", "/admin/..;/hello", "/admin/%2e%2e/hello",
			"/admin/./x", "/admin//x", "/admin/%2e/x", "/%2e/admin" })
	void pathSpellingsOfAdminAreDenied(String target) throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, target);
		assertThat(response.status()).as(target).isEqualTo(403);
		assertThat(response.body()).doesNotContain(ADMIN_TEXT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin/", "/admin;x", "/admin;jsessionid=0", "/%61dmin", "/%61%64%6d%69%6e",
			"/admin;a=b/", "/admin/../hello", "/admin/..;/hello", "/admin/%2e%2e/hello", "/admin/./x", "/admin//x" })
	void sameSpellingsReachTheAdminPageFromAnAllowedAddress(String target) throws Exception {
		// Proves that the 403s above guard a page the application really serves under these
		// spellings (including dot segments that Spring MVC routes without normalising).
		RawHttp.Response response = RawHttp.get("127.0.0.1", "127.0.0.1", this.port, target);
		assertThat(response.status()).as(target).isEqualTo(200);
		assertThat(response.body()).contains(ADMIN_TEXT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Forwarded-For: 127.0.0.1", "X-Forwarded-For: ::1", "X-Forwarded-For: 127.0.0.2, 127.0.0.1",
			"Forwarded: for=127.0.0.1", "Forwarded: for=\"[::1]\"", "X-Real-IP: 127.0.0.1", "X-Client-IP: 127.0.0.1",
			"True-Client-IP: 127.0.0.1", "X-Forwarded-For: localhost" })
	void forwardingHeadersFromTheClientAreNotBelieved(String header) throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/admin", header);
		assertThat(response.status()).isEqualTo(403);
	}

	private static boolean hasIpv6Loopback() throws IOException {
		InetAddress loopback = InetAddress.getByName("::1");
		return NetworkInterface.getByInetAddress(loopback) != null;
	}

}
