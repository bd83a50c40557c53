package io.shareddata.headers;

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
	void emptyForwardedProtoIsNotSecure() {
		this.request.addHeader("X-Forwarded-Proto", " , ");
		assertThat(this.trusting.test(this.request)).isFalse();
	}

}
