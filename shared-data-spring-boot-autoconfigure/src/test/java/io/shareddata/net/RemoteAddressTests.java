package io.shareddata.net;

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

}
