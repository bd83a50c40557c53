package io.shareddata.dispatch;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * werkzeug's derived {@code DispatcherMiddleware} table: mounts {@code /app2} (A) and
 * {@code /app2/sub} (B), everything else to the application (D).
 */
class MountMatcherTests {

	private static final MountTarget A = (request, response) -> {
	};

	private static final MountTarget B = (request, response) -> {
	};

	private final MountMatcher matcher = new MountMatcher(List.of(new Mount("/app2", A), new Mount("/app2/sub", B)));

	@ParameterizedTest(name = "{0} -> {1} {2} {3}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			/app2        | A | /app2     | ''
			/app2/       | A | /app2     | /
			/app2/x/y    | A | /app2     | /x/y
			/app2/sub    | B | /app2/sub | ''
			/app2/sub/z  | B | /app2/sub | /z
			/app2/subx   | A | /app2     | /subx
			/app2//x     | A | /app2     | //x
			""")
	void pathUnderAMountMatchesTheLongestSegmentAlignedPrefix(String path, String app, String scriptName,
			String pathInfo) {
		MountMatch match = this.matcher.match(path);
		assertThat(match).isNotNull();
		assertThat(match.mount().target()).isSameAs(app.equals("A") ? A : B);
		assertThat(match.mount().path()).isEqualTo(scriptName);
		assertThat(match.pathWithinMount()).isEqualTo(pathInfo);
	}

	@ParameterizedTest
	@CsvSource(quoteCharacter = '\'', value = { "/app2x", "/APP2", "/", "''", "/other/app2", "/app" })
	void pathOutsideEveryMountGoesToTheApplication(String path) {
		assertThat(this.matcher.match(path)).isNull();
	}

	@Test
	void incomingContextPathIsKeptInFrontOfTheMount() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/base/app2/x");
		request.setContextPath("/base");
		request.setServletPath("/app2/x");
		MountMatch match = this.matcher.match("/app2/x");
		assertThat(match).isNotNull();
		MountedRequest mounted = new MountedRequest(request, match);
		assertThat(mounted.getContextPath()).isEqualTo("/base/app2");
		assertThat(mounted.getPathInfo()).isEqualTo("/x");
	}

	@Test
	void twoMountsWithTheSamePathAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MountMatcher(List.of(new Mount("/a", A), new Mount("/a", B))));
	}

	@ParameterizedTest
	@CsvSource(quoteCharacter = '\'', value = { "''", "/", "app2", "/app2/", "/a//b", "/a/../b", "/a/./b", "/a\\b",
			"/a\u0000b" })
	void mountPathThatCanNeverMatchIsRejected(String path) {
		assertThat(Mount.isValidPath(path)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new Mount(path, A));
	}

	@ParameterizedTest
	@CsvSource({ "/a;x", "/100%" })
	void mountPathThatOnlyAnEncodedRequestReachesMatches(String path) {
		// The container hands '/a%3Bx/y' and '/100%25/y' to filters decoded as '/a;x/y' and '/100%/y'.
		MountMatch match = new MountMatcher(List.of(new Mount(path, A))).match(path + "/y");
		assertThat(match).isNotNull();
		assertThat(match.pathWithinMount()).isEqualTo("/y");
	}

}
