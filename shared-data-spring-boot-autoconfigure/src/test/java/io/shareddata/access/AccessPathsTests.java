package io.shareddata.access;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AccessPaths}.
 */
class AccessPathsTests {

	@Test
	void everyPathIsProtectedByDefault() {
		assertThat(AccessPaths.all().isProtected(request("", ""))).isTrue();
		assertThat(AccessPaths.all().isProtected(request("/", "/"))).isTrue();
		assertThat(AccessPaths.all().isProtected(request("/anything/at/all", "/anything/at/all"))).isTrue();
	}

	@Test
	void excludesApplyToEveryPathWhenNoIncludes() {
		AccessPaths paths = new AccessPaths(IpAllowlistFilterTests.patterns(),
				IpAllowlistFilterTests.patterns("/health", "/public/**"));
		assertThat(paths.isProtected(request("/health", "/health"))).isFalse();
		assertThat(paths.isProtected(request("/public/a/b", "/public/a/b"))).isFalse();
		assertThat(paths.isProtected(request("/healthz", "/healthz"))).isTrue();
		assertThat(paths.isProtected(request("", ""))).isTrue();
	}

	@Test
	void decodedSemicolonIsPartOfTheSegment() {
		// "/health%3Bx" reaches the filter decoded as "/health;x": not the excluded "/health".
		AccessPaths paths = new AccessPaths(IpAllowlistFilterTests.patterns(),
				IpAllowlistFilterTests.patterns("/health"));
		assertThat(paths.isProtected(request("/health%3Bx", "/health;x"))).isTrue();
		AccessPaths admin = new AccessPaths(IpAllowlistFilterTests.patterns("/admin/**"),
				IpAllowlistFilterTests.patterns());
		assertThat(admin.isProtected(request("/admin%3Bx", "/admin;x"))).isFalse();
		assertThat(admin.isProtected(request("/admin", "/admin"))).isTrue();
		assertThat(admin.isProtected(request("/admin/", "/admin/"))).isTrue();
		assertThat(admin.isProtected(request("/admin/%252e%252e", "/admin/%2e%2e"))).isTrue();
	}

	@Test
	void requestIsProtectedWhenEitherItsNormalisedOrItsRoutedPathIs() {
		AccessPaths admin = new AccessPaths(IpAllowlistFilterTests.patterns("/admin/**"),
				IpAllowlistFilterTests.patterns());
		// The container normalises to /x, Spring MVC routes /admin/../x to /admin/**.
		assertThat(admin.isProtected(request("/admin/../x", "/x"))).isTrue();
		assertThat(admin.isProtected(request("/admin/..;/x", "/x"))).isTrue();
		assertThat(admin.isProtected(request("/admin/%2e%2e/x", "/x"))).isTrue();
		// The container normalises to /admin, whatever MVC makes of it.
		assertThat(admin.isProtected(request("/x/../admin", "/admin"))).isTrue();
		assertThat(admin.isProtected(request("/%61dmin", "/admin"))).isTrue();
		assertThat(admin.isProtected(request("/x", "/x"))).isFalse();
		// A URI Spring cannot parse is protected.
		MockHttpServletRequest broken = request("/x", "/x");
		broken.setContextPath("/other");
		assertThat(admin.isProtected(broken)).isTrue();
	}

	@Test
	void excludedPathCannotBeBorrowedByDotSegments() {
		AccessPaths paths = new AccessPaths(IpAllowlistFilterTests.patterns(),
				IpAllowlistFilterTests.patterns("/public/**"));
		assertThat(paths.isProtected(request("/public/../admin", "/admin"))).isTrue();
		assertThat(paths.isProtected(request("/public/y", "/public/y"))).isFalse();
	}

	private static MockHttpServletRequest request(String requestUri, String servletPath) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", requestUri);
		request.setServletPath(servletPath);
		return request;
	}

}
