package io.shareddata.dispatch;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamRewriterTests {

	private final UpstreamRewriter rewriter = new UpstreamRewriter(URI.create("http://10.0.0.5:9000/base"));

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://10.0.0.5:9000/base/x?a=1#f | https://example.org/ctx/api/x?a=1#f
			http://10.0.0.5:9000/base         | https://example.org/ctx/api
			HTTP://10.0.0.5:9000/base/x       | https://example.org/ctx/api/x
			/base/x/y                         | /ctx/api/x/y
			/base                             | /ctx/api
			/basement                         | /basement
			/other/x                          | /other/x
			http://10.0.0.5:9001/base/x       | http://10.0.0.5:9001/base/x
			http://example.com/base/x         | http://example.com/base/x
			https://10.0.0.5:9000/base/x      | https://10.0.0.5:9000/base/x
			//10.0.0.5:9000/base/x            | //10.0.0.5:9000/base/x
			relative/x                        | relative/x
			""")
	void locationInsideTheBaseIsRewrittenToTheMount(String location, String expected) {
		assertThat(this.rewriter.rewriteLocation(location, "https://example.org", "/ctx/api")).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			a=1; Path=/base/sub; HttpOnly | a=1; Path=/ctx/api/sub; HttpOnly
			a=1; path=/base               | a=1; Path=/ctx/api
			a=1; Path=/base/              | a=1; Path=/ctx/api
			a=1; Path=/                   | a=1; Path=/ctx/api
			a=1; Path=/basement           | a=1; Path=/ctx/api
			a=1; Secure                   | a=1; Secure
			""")
	void cookiePathIsRewrittenToTheMount(String setCookie, String expected) {
		assertThat(this.rewriter.rewriteSetCookie(setCookie, "/ctx/api")).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://10.0.0.5/x     | /ctx/api/x
			/x                    | /ctx/api/x
			http://10.0.0.5       | /ctx/api/
			http://10.0.0.5?a=1#f | /ctx/api/?a=1#f
			""")
	void upstreamAtTheRootHasEveryPathInsideTheBase(String location, String expected) {
		UpstreamRewriter root = new UpstreamRewriter(URI.create("http://10.0.0.5/"));
		assertThat(root.rewriteLocation(location, "", "/ctx/api")).isEqualTo(expected);
	}

}
