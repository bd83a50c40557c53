package io.shareddata.headers;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.shareddata.http.RequestedPath;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link HeaderRule}.
 */
class HeaderRuleTests {

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void setReplacesEveryExistingValue() {
		this.response.addHeader("X-Powered-By", "Servlet");
		this.response.addHeader("X-Powered-By", "Tomcat");
		HeaderRule.of("X-Powered-By", "MyAwesomeApp", HeaderMode.SET).applyTo(this.response, false);
		assertThat(this.response.getHeaders("X-Powered-By")).containsExactly("MyAwesomeApp");
	}

	@Test
	void addKeepsExistingValues() {
		this.response.addHeader("Vary", "Accept");
		HeaderRule.of("Vary", "Origin", HeaderMode.ADD).applyTo(this.response, false);
		assertThat(this.response.getHeaders("Vary")).containsExactly("Accept", "Origin");
	}

	@Test
	void addDoesNotRepeatItsValueWhenAppliedAgain() {
		HeaderRule rule = HeaderRule.of("Vary", "Origin", HeaderMode.ADD);
		rule.applyTo(this.response, false);
		rule.applyTo(this.response, true);
		assertThat(this.response.getHeaders("Vary")).containsExactly("Origin");
	}

	@Test
	void addRestoresItsValueWhenAppliedAgainAfterTheHeaderWasReplaced() {
		HeaderRule rule = HeaderRule.of("Vary", "Origin", HeaderMode.ADD);
		rule.applyTo(this.response, false);
		this.response.setHeader("Vary", "Accept");
		rule.applyTo(this.response, true);
		assertThat(this.response.getHeaders("Vary")).containsExactly("Accept", "Origin");
	}

	@Test
	void setIfAbsentKeepsTheApplicationsValue() {
		this.response.setHeader("X-Frame-Options", "SAMEORIGIN");
		HeaderRule.of("X-Frame-Options", "DENY", HeaderMode.SET_IF_ABSENT).applyTo(this.response, false);
		assertThat(this.response.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");
	}

	@Test
	void setIfAbsentWritesAMissingHeader() {
		HeaderRule.of("X-Frame-Options", "DENY", HeaderMode.SET_IF_ABSENT).applyTo(this.response, false);
		assertThat(this.response.getHeaders("X-Frame-Options")).containsExactly("DENY");
	}

	@Test
	void removeDeletesAPresentHeader() {
		// MockHttpServletResponse rejects setHeader(name, null); Tomcat and Jetty remove the header
		HttpServletResponse mock = mock(HttpServletResponse.class);
		given(mock.containsHeader("X-Powered-By")).willReturn(true);
		HeaderRule.of("X-Powered-By", null, HeaderMode.REMOVE).applyTo(mock, false);
		verify(mock).setHeader("X-Powered-By", null);
	}

	@Test
	void removeLeavesAnAbsentHeaderAlone() {
		HeaderRule.of("X-Powered-By", null, HeaderMode.REMOVE).applyTo(this.response, false);
		assertThat(this.response.getHeaderNames()).isEmpty();
	}

	@Test
	void ruleWithoutPathsAppliesEverywhere() {
		HeaderRule rule = HeaderRule.of("X-A", "1", HeaderMode.SET);
		assertThat(rule.appliesTo(new MockHttpServletRequest(), path("/any/thing"))).isTrue();
		assertThat(rule.appliesTo(new MockHttpServletRequest(), path(""))).isTrue();
	}

	@Test
	void pathPatternsAreMatchedOnTheDecodedPath() {
		HeaderRule rule = HeaderRule.of("X-A", "1", HeaderMode.SET, List.of("/docs/**", "/api/*/status"));
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(rule.appliesTo(request, path("/docs"))).isTrue();
		assertThat(rule.appliesTo(request, path("/docs/a b/c%2Fd.html"))).isTrue();
		assertThat(rule.appliesTo(request, path("/api/v1/status"))).isTrue();
		assertThat(rule.appliesTo(request, path("/api/v1/other"))).isFalse();
		assertThat(rule.appliesTo(request, path("/documents"))).isFalse();
	}

	@Test
	void conditionRestrictsTheRule() {
		HeaderRule rule = HeaderRule.of("X-A", "1", HeaderMode.SET).when((request) -> request.isSecure());
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(rule.appliesTo(request, path("/"))).isFalse();
		request.setSecure(true);
		assertThat(rule.appliesTo(request, path("/"))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "X Powered By", "X-Powered-By:", "X\"Quote", "Caf\u00e9", "X(1)", "X/Y" })
	void nameMustBeAToken(String name) {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of(name, "v", HeaderMode.SET))
			.withMessageContaining("RFC 9110 token")
			.satisfies((ex) -> assertThat(ex.getPart()).isEqualTo("name"));
	}

	@Test
	void nameWithASpaceIsDescribed() {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("X Powered", "v", HeaderMode.SET))
			.withMessageContaining("a space (U+0020)");
	}

	@Test
	void nameIsRequired() {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("", "v", HeaderMode.SET))
			.satisfies((ex) -> assertThat(ex.getPart()).isEqualTo("name"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Content-Length", "transfer-encoding", "Connection" })
	void framingHeadersAreRejected(String name) {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of(name, "1", HeaderMode.SET))
			.withMessageContaining("belongs to the web server");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\r\nSet-Cookie: x=1", "a\nb", "a\rb", "a\u0000b", "a\u007fb", "a\u0085b", "a\u001bb" })
	void valueMustNotContainControlCharacters(String value) {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("X-A", value, HeaderMode.SET))
			.withMessageContaining("control characters")
			.satisfies((ex) -> assertThat(ex.getPart()).isEqualTo("value"));
	}

	@Test
	void valueMayContainATab() {
		HeaderRule.of("X-A", "a\tb", HeaderMode.SET).applyTo(this.response, false);
		assertThat(this.response.getHeader("X-A")).isEqualTo("a\tb");
	}

	@Test
	void valueMustBeLatin1() {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("X-A", "\u20ac", HeaderMode.SET))
			.withMessageContaining("ISO-8859-1");
	}

	@Test
	void valueMustNotHaveSurroundingWhitespace() {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("X-A", " v", HeaderMode.SET))
			.withMessageContaining("whitespace");
	}

	@Test
	void valueIsRequiredUnlessRemoving() {
		for (HeaderMode mode : List.of(HeaderMode.SET, HeaderMode.ADD, HeaderMode.SET_IF_ABSENT)) {
			assertThatExceptionOfType(InvalidHeaderRuleException.class)
				.isThrownBy(() -> HeaderRule.of("X-A", null, mode))
				.withMessageContaining("needs a value");
			assertThatExceptionOfType(InvalidHeaderRuleException.class)
				.isThrownBy(() -> HeaderRule.of("X-A", "", mode))
				.withMessageContaining("needs a value");
		}
	}

	@Test
	void removeTakesNoValue() {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("X-A", "v", HeaderMode.REMOVE))
			.satisfies((ex) -> assertThat(ex.getPart()).isEqualTo("value"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "max-age=abc", "includeSubDomains", "max-age=-1", "max-age" })
	void hstsNeedsANumericMaxAge(String value) {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("strict-transport-security", value, HeaderMode.SET))
			.withMessageContaining("max-age");
	}

	@ParameterizedTest
	@ValueSource(strings = { "max-age=0", "max-age=31536000; includeSubDomains; preload",
			"includeSubDomains; max-age=\"600\"" })
	void hstsWithANumericMaxAgeIsAccepted(String value) {
		assertThat(HeaderRule.of("Strict-Transport-Security", value, HeaderMode.SET).getValue()).isEqualTo(value);
	}

	@Test
	void pathMustStartWithASlash() {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("X-A", "v", HeaderMode.SET, List.of("/ok", "docs/**")))
			.withMessageContaining("must start with '/'")
			.satisfies((ex) -> assertThat(ex.getPart()).isEqualTo("paths[1]"));
	}

	@Test
	void pathMustBeAValidPattern() {
		assertThatExceptionOfType(InvalidHeaderRuleException.class)
			.isThrownBy(() -> HeaderRule.of("X-A", "v", HeaderMode.SET, List.of("/a/**/b")))
			.withMessageContaining("not a valid path pattern")
			.satisfies((ex) -> assertThat(ex.getPart()).isEqualTo("paths[0]"));
	}

	/** The paths of a request whose container path is this decoded path, sent encoded. */
	private static RequestedPath path(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", UriUtils.encodePath(path, StandardCharsets.UTF_8));
		request.setServletPath(path);
		return RequestedPath.of(request);
	}

}
