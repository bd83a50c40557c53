package io.shareddata.logging;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests as {@link RequestLoggingFilter} leaves them when the container, not an error page,
 * must finish their line: for the tests of the valve, the handler and the listener.
 */
final class UnfinishedRequests {

	private UnfinishedRequests() {
	}

	/**
	 * Returns a request whose application sent an error that no error page rendered.
	 * @param status the status sent
	 * @param log the request log, which must still be empty
	 * @return the request, holding the filter's exchange
	 */
	static MockHttpServletRequest endedBySendError(int status, CapturedLog log) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/missing");
		request.setServletPath("/missing");
		new RequestLoggingFilter(RequestLoggingConfig.builder().build()).doFilter(request,
				new MockHttpServletResponse(), (req, res) -> ((HttpServletResponse) res).sendError(status));
		assertThat(log.lines()).as("nothing logged before the container finishes the request").isEmpty();
		return request;
	}

	/**
	 * Returns a request whose application started async processing, committed a 200 and wrote
	 * a body, and whose async listeners never heard of the end.
	 * @param log the request log, which must still be empty
	 * @return the request, holding the filter's exchange
	 */
	static MockHttpServletRequest asyncWithoutOnComplete(CapturedLog log) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/stream");
		request.setServletPath("/stream");
		request.setAsyncSupported(true);
		new RequestLoggingFilter(RequestLoggingConfig.builder().build()).doFilter(request,
				new MockHttpServletResponse(), (req, res) -> {
					res.getOutputStream().write(new byte[8]);
					res.flushBuffer();
					req.startAsync(req, res);
				});
		assertThat(log.lines()).as("nothing logged before the async request ends").isEmpty();
		return request;
	}

}
