package io.shareddata.http;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

class PathPatternsTests {

	private final PathPatterns admin = PathPatterns.of(List.of(PathPatternParser.defaultInstance.parse("/admin/**")));

	private final PathPatterns actuator = PathPatterns
		.of(List.of(PathPatternParser.defaultInstance.parse("/actuator/**")));

	@Test
	void aRuleAppliesWhenEitherPathMatches() {
		// Container: /x; Spring MVC routes /admin/../x to /admin/**.
		assertThat(this.admin.matchesEitherPath(request("/admin/../x", "/x"))).isTrue();
		assertThat(this.admin.matchesEitherPath(request("/admin/..;/x", "/x"))).isTrue();
		// Container: /admin.
		assertThat(this.admin.matchesEitherPath(request("/%61dmin", "/admin"))).isTrue();
		assertThat(this.admin.matchesEitherPath(request("/x", "/x"))).isFalse();
	}

	@Test
	void anExemptionAppliesOnlyWhenBothPathsMatch() {
		// The container sees /actuator/health, but Spring MVC routes the raw URI to /admin/**:
		// exempting it from logging would hide an admin request.
		assertThat(this.actuator.matchesBothPaths(request("/admin/..;/actuator/health", "/actuator/health"))).isFalse();
		assertThat(this.actuator.matchesBothPaths(request("/actuator/health", "/actuator/health"))).isTrue();
		assertThat(this.actuator.matchesBothPaths(request("/actuator;x/health", "/actuator/health"))).isTrue();
	}

	@Test
	void theContainersPathIsNotDecodedAgain() {
		// "/actuator%252fx" arrives decoded once as "/actuator%2fx": one segment, not two.
		RequestedPath encoded = RequestedPath.of(request("/actuator%252fx", "/actuator%2fx"));
		assertThat(this.actuator.matches(encoded, RequestedPath.Kind.NORMALISED)).isFalse();
		RequestedPath plain = RequestedPath.of(request("/actuator/x", "/actuator/x"));
		assertThat(this.actuator.matches(plain, RequestedPath.Kind.NORMALISED)).isTrue();
	}

	@Test
	void noPatternsMatchNothing() {
		PathPatterns none = PathPatterns.of(List.of());
		assertThat(none.matchesEitherPath(request("/x", "/x"))).isFalse();
		assertThat(none.matchesBothPaths(request("/x", "/x"))).isFalse();
	}

	private static MockHttpServletRequest request(String requestUri, String servletPath) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", requestUri);
		request.setServletPath(servletPath);
		return request;
	}

}
