package io.shareddata.sample;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CustomHeadersTests} on embedded Jetty, which commits responses, renders error pages
 * and removes headers in its own ways. The build runs it on a classpath without Tomcat (see
 * the surefire executions in {@code pom.xml}).
 */
@Import(CustomHeadersTests.HeadersTestConfiguration.class)
class CustomHeadersOnJettyTests extends CustomHeadersTests {

	@LocalServerPort
	private int port;

	/**
	 * Jetty refuses an empty segment ({@code //}) as an ambiguous path with its own 400, before
	 * any filter runs; the other spellings reach the rule.
	 */
	@Test
	@Override
	void pathRulesMatchTheNormalisedPath() throws Exception {
		LocalHttp http = new LocalHttp("localhost", this.port);
		for (String path : List.of("/headers-test/./docs/guide", "/headers-test/docs;v=1/guide",
				"/headers-test/%64ocs/guide")) {
			assertThat(http.get(path).headers().allValues("X-Docs")).as(path).containsExactly("yes");
		}
		assertThat(http.get("/headers-test//docs/guide").statusCode()).isEqualTo(400);
	}

}
