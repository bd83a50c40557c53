package io.shareddata.headers;

import java.util.List;

import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HeadersFilter}.
 */
class HeadersFilterTests {

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/docs/guide.html");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	HeadersFilterTests() {
		this.request.setServletPath("/docs/guide.html");
	}

	@Test
	void headersAreWrittenAtTheEndOfTheChain() throws Exception {
		filter(HeaderRule.of("X-Powered-By", "MyAwesomeApp", HeaderMode.SET)).doFilter(this.request, this.response,
				(req, res) -> res.getWriter().write("hello"));
		assertThat(this.response.getHeader("X-Powered-By")).isEqualTo("MyAwesomeApp");
	}

	@Test
	void setIfAbsentKeepsAValueTheApplicationSetDuringTheChain() throws Exception {
		filter(HeaderRule.of("X-Frame-Options", "DENY", HeaderMode.SET_IF_ABSENT)).doFilter(this.request,
				this.response, (req, res) -> ((HttpServletResponse) res).setHeader("X-Frame-Options", "SAMEORIGIN"));
		assertThat(this.response.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");
	}

	@Test
	void setReplacesAValueTheApplicationSetDuringTheChain() throws Exception {
		filter(HeaderRule.of("X-Powered-By", "MyAwesomeApp", HeaderMode.SET)).doFilter(this.request, this.response,
				(req, res) -> ((HttpServletResponse) res).setHeader("X-Powered-By", "Servlet/6.1"));
		assertThat(this.response.getHeaders("X-Powered-By")).containsExactly("MyAwesomeApp");
	}

	@Test
	void rulesApplyInListOrder() throws Exception {
		filter(HeaderRule.of("X-A", "general", HeaderMode.SET), HeaderRule.of("X-A", "more", HeaderMode.ADD),
				HeaderRule.of("X-A", "ignored", HeaderMode.SET_IF_ABSENT))
			.doFilter(this.request, this.response, (req, res) -> {
			});
		assertThat(this.response.getHeaders("X-A")).containsExactly("general", "more");
	}

	@Test
	void laterPathRuleRefinesAGeneralOne() throws Exception {
		HeadersFilter filter = filter(HeaderRule.of("Cache-Control", "no-store", HeaderMode.SET),
				HeaderRule.of("Cache-Control", "max-age=3600", HeaderMode.SET, List.of("/docs/**")),
				HeaderRule.of("X-Docs", "yes", HeaderMode.SET, List.of("/docs/**")));
		filter.doFilter(this.request, this.response, (req, res) -> {
		});
		assertThat(this.response.getHeader("Cache-Control")).isEqualTo("max-age=3600");
		MockHttpServletRequest other = new MockHttpServletRequest("GET", "/api");
		other.setServletPath("/api");
		MockHttpServletResponse otherResponse = new MockHttpServletResponse();
		filter.doFilter(other, otherResponse, (req, res) -> {
		});
		assertThat(otherResponse.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(otherResponse.containsHeader("X-Docs")).isFalse();
	}

	@Test
	void headersAreWrittenBeforeAnEarlyFlush() throws Exception {
		filter(HeaderRule.of("X-A", "1", HeaderMode.SET)).doFilter(this.request, this.response, (req, res) -> {
			res.getOutputStream().write("first chunk".getBytes());
			res.flushBuffer();
			assertThat(this.response.isCommitted()).isTrue();
			assertThat(this.response.getHeader("X-A")).isEqualTo("1");
			res.getOutputStream().write("second chunk".getBytes());
		});
	}

	@Test
	void headersAreWrittenWhenTheChainThrows() {
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> filter(HeaderRule.of("X-A", "1", HeaderMode.SET)).doFilter(this.request, this.response,
					(req, res) -> {
						throw new ServletException("boom");
					}));
		assertThat(this.response.getHeader("X-A")).isEqualTo("1");
	}

	@Test
	void errorDispatchWritesTheHeadersOfTheOriginalPathAndAddsOnlyOnce() throws Exception {
		HeadersFilter filter = filter(HeaderRule.of("X-Docs", "yes", HeaderMode.ADD, List.of("/docs/**")),
				HeaderRule.of("X-Frame-Options", "DENY", HeaderMode.SET));
		filter.doFilter(this.request, this.response, (req, res) -> ((HttpServletResponse) res).sendError(404));
		assertThat(this.response.getHeaders("X-Docs")).containsExactly("yes");
		// what Tomcat does next: un-commit and render the error page in an ERROR dispatch
		this.response.setCommitted(false);
		this.request.setDispatcherType(DispatcherType.ERROR);
		this.request.setServletPath("/error");
		this.request.setRequestURI("/error");
		filter.doFilter(this.request, this.response, (req, res) -> {
			((HttpServletResponse) res).setHeader("X-Frame-Options", "SAMEORIGIN");
			res.getWriter().write("{\"status\":404}");
		});
		assertThat(this.response.getHeaders("X-Docs")).containsExactly("yes");
		assertThat(this.response.getHeaders("X-Frame-Options")).containsExactly("DENY");
	}

	@Test
	void forwardDispatchWritesTheHeadersBeforeTheForwardReturns() throws Exception {
		HeadersFilter filter = filter(HeaderRule.of("Vary", "Origin", HeaderMode.ADD, List.of("/docs/**")));
		filter.doFilter(this.request, this.response, (req, res) -> {
			MockHttpServletRequest forwarded = this.request;
			forwarded.setDispatcherType(DispatcherType.FORWARD);
			forwarded.setServletPath("/WEB-INF/view.jsp");
			filter.doFilter(forwarded, res, (fReq, fRes) -> fRes.getWriter().write("view"));
			// the container closes the response when a forward returns
			assertThat(this.response.getHeaders("Vary")).containsExactly("Origin");
		});
		assertThat(this.response.getHeaders("Vary")).containsExactly("Origin");
	}

	@Test
	void resetByTheApplicationDropsAndRestoresTheHeaders() throws Exception {
		filter(HeaderRule.of("Vary", "Origin", HeaderMode.ADD)).doFilter(this.request, this.response, (req, res) -> {
			((HttpServletResponse) res).sendRedirect("/elsewhere");
			this.response.setCommitted(false);
			res.reset();
			assertThat(this.response.containsHeader("Vary")).isFalse();
		});
		assertThat(this.response.getHeaders("Vary")).containsExactly("Origin");
	}

	@Test
	void asyncRequestGetsTheHeadersFromTheAsyncDispatch() throws Exception {
		HeadersFilter filter = filter(HeaderRule.of("X-A", "1", HeaderMode.SET_IF_ABSENT));
		this.request.setAsyncSupported(true);
		filter.doFilter(this.request, this.response, (req, res) -> req.startAsync());
		assertThat(this.response.containsHeader("X-A")).isFalse();
		// what the container does: dispatch again, with async no longer started
		this.request.setAsyncStarted(false);
		this.request.setDispatcherType(DispatcherType.ASYNC);
		filter.doFilter(this.request, this.response, (req, res) -> res.getWriter().write("done"));
		assertThat(this.response.getHeader("X-A")).isEqualTo("1");
	}

	@Test
	void securityPresetWritesHstsOnlyOnSecureRequests() throws Exception {
		HeadersFilter filter = new HeadersFilter(SecurityHeaders.preset(new SecureRequestPredicate(resolver(false))));
		filter.doFilter(this.request, this.response, noop());
		assertThat(this.response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(this.response.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
		assertThat(this.response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(this.response.getHeader("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
		assertThat(this.response.containsHeader("Strict-Transport-Security")).isFalse();
		MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/");
		secure.setSecure(true);
		MockHttpServletResponse secureResponse = new MockHttpServletResponse();
		filter.doFilter(secure, secureResponse, noop());
		assertThat(secureResponse.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
	}

	@Test
	void securityPresetKeepsTheApplicationsValues() throws Exception {
		HeadersFilter filter = new HeadersFilter(SecurityHeaders.preset(new SecureRequestPredicate(resolver(false))));
		filter.doFilter(this.request, this.response,
				(req, res) -> ((HttpServletResponse) res).setHeader("X-Frame-Options", "SAMEORIGIN"));
		assertThat(this.response.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");
	}

	@Test
	void userHstsRuleIsNeverWrittenOverPlainHttp() throws Exception {
		SecureRequestPredicate secure = new SecureRequestPredicate(resolver(false));
		HeaderRule hsts = SecurityHeaders.secureOnlyIfHsts(
				HeaderRule.of("Strict-Transport-Security", "max-age=600", HeaderMode.SET), secure);
		new HeadersFilter(List.of(hsts)).doFilter(this.request, this.response, noop());
		assertThat(this.response.containsHeader("Strict-Transport-Security")).isFalse();
		this.request.setSecure(true);
		MockHttpServletResponse secureResponse = new MockHttpServletResponse();
		new HeadersFilter(List.of(hsts)).doFilter(this.request, secureResponse, noop());
		assertThat(secureResponse.getHeader("Strict-Transport-Security")).isEqualTo("max-age=600");
	}

	private static FilterChain noop() {
		return (req, res) -> {
		};
	}

	private static HeadersFilter filter(HeaderRule... rules) {
		return new HeadersFilter(List.of(rules));
	}

	static ClientAddressResolver resolver(boolean trustsPeer) {
		ClientAddressResolver resolver = mock(ClientAddressResolver.class);
		given(resolver.isFromTrustedProxy(any())).willReturn(trustsPeer);
		return resolver;
	}

}
