package io.shareddata.dispatch;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.ClientAddressSource;
import io.shareddata.net.IpAddressSet;
import io.shareddata.net.TrustedProxyClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedHeadersTests {

	private static final Mount API = new Mount("/api", (request, response) -> {
	});

	private final ClientAddressResolver resolver = new ClientAddressResolver() {

		@Override
		public String resolveClientAddress(HttpServletRequest request) {
			return request.getRemoteAddr();
		}

		@Override
		public boolean isFromTrustedProxy(HttpServletRequest request) {
			return request.getRemoteAddr().equals("10.0.0.1");
		}

	};

	@Test
	void headersFromAnUntrustedPeerAreReplaced() {
		MockHttpServletRequest request = request("203.0.113.7");
		Map<String, String> headers = headers(request);
		assertThat(headers).containsEntry("X-Forwarded-For", "203.0.113.7")
			.containsEntry("X-Forwarded-Proto", "http")
			.containsEntry("X-Forwarded-Host", "example.org:8080")
			.containsEntry("X-Forwarded-Prefix", "/ctx/api");
	}

	@Test
	void headersFromATrustedProxyAreKeptAndExtended() {
		MockHttpServletRequest request = request("10.0.0.1");
		Map<String, String> headers = headers(request);
		assertThat(headers).containsEntry("X-Forwarded-For", "198.51.100.1, 10.0.0.2, 10.0.0.1")
			.containsEntry("X-Forwarded-Proto", "https")
			.containsEntry("X-Forwarded-Host", "public.example")
			.containsEntry("X-Forwarded-Prefix", "/edge/ctx/api");
	}

	@ParameterizedTest(name = "{0} from a trusted proxy: {1}, from anyone else: {2}")
	@CsvSource(textBlock = """
			X-Real-IP,           true,  false
			True-Client-IP,      true,  false
			CF-Connecting-IP,    true,  false
			Fastly-Client-IP,    true,  false
			X-Client-IP,         true,  false
			X-Cluster-Client-IP, true,  false
			X-Forwarded-Port,    true,  false
			X-Forwarded-For,     false, false
			X-Forwarded-Prefix,  false, false
			Forwarded,           false, false
			User-Agent,          true,  true
			X-Real-IP-Note,      true,  true
			""")
	void headersThatNameTheClientPassOnlyFromATrustedProxy(String name, boolean fromTrustedProxy,
			boolean fromAnyoneElse) {
		String lowerName = name.toLowerCase(Locale.ROOT);
		assertThat(ForwardedHeaders.passesOn(lowerName, true)).isEqualTo(fromTrustedProxy);
		assertThat(ForwardedHeaders.passesOn(lowerName, false)).isEqualTo(fromAnyoneElse);
	}

	/**
	 * Tomcat, Jetty and the JDK client keep an underscore in a header name as sent, and a CGI,
	 * WSGI or Rack upstream reads {@code X_Real_IP} as {@code X-Real-IP} (both become
	 * {@code HTTP_X_REAL_IP}).
	 */
	@ParameterizedTest(name = "{0} from a trusted proxy: {1}, from anyone else: {2}")
	@CsvSource(textBlock = """
			X_Real_IP,           true,  false
			X-Real_IP,           true,  false
			True_Client_IP,      true,  false
			CF_Connecting_IP,    true,  false
			X_Cluster_Client_IP, true,  false
			X_Forwarded_Port,    true,  false
			X-Forwarded_Port,    true,  false
			X_Forwarded_For,     false, false
			X-Forwarded_Host,    false, false
			x_forwarded_proto,   false, false
			X_Forwarded_Prefix,  false, false
			User_Agent,          true,  true
			X_Real_IP_Note,      true,  true
			""")
	void underscoreSpellingsOfTheHeadersThatNameTheClientAreHeldToTheSameRule(String name,
			boolean fromTrustedProxy, boolean fromAnyoneElse) {
		String lowerName = name.toLowerCase(Locale.ROOT);
		assertThat(ForwardedHeaders.passesOn(lowerName, true)).isEqualTo(fromTrustedProxy);
		assertThat(ForwardedHeaders.passesOn(lowerName, false)).isEqualTo(fromAnyoneElse);
	}

	@Test
	void anIpv6PeerIsAppendedWithoutTheBracketsJettyWritesAroundIt() {
		ClientAddressResolver trustingIpv6 = new TrustedProxyClientAddressResolver(ClientAddressSource.X_FORWARDED_FOR,
				IpAddressSet.parse(List.of("2001:db8::/32")));
		MockHttpServletRequest request = request("[2001:db8::7]");
		MountedRequest mounted = new MountedRequest(request, new MountMatch(API, "/x"));
		assertThat(ForwardedHeaders.of(mounted, trustingIpv6.isFromTrustedProxy(request), trustingIpv6))
			.containsEntry("X-Forwarded-For", "198.51.100.1, 10.0.0.2, 2001:db8::7");
	}

	@Test
	void aTrustedRfc7239ProxysProtoAndHostForTheClientArePassedOn() {
		ClientAddressResolver forwarded = new TrustedProxyClientAddressResolver(ClientAddressSource.FORWARDED,
				IpAddressSet.parse(List.of("10.0.0.1")));
		// The client's own element on the left says otherwise; the proxy's element names the client.
		MockHttpServletRequest request = forwardedRequest("10.0.0.1", "internal:8080",
				"for=6.6.6.6;proto=gopher;host=evil.example, for=198.51.100.1;proto=https;host=public.example");
		Map<String, String> headers = ForwardedHeaders.of(new MountedRequest(request, new MountMatch(API, "/x")),
				forwarded.isFromTrustedProxy(request), forwarded);
		assertThat(headers).containsEntry("X-Forwarded-For", "198.51.100.1")
			.containsEntry("X-Forwarded-Proto", "https")
			.containsEntry("X-Forwarded-Host", "public.example");
	}

	@ParameterizedTest
	@EnumSource(value = ClientAddressSource.class, names = { "X_FORWARDED_FOR", "PEER" })
	void forwardedTellsNothingWhenTheClientAddressDoesNotComeFromIt(ClientAddressSource source) {
		// A trusted proxy that writes X-Forwarded-* passes on whatever Forwarded the client sent.
		ClientAddressResolver resolver = new TrustedProxyClientAddressResolver(source,
				IpAddressSet.parse(List.of("10.0.0.1")));
		MockHttpServletRequest request = forwardedRequest("10.0.0.1", "public.example",
				"for=198.51.100.1;host=evil.example;proto=https, for=10.0.0.1;host=evil.example;proto=https");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		Map<String, String> headers = ForwardedHeaders.of(new MountedRequest(request, new MountMatch(API, "/x")),
				resolver.isFromTrustedProxy(request), resolver);
		assertThat(headers).containsEntry("X-Forwarded-Host", "public.example")
			.containsEntry("X-Forwarded-Proto", "http");
	}

	@Test
	void forwardedFromAnUntrustedPeerTellsNothing() {
		MockHttpServletRequest request = forwardedRequest("203.0.113.7", "example.org",
				"for=203.0.113.7;proto=https;host=public.example");
		assertThat(headers(request)).containsEntry("X-Forwarded-Proto", "http")
			.containsEntry("X-Forwarded-Host", "example.org");
	}

	@Test
	void trustedProxyWithoutForwardingHeadersIsTreatedAsTheClient() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ctx/api/x");
		request.setContextPath("/ctx");
		request.setRemoteAddr("10.0.0.1");
		request.addHeader("Host", "example.org");
		assertThat(headers(request)).containsEntry("X-Forwarded-For", "10.0.0.1")
			.containsEntry("X-Forwarded-Host", "example.org")
			.containsEntry("X-Forwarded-Prefix", "/ctx/api");
	}

	private static MockHttpServletRequest forwardedRequest(String peer, String host, String forwarded) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ctx/api/x");
		request.setContextPath("/ctx");
		request.setRemoteAddr(peer);
		request.addHeader("Host", host);
		request.addHeader("Forwarded", forwarded);
		return request;
	}

	private Map<String, String> headers(MockHttpServletRequest request) {
		MountedRequest mounted = new MountedRequest(request, new MountMatch(API, "/x"));
		return ForwardedHeaders.of(mounted, this.resolver.isFromTrustedProxy(request), this.resolver);
	}

	private static MockHttpServletRequest request(String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ctx/api/x");
		request.setContextPath("/ctx");
		request.setServletPath("/api/x");
		request.setRemoteAddr(peer);
		request.addHeader("Host", "example.org:8080");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		request.addHeader("X-Forwarded-For", "10.0.0.2");
		request.addHeader("X-Forwarded-Proto", "https");
		request.addHeader("X-Forwarded-Host", "public.example");
		request.addHeader("X-Forwarded-Prefix", "/edge/");
		return request;
	}

}
