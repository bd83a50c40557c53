package io.shareddata.headers;

import java.util.List;

import io.shareddata.net.ClientAddressSource;
import io.shareddata.net.IpAddressSet;
import io.shareddata.net.TrustedProxyClientAddressResolver;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecureRequestPredicate}.
 */
class SecureRequestPredicateTests {

	private final SecureRequestPredicate trusting = new SecureRequestPredicate(HeadersFilterTests.resolver(true));

	private final SecureRequestPredicate untrusting = new SecureRequestPredicate(HeadersFilterTests.resolver(false));

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	@Test
	void secureConnectionIsSecure() {
		this.request.setSecure(true);
		assertThat(this.untrusting.test(this.request)).isTrue();
	}

	@Test
	void plainConnectionIsNotSecure() {
		assertThat(this.trusting.test(this.request)).isFalse();
	}

	@Test
	void forwardedHttpsFromATrustedProxyIsSecure() {
		this.request.addHeader("X-Forwarded-Proto", "HTTPS");
		assertThat(this.trusting.test(this.request)).isTrue();
	}

	@Test
	void forwardedHttpsFromAnyoneElseIsNotSecure() {
		this.request.addHeader("X-Forwarded-Proto", "https");
		assertThat(this.untrusting.test(this.request)).isFalse();
	}

	@Test
	void everyForwardedValueMustBeHttps() {
		this.request.addHeader("X-Forwarded-Proto", "https, http");
		assertThat(this.trusting.test(this.request)).isFalse();
		MockHttpServletRequest twoLines = new MockHttpServletRequest();
		twoLines.addHeader("X-Forwarded-Proto", "https");
		twoLines.addHeader("X-Forwarded-Proto", "http");
		assertThat(this.trusting.test(twoLines)).isFalse();
	}

	@Test
	void rfc7239HttpsFromATrustedProxyForTheClientIsSecure() {
		SecureRequestPredicate forwarded = new SecureRequestPredicate(new TrustedProxyClientAddressResolver(
				ClientAddressSource.FORWARDED, IpAddressSet.parse(List.of("10.0.0.1"))));
		MockHttpServletRequest viaProxy = new MockHttpServletRequest();
		viaProxy.setRemoteAddr("10.0.0.1");
		viaProxy.addHeader("Forwarded", "for=198.51.100.1;proto=https");
		assertThat(forwarded.test(viaProxy)).isTrue();
		MockHttpServletRequest clientMade = new MockHttpServletRequest();
		clientMade.setRemoteAddr("10.0.0.1");
		// The proxy's element for the client says http; the client's own element on the left does not count.
		clientMade.addHeader("Forwarded", "for=198.51.100.1;proto=https, for=198.51.100.1;proto=http");
		assertThat(forwarded.test(clientMade)).isFalse();
		MockHttpServletRequest direct = new MockHttpServletRequest();
		direct.setRemoteAddr("198.51.100.1");
		direct.addHeader("Forwarded", "for=198.51.100.1;proto=https");
		assertThat(forwarded.test(direct)).as("not from a trusted proxy").isFalse();
	}

	@Test
	void aClientCannotClaimHttpsInAnElementNamingTheProxyThatHidesIt() {
		// The trusted proxy hides its client (for=unknown), so the client is the proxy itself; the
		// element on the left, naming the proxy, is the client's own.
		SecureRequestPredicate forwarded = new SecureRequestPredicate(new TrustedProxyClientAddressResolver(
				ClientAddressSource.FORWARDED, IpAddressSet.parse(List.of("10.0.0.1"))));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("10.0.0.1");
		request.addHeader("Forwarded", "for=10.0.0.1;proto=https, for=unknown;proto=http");
		assertThat(forwarded.test(request)).isFalse();
	}

	@Test
	void forwardedHttpsCountsOnlyWhenTheClientAddressComesFromForwarded() {
		// A trusted proxy that writes X-Forwarded-For passes on whatever Forwarded the client sent.
		SecureRequestPredicate xForwardedFor = new SecureRequestPredicate(new TrustedProxyClientAddressResolver(
				ClientAddressSource.X_FORWARDED_FOR, IpAddressSet.parse(List.of("10.0.0.1"))));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("10.0.0.1");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		request.addHeader("Forwarded", "for=198.51.100.1;proto=https");
		assertThat(xForwardedFor.test(request)).isFalse();
	}

	@Test
	void xForwardedProtoWinsOverForwarded() {
		this.request.addHeader("X-Forwarded-Proto", "http");
		this.request.addHeader("Forwarded", "for=198.51.100.1;proto=https");
		assertThat(this.trusting.test(this.request)).isFalse();
	}

	@Test
	void emptyForwardedProtoIsNotSecure() {
		this.request.addHeader("X-Forwarded-Proto", " , ");
		assertThat(this.trusting.test(this.request)).isFalse();
	}

}
