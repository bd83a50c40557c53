package io.shareddata.files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SafeRelativePathTests {

	@ParameterizedTest
	@ValueSource(strings = { "a.txt", "css/site.css", "grüße.txt", "a b.txt", "v1.2/app.js", "..a", "a..b", ".hidden",
			"dir/.well-known/x", "%2e%2e", "a;b" })
	void ordinaryNamesAreSafe(String path) {
		assertThat(SafeRelativePath.isSafe(path)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "/etc/passwd", "..", "../x", "a/../../x", "a/..", ".", "./a", "a/./b", "a//b",
			"a/", "a\\..\\b", "..\\x", "C:/windows/win.ini", "c:", "file.txt::$DATA", "a\u0000b", "a\nb", "a\rb",
			"a\tb", "a\u007fb", "a\u0085b", "secret.txt.", "secret.txt ", "dir./x", "a\uFFFDb" })
	void pathsThatCouldLeaveTheExportOrAliasAFileAreRefused(String path) {
		assertThat(SafeRelativePath.isSafe(path)).isFalse();
	}

}
