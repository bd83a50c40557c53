package io.shareddata.net;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RemoteAddress}.
 */
class RemoteAddressTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			127.0.0.1               | 127.0.0.1
			0:0:0:0:0:0:0:1         | 0:0:0:0:0:0:0:1
			[0:0:0:0:0:0:0:1]       | 0:0:0:0:0:0:0:1
			[::1]                   | ::1
			[2001:db8::1]           | 2001:db8::1
			[]                      | []
			[                       | [
			'[::1'                  | '[::1'
			'::1]'                  | '::1]'
			''                      | ''
			""")
	void theBracketsJettyWritesAroundAnIpv6PeerAreRemoved(String remoteAddr, String expected) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(remoteAddr);
		assertThat(RemoteAddress.of(request)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			fe80:0:0:0:fc:ff:fe00:1%4         | fe80:0:0:0:fc:ff:fe00:1
			fe80:0:0:0:fc:ff:fe00:1%eth0      | fe80:0:0:0:fc:ff:fe00:1
			[fe80:0:0:0:fc:ff:fe00:1%4]       | fe80:0:0:0:fc:ff:fe00:1
			127.0.0.1%4                       | 127.0.0.1%4
			fe80::1%                          | fe80::1%
			""")
	void theZoneOfALinkLocalPeerIsRemoved(String remoteAddr, String expected) {
		// The JDK writes a link-local peer with the server's interface, as Tomcat and Jetty report
		// it: "fe80:0:0:0:fc:ff:fe00:1%4". The zone is the server's own, never the client's say.
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(remoteAddr);
		assertThat(RemoteAddress.of(request)).isEqualTo(expected);
	}

	@Test
	void aLinkLocalPeerIsMatchedByItsAddress() {
		IpAddressSet allowed = IpAddressSet.parse(List.of("fe80::/10"));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("fe80:0:0:0:fc:ff:fe00:1%4");
		assertThat(allowed.contains(new PeerClientAddressResolver().resolveClientAddress(request))).isTrue();
	}

}
