package io.shareddata.net;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link TrustedProxyClientAddressResolver}.
 */
class TrustedProxyClientAddressResolverTests {

	private static final IpAddressSet PROXIES = IpAddressSet.parse(List.of("10.0.0.0/8", "2001:db8:cafe::/48"));

	private final TrustedProxyClientAddressResolver xForwardedFor = new TrustedProxyClientAddressResolver(
			ClientAddressSource.X_FORWARDED_FOR, PROXIES);

	private final TrustedProxyClientAddressResolver forwarded = new TrustedProxyClientAddressResolver(
			ClientAddressSource.FORWARDED, PROXIES);

	private final TrustedProxyClientAddressResolver peer = new TrustedProxyClientAddressResolver(
			ClientAddressSource.PEER, PROXIES);

	@Test
	void peerSourceIgnoresHeadersEvenFromTrustedProxies() {
		MockHttpServletRequest request = request("10.0.0.5", "X-Forwarded-For", "203.0.113.9");
		request.addHeader("Forwarded", "for=203.0.113.9");
		assertThat(this.peer.resolveClientAddress(request)).isEqualTo("10.0.0.5");
		assertThat(this.peer.isFromTrustedProxy(request)).isTrue();
	}

	@Test
	void spoofedXForwardedForFromUntrustedPeerIsNotBelieved() {
		MockHttpServletRequest request = request("198.51.100.7", "X-Forwarded-For", "127.0.0.1");
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo("198.51.100.7");
		assertThat(this.xForwardedFor.isFromTrustedProxy(request)).isFalse();
	}

	@Test
	void spoofedForwardedFromUntrustedPeerIsNotBelieved() {
		MockHttpServletRequest request = request("198.51.100.7", "Forwarded", "for=127.0.0.1");
		assertThat(this.forwarded.resolveClientAddress(request)).isEqualTo("198.51.100.7");
	}

	@Test
	void anIpv6PeerInBracketsAsJettyWritesItIsTheSameAddress() {
		MockHttpServletRequest trusted = request("[2001:db8:cafe::2]", "X-Forwarded-For", "203.0.113.9");
		assertThat(this.xForwardedFor.isFromTrustedProxy(trusted)).isTrue();
		assertThat(this.xForwardedFor.resolveClientAddress(trusted)).isEqualTo("203.0.113.9");
		MockHttpServletRequest untrusted = request("[0:0:0:0:0:0:0:1]", "X-Forwarded-For", "203.0.113.9");
		assertThat(this.xForwardedFor.isFromTrustedProxy(untrusted)).isFalse();
		assertThat(this.xForwardedFor.resolveClientAddress(untrusted)).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(new PeerClientAddressResolver().resolveClientAddress(untrusted)).isEqualTo("0:0:0:0:0:0:0:1");
	}

	@Test
	void untrustedPeerInsideTrustedRangeOfTheOtherFamilyIsNotTrusted() {
		// 10.0.0.0/8 must not make the IPv6 peer ::a00:5 a trusted proxy.
		MockHttpServletRequest request = request("::a00:5", "X-Forwarded-For", "127.0.0.1");
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo("::a00:5");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			203.0.113.9                              | 203.0.113.9
			' 203.0.113.9 '                          | 203.0.113.9
			127.0.0.1, 203.0.113.9                   | 203.0.113.9
			203.0.113.9, 10.0.0.2                    | 203.0.113.9
			127.0.0.1, 203.0.113.9, 10.0.0.3, 10.0.0.2 | 203.0.113.9
			10.0.0.4, 10.0.0.3                       | 10.0.0.4
			2001:db8::1                              | 2001:db8::1
			2001:db8::1, 2001:db8:cafe::2            | 2001:db8::1
			::ffff:10.0.0.9, 203.0.113.9             | 203.0.113.9
			203.0.113.9, ::ffff:10.0.0.9             | 203.0.113.9
			'127.0.0.1,203.0.113.9,10.0.0.2'         | 203.0.113.9
			attacker.example, 10.0.0.2               | 10.0.0.2
			1.2.3.4.5, 10.0.0.2                      | 10.0.0.2
			garbage                                  | 10.0.0.5
			'127.0.0.1, , 10.0.0.2'                  | 10.0.0.2
			''                                       | 10.0.0.5
			127.1, 10.0.0.2                          | 10.0.0.2
			2130706433                               | 10.0.0.5
			010.0.0.1                                | 10.0.0.5
			[::1]                                    | 10.0.0.5
			203.0.113.9:4711                         | 10.0.0.5
			unknown                                  | 10.0.0.5
			fe80::1%eth0                             | 10.0.0.5
			127.0.0.1 203.0.113.9                    | 10.0.0.5
			""")
	void xForwardedForIsWalkedRightToLeftPastTrustedProxies(String header, String client) {
		MockHttpServletRequest request = request("10.0.0.5", "X-Forwarded-For", header);
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo(client);
		assertThat(this.xForwardedFor.isFromTrustedProxy(request)).isTrue();
	}

	@Test
	void everyXForwardedForLineIsWalkedLastLineFirst() {
		MockHttpServletRequest request = request("10.0.0.5", "X-Forwarded-For", "127.0.0.1");
		request.addHeader("X-Forwarded-For", "203.0.113.9, 10.0.0.7");
		request.addHeader("X-Forwarded-For", "10.0.0.6");
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void walkContinuesIntoEarlierLinesWhileHopsAreTrusted() {
		MockHttpServletRequest request = request("10.0.0.5", "X-Forwarded-For", "198.51.100.1, 10.0.0.8");
		request.addHeader("X-Forwarded-For", "10.0.0.7");
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo("198.51.100.1");
	}

	@Test
	void garbageInAnEarlierLineEndsTheWalkAtTheLastTrustedHop() {
		MockHttpServletRequest request = request("10.0.0.5", "X-Forwarded-For", "evil.example");
		request.addHeader("X-Forwarded-For", "10.0.0.7");
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo("10.0.0.7");
	}

	@Test
	void missingHeaderFromTrustedProxyGivesThePeer() {
		MockHttpServletRequest request = request("10.0.0.5", "X-Other", "203.0.113.9");
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo("10.0.0.5");
		assertThat(this.forwarded.resolveClientAddress(request)).isEqualTo("10.0.0.5");
	}

	@Test
	void xForwardedForSourceIgnoresForwardedAndTheReverse() {
		MockHttpServletRequest request = request("10.0.0.5", "Forwarded", "for=203.0.113.9");
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo("10.0.0.5");
		MockHttpServletRequest other = request("10.0.0.5", "X-Forwarded-For", "203.0.113.9");
		assertThat(this.forwarded.resolveClientAddress(other)).isEqualTo("10.0.0.5");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			for=203.0.113.9                                    | 203.0.113.9
			For=203.0.113.9                                    | 203.0.113.9
			'for=203.0.113.9;proto=https;by=10.0.0.5'          | 203.0.113.9
			'proto=https; for=203.0.113.9 ;host=example.com'   | 203.0.113.9
			'for="203.0.113.9:4711"'                           | 203.0.113.9
			'for="203.0.113.9:_port1"'                         | 203.0.113.9
			'for="[2001:db8::1]"'                              | 2001:db8::1
			'for="[2001:db8::1]:443"'                          | 2001:db8::1
			'for=127.0.0.1, for=203.0.113.9'                   | 203.0.113.9
			'for=203.0.113.9, for=10.0.0.2'                    | 203.0.113.9
			'for=203.0.113.9,for="[2001:db8:cafe::1]:80"'      | 203.0.113.9
			'for=10.0.0.3, for=10.0.0.2'                       | 10.0.0.3
			for=unknown                                        | 10.0.0.5
			'for=_hidden, for=10.0.0.2'                        | 10.0.0.2
			'for=203.0.113.9, for=unknown'                     | 10.0.0.5
			'for=attacker.example, for=10.0.0.2'               | 10.0.0.2
			'for="attacker.example"'                           | 10.0.0.5
			'for=1.2.3.4.5'                                    | 10.0.0.5
			'for=[2001:db8::1]'                                | 10.0.0.5
			'for=2001:db8::1'                                  | 10.0.0.5
			'for="2001:db8::1"'                                | 10.0.0.5
			'for="[203.0.113.9]"'                              | 10.0.0.5
			'for=203.0.113.9:4711'                             | 10.0.0.5
			'for="203.0.113.9:123456"'                         | 10.0.0.5
			'for="203.0.113.9'                                 | 10.0.0.5
			'for="[2001:db8::1%eth0]"'                         | 10.0.0.5
			'for=203.0.113.9;for=198.51.100.1'                 | 10.0.0.5
			proto=https                                        | 10.0.0.5
			''                                                 | 10.0.0.5
			'for=198.51.100.1;ext="a,b", for=10.0.0.2'         | 10.0.0.2
			'for="\\"203.0.113.9"'                             | 10.0.0.5
			'for = 203.0.113.9'                                | 10.0.0.5
			""")
	void forwardedForIsWalkedRightToLeftPastTrustedProxies(String header, String client) {
		MockHttpServletRequest request = request("10.0.0.5", "Forwarded", header);
		assertThat(this.forwarded.resolveClientAddress(request)).isEqualTo(client);
	}

	@Test
	void quotingCannotHideHopsAppendedByTrustedProxies() {
		// The client opens a quote and fakes a loopback hop; the proxy appends the real client.
		MockHttpServletRequest request = request("10.0.0.5", "Forwarded",
				"for=127.0.0.1;x=\", for=127.0.0.1, for=198.51.100.1");
		assertThat(this.forwarded.resolveClientAddress(request)).isEqualTo("198.51.100.1");
	}

	@Test
	void everyForwardedLineIsWalkedLastLineFirst() {
		MockHttpServletRequest request = request("10.0.0.5", "Forwarded", "for=127.0.0.1");
		request.addHeader("Forwarded", "for=203.0.113.9, for=10.0.0.7");
		request.addHeader("Forwarded", "for=\"[2001:db8:cafe::9]:80\"");
		assertThat(this.forwarded.resolveClientAddress(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void isFromTrustedProxyChecksThePeerOnly() {
		assertThat(this.xForwardedFor.isFromTrustedProxy(request("10.1.1.1", "X-Forwarded-For", "1.1.1.1"))).isTrue();
		assertThat(this.xForwardedFor.isFromTrustedProxy(request("2001:db8:cafe::1", "X", "y"))).isTrue();
		assertThat(this.xForwardedFor.isFromTrustedProxy(request("192.0.2.1", "X-Forwarded-For", "10.0.0.1")))
			.isFalse();
		assertThat(new PeerClientAddressResolver().isFromTrustedProxy(request("10.0.0.1", "X", "y"))).isFalse();
	}

	@Test
	void noTrustedProxiesMeansHeadersAreNeverBelieved() {
		TrustedProxyClientAddressResolver resolver = new TrustedProxyClientAddressResolver(
				ClientAddressSource.X_FORWARDED_FOR, IpAddressSet.empty());
		MockHttpServletRequest request = request("127.0.0.1", "X-Forwarded-For", "203.0.113.9");
		assertThat(resolver.resolveClientAddress(request)).isEqualTo("127.0.0.1");
		assertThat(resolver.isFromTrustedProxy(request)).isFalse();
	}

	@Test
	void hugeHeaderIsHandledQuickly() {
		String header = "10.0.0.1, ".repeat(50_000) + "10.0.0.2";
		MockHttpServletRequest request = request("10.0.0.5", "X-Forwarded-For", header);
		assertThat(this.xForwardedFor.resolveClientAddress(request)).isEqualTo("10.0.0.1");
	}

	@Test
	void hugeForwardedHeaderIsWalkedInTimeLinearInItsLength() {
		// Each element used to be searched to the end of the line: these 3 MB outran the timeout.
		String header = "for=10.0.0.1, ".repeat(220_000) + "for=10.0.0.2";
		MockHttpServletRequest request = request("10.0.0.5", "Forwarded", header);
		String client = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> this.forwarded.resolveClientAddress(request));
		assertThat(client).isEqualTo("10.0.0.1");
	}

	static MockHttpServletRequest request(String peer, String header, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setRemoteAddr(peer);
		request.addHeader(header, value);
		return request;
	}

}
