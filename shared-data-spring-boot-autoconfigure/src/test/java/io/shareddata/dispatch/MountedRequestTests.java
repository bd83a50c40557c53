package io.shareddata.dispatch;

import jakarta.servlet.http.MappingMatch;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

import static org.assertj.core.api.Assertions.assertThat;

class MountedRequestTests {

	private static final Mount APP2 = new Mount("/app2", (request, response) -> {
	});

	@Test
	void mountBecomesPartOfTheContextPath() {
		MountedRequest request = mounted("/ctx", "/app2/x/y", "/x/y");
		assertThat(request.getContextPath()).isEqualTo("/ctx/app2");
		assertThat(request.getServletPath()).isEmpty();
		assertThat(request.getPathInfo()).isEqualTo("/x/y");
		assertThat(request.getRequestURI()).isEqualTo("/ctx/app2/x/y");
		assertThat(request.getRequestURL()).hasToString("http://localhost/ctx/app2/x/y");
		assertThat(request.getOrigin()).isEqualTo("http://localhost");
		assertThat(request.getHttpServletMapping().getMappingMatch()).isEqualTo(MappingMatch.PATH);
		assertThat(request.getHttpServletMapping().getMatchValue()).isEqualTo("x/y");
	}

	@Test
	void mountPathItselfHasNoPathInfo() {
		MountedRequest request = mounted("", "/app2", "");
		assertThat(request.getContextPath()).isEqualTo("/app2");
		assertThat(request.getPathInfo()).isNull();
		assertThat(request.getRequestURI()).isEqualTo("/app2");
	}

	@Test
	void mountPathWithTrailingSlashHasSlashPathInfo() {
		MountedRequest request = mounted("", "/app2/", "/");
		assertThat(request.getPathInfo()).isEqualTo("/");
		assertThat(request.getRequestURI()).isEqualTo("/app2/");
	}

	@Test
	void requestUriIsEncodedConsistentlyWithTheDecodedPath() {
		MountedRequest request = mounted("", "/app2/a b/ü;x", "/a b/ü;x");
		assertThat(request.getRequestURI()).isEqualTo("/app2/a%20b/%C3%BC%3Bx");
		assertThat(ServletRequestPathUtils.parseAndCache(request).pathWithinApplication().value())
			.isEqualTo("/a%20b/%C3%BC%3Bx");
	}

	@Test
	void springPathAttributesAreKeptPerMount() {
		MockHttpServletRequest original = new MockHttpServletRequest("GET", "/app2/x");
		original.setServletPath("/app2/x");
		ServletRequestPathUtils.parseAndCache(original);
		original.setAttribute(UrlPathHelper.PATH_ATTRIBUTE, "/app2/x");
		MountedRequest request = new MountedRequest(original, new MountMatch(APP2, "/x"));
		assertThat(request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE)).isNull();
		assertThat(request.getAttribute(UrlPathHelper.PATH_ATTRIBUTE)).isNull();
		assertThat(ServletRequestPathUtils.parseAndCache(request).pathWithinApplication().value()).isEqualTo("/x");
		assertThat(ServletRequestPathUtils.getParsedRequestPath(original).pathWithinApplication().value())
			.isEqualTo("/app2/x");
		request.setAttribute("other", "value");
		assertThat(original.getAttribute("other")).isEqualTo("value");
	}

	@Test
	void asyncStartedOnTheMountedRequestDispatchesBackThroughTheMount() {
		MockHttpServletRequest original = new MockHttpServletRequest("GET", "/app2/x");
		original.setAsyncSupported(true);
		MountedRequest request = new MountedRequest(original, new MountMatch(APP2, "/x"));
		assertThat(request.startAsync(request, new org.springframework.mock.web.MockHttpServletResponse())
			.getRequest()).isSameAs(original);
	}

	private static MountedRequest mounted(String contextPath, String servletPath, String rest) {
		MockHttpServletRequest original = new MockHttpServletRequest("GET", contextPath + servletPath);
		original.setContextPath(contextPath);
		original.setServletPath(servletPath);
		return new MountedRequest(original, new MountMatch(APP2, rest));
	}

}
