package io.shareddata.net;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedOriginTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			for=198.51.100.1;proto=https;host=public.example                          | 198.51.100.1 | https | public.example
			'for=198.51.100.1; Proto="https"; HOST="public.example:8443"'             | 198.51.100.1 | https | public.example:8443
			'for="[2001:db8::9]:4711";proto=https;host="[2001:db8::1]"'               | 2001:db8::9  | https | [2001:db8::1]
			'for=6.6.6.6;proto=https;host=evil, for=198.51.100.1;proto=http'         | 198.51.100.1 | http  | null
			'for=198.51.100.1;proto=https, for=198.51.100.1;host=right.example'     | 198.51.100.1 | null  | right.example
			for=198.51.100.1;proto=1https;host=public.example                         | 198.51.100.1 | null  | public.example
			'for=198.51.100.1;proto=https;host="evil.example/path"'                   | 198.51.100.1 | https | null
			""")
	void theRightMostElementNamingTheClientTellsItsProtoAndHost(String header, String client, String proto,
			String host) {
		ForwardedOrigin origin = ForwardedOrigin.of(request(header), client);
		assertThat(origin).isEqualTo(new ForwardedOrigin(proto, host));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			for=198.51.100.1                               | 198.51.100.1
			for=203.0.113.9;proto=https;host=public.example | 198.51.100.1
			proto=https;host=public.example                 | 198.51.100.1
			for=198.51.100.1;proto=-;host=_bad_              | 198.51.100.1
			""")
	void nothingIsToldWithoutAValidValueInAnElementNamingTheClient(String header, String client) {
		assertThat(ForwardedOrigin.of(request(header), client)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			'for=10.0.0.1;proto=https;host=evil.example, for=unknown;proto=http'      | 10.0.0.1
			'for=10.0.0.1;proto=https;host=evil.example, for=_hidden;host=edge'       | 10.0.0.1
			'for=10.0.0.1;proto=https;host=evil.example, proto=http'                  | 10.0.0.1
			'for=198.51.100.1;proto=https, for=_hidden, for=10.0.0.2;proto=http'      | 198.51.100.1
			""")
	void nothingIsReadLeftOfAnElementWithoutAnAddress(String header, String client) {
		// The client walk ends at such an element: anything left of it may be the client's own.
		assertThat(ForwardedOrigin.of(request(header), client)).isNull();
	}

	@Test
	void aForgedElementNamingTheProxyIsNotItsOrigin() {
		TrustedProxyClientAddressResolver resolver = new TrustedProxyClientAddressResolver(
				ClientAddressSource.FORWARDED, IpAddressSet.parse(List.of("10.0.0.0/8")));
		MockHttpServletRequest request = request("for=10.0.0.1;proto=https;host=evil.example, for=unknown;proto=http");
		assertThat(resolver.resolveClientAddress(request)).isEqualTo("10.0.0.1");
		assertThat(resolver.forwardedOrigin(request)).isNull();
	}

	@Test
	void theLastLineIsReadFirst() {
		MockHttpServletRequest request = request("for=198.51.100.1;proto=https;host=client-made.example");
		request.addHeader("Forwarded", "for=198.51.100.1;proto=https;host=edge.example");
		assertThat(ForwardedOrigin.of(request, "198.51.100.1")).isEqualTo(new ForwardedOrigin("https", "edge.example"));
	}

	private static MockHttpServletRequest request(String forwarded) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setRemoteAddr("10.0.0.1");
		request.addHeader("Forwarded", forwarded);
		return request;
	}

}
