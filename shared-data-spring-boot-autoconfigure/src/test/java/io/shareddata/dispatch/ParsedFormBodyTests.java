package io.shareddata.dispatch;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedFormBodyTests {

	@Test
	void anUnreadBodyIsLeftToStream() throws Exception {
		MockHttpServletRequest request = formPost(null, "a=1");
		assertThat(ParsedFormBody.of(request)).isNull();
	}

	@Test
	void theBodyIsRebuiltFromTheParametersThatDidNotComeFromTheQuery() throws Exception {
		MockHttpServletRequest request = readFormPost("a=q&b=q", "a=1&c=2");
		// As the container lists them: the query's values first.
		request.addParameter("a", "q", "1");
		request.addParameter("b", "q");
		request.addParameter("c", "2");
		assertThat(new String(ParsedFormBody.of(request), StandardCharsets.ISO_8859_1)).isEqualTo("a=1&c=2");
	}

	@Test
	void aBodyReadRawIsNotPassedOffAsAnEmptyForm() throws Exception {
		// Something ahead read the stream itself, so the container parsed no body parameters.
		MockHttpServletRequest request = readFormPost("a=q", "b=1");
		request.addParameter("a", "q");
		assertThat(ParsedFormBody.of(request)).isNull();
	}

	@Test
	void aQueryPairWithAnEmptyNameIsNoParameter() throws Exception {
		// The container ignores "=x"; only the body's x=1 is a parameter.
		MockHttpServletRequest request = readFormPost("=x", "x=1");
		request.addParameter("x", "1");
		assertThat(new String(ParsedFormBody.of(request), StandardCharsets.ISO_8859_1)).isEqualTo("x=1");
	}

	@Test
	void aCharsetThatOnlyDecodesFallsBackToUtf8() throws Exception {
		MockHttpServletRequest request = readFormPost(null, "a=%C3%A9");
		request.setCharacterEncoding("x-JISAutoDetect");
		request.addParameter("a", "\u00e9");
		assertThat(new String(ParsedFormBody.of(request), StandardCharsets.ISO_8859_1)).isEqualTo("a=%C3%A9");
	}

	private static MockHttpServletRequest formPost(@Nullable String query, String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/form");
		request.setContentType("application/x-www-form-urlencoded");
		request.setContent(body.getBytes(StandardCharsets.ISO_8859_1));
		request.setQueryString(query);
		return request;
	}

	/** A form POST whose body something ahead has already read. */
	private static MockHttpServletRequest readFormPost(@Nullable String query, String body) throws Exception {
		MockHttpServletRequest request = formPost(query, body);
		request.getInputStream().readAllBytes();
		return request;
	}

}
