package io.shareddata.http;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class RequestedPathTests {

	@Test
	void everyFilterOfOneDispatchSharesOneParse() {
		MockHttpServletRequest request = request("/admin/..;/x", "/x");
		RequestedPath first = RequestedPath.of(request);
		RequestedPath second = RequestedPath.of(request);
		assertThat(second).isSameAs(first);
		assertThat(second.normalised()).isSameAs(first.normalised());
		assertThat(second.routed()).isSameAs(first.routed());
		assertThat(first.normalised().value()).isEqualTo("/x");
		assertThat(first.routed().value()).isEqualTo("/admin/..;/x");
	}

	@Test
	void aDispatchWithOtherPathsParsesItsOwn() {
		// A forward or an error page changes the paths the request reports.
		MockHttpServletRequest request = request("/x", "/x");
		RequestedPath original = RequestedPath.of(request);
		request.setRequestURI("/error");
		request.setServletPath("/error");
		RequestedPath error = RequestedPath.of(request);
		assertThat(error).isNotSameAs(original);
		assertThat(error.normalised().value()).isEqualTo("/error");
		assertThat(error.routed().value()).isEqualTo("/error");
		assertThat(original.normalised().value()).isEqualTo("/x");
	}

	@Test
	void aValueSomeoneElseStoredUnderTheAttributeIsIgnored() {
		MockHttpServletRequest request = request("/x", "/x");
		request.setAttribute(RequestedPath.class.getName(), "/admin");
		assertThat(RequestedPath.of(request).normalised().value()).isEqualTo("/x");
	}

	@Test
	void aUriSpringCannotParseHasNoRoutedPath() {
		MockHttpServletRequest request = request("/other/x", "/x");
		request.setContextPath("/app");
		assertThat(RequestedPath.of(request).routed()).isNull();
		assertThat(RequestedPath.of(request).normalised().value()).isEqualTo("/x");
	}

	@Test
	void aContextPathThatEndsInsideASegmentHasNoRoutedPath() {
		// Spring's RequestPath refuses it with an IllegalStateException, not a 500 here.
		MockHttpServletRequest request = request("/apple/x", "/x");
		request.setContextPath("/app");
		assertThat(RequestedPath.of(request).routed()).isNull();
		assertThat(RequestedPath.of(request).hasRoutedPath()).isFalse();
	}

	private static MockHttpServletRequest request(String requestUri, String servletPath) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", requestUri);
		request.setServletPath(servletPath);
		return request;
	}

}
