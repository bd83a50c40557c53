package io.shareddata.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app behind a reverse proxy on {@code 127.0.0.1}: the client address is read
 * from {@code X-Forwarded-For}, but only when the proxy sent it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "shareddata.ip-allowlist.trusted-proxies=127.0.0.1",
				"shareddata.ip-allowlist.client-address-source=x-forwarded-for" })
class IpAllowlistBehindProxyHttpTests {

	@LocalServerPort
	private int port;

	@Test
	void clientForwardedByTheProxyIsJudged() throws Exception {
		assertThat(fromProxy("X-Forwarded-For: ::1")).isEqualTo(200);
		assertThat(fromProxy("X-Forwarded-For: 198.51.100.7")).isEqualTo(403);
	}

	@Test
	void clientCannotPrependAnAllowedAddress() throws Exception {
		// The client sent "127.0.0.1" itself; the proxy appended the address it really saw.
		assertThat(fromProxy("X-Forwarded-For: ::1, 198.51.100.7")).isEqualTo(403);
		assertThat(fromProxy("X-Forwarded-For: ::1", "X-Forwarded-For: 198.51.100.7")).isEqualTo(403);
	}

	@Test
	void headersFromAnUntrustedPeerAreNotBelieved() throws Exception {
		assertThat(RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/admin", "X-Forwarded-For: 127.0.0.1").status())
			.isEqualTo(403);
		assertThat(RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/admin", "X-Forwarded-For: ::1").status())
			.isEqualTo(403);
	}

	@Test
	void hostNameInTheHeaderEndsTheWalkAtTheProxy() throws Exception {
		// Unparseable: judged as the proxy itself (127.0.0.1, allowed); no name is looked up.
		assertThat(fromProxy("X-Forwarded-For: attacker.example")).isEqualTo(200);
		// ...but only left of an untrusted hop, which ends the walk first.
		assertThat(fromProxy("X-Forwarded-For: attacker.example, 198.51.100.7")).isEqualTo(403);
	}

	private int fromProxy(String... headers) throws Exception {
		return RawHttp.get("127.0.0.1", "127.0.0.1", this.port, "/admin", headers).status();
	}

}
