package io.shareddata.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AccessPaths}.
 */
class AccessPathsTests {

	@Test
	void everyPathIsProtectedByDefault() {
		assertThat(AccessPaths.all().isProtected("")).isTrue();
		assertThat(AccessPaths.all().isProtected("/")).isTrue();
		assertThat(AccessPaths.all().isProtected("/anything/at/all")).isTrue();
	}

	@Test
	void excludesApplyToEveryPathWhenNoIncludes() {
		AccessPaths paths = new AccessPaths(IpAllowlistFilterTests.patterns(),
				IpAllowlistFilterTests.patterns("/health", "/public/**"));
		assertThat(paths.isProtected("/health")).isFalse();
		assertThat(paths.isProtected("/public/a/b")).isFalse();
		assertThat(paths.isProtected("/healthz")).isTrue();
		assertThat(paths.isProtected("")).isTrue();
	}

	@Test
	void decodedSemicolonIsPartOfTheSegment() {
		// "/health%3Bx" reaches the filter decoded as "/health;x": not the excluded "/health".
		AccessPaths paths = new AccessPaths(IpAllowlistFilterTests.patterns(),
				IpAllowlistFilterTests.patterns("/health"));
		assertThat(paths.isProtected("/health;x")).isTrue();
		AccessPaths admin = new AccessPaths(IpAllowlistFilterTests.patterns("/admin/**"),
				IpAllowlistFilterTests.patterns());
		assertThat(admin.isProtected("/admin;x")).isFalse();
		assertThat(admin.isProtected("/admin")).isTrue();
		assertThat(admin.isProtected("/admin/")).isTrue();
		assertThat(admin.isProtected("/admin/%2e%2e")).isTrue();
	}

}
