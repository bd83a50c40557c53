package io.shareddata.dispatch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class MountPathsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			/a/b      | /a/b
			/a b      | /a%20b
			/a;x=1    | /a%3Bx=1
			/%2e%2e   | /%252e%252e
			/ü?#      | /%C3%BC%3F%23
			''        | ''
			""")
	void decodedPathIsEncodedSegmentBySegment(String path, String encoded) {
		assertThat(MountPaths.encode(path)).isEqualTo(encoded);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			/api/x            | /x        | true
			/api              | ''        | true
			/api/a%2Fb        | /a/b      | false
			/api/a%2fb        | /a/b      | false
			/api/a%5Cb        | '/a\\b'   | false
			/api/..           | /..       | false
			/api/./x          | /./x      | false
			/api/a/..         | /a/..     | false
			/api/a..b         | /a..b     | true
			""")
	void pathThatCouldLeaveTheBaseIsRefused(String rawUri, String rest, boolean safe) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", rawUri);
		assertThat(MountPaths.isSafe(request, rest)).isEqualTo(safe);
	}

}
