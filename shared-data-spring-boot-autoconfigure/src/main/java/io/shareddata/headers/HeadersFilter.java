package io.shareddata.headers;

import java.io.IOException;
import java.util.List;

import io.shareddata.http.RequestedPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;


/**
 * Writes {@link HeaderRule}s on every response that passes through it, in list order, just
 * before the response commits: on a flush, {@code sendError}, {@code sendRedirect}, a
 * completed {@code Content-Length}, a full buffer, or at the end of the chain. Writing late
 * means {@link HeaderMode#SET_IF_ABSENT} sees what the application set, and writing before
 * the commit means early-flushed streams still get the headers.
 * <p>
 * Register it for the {@code REQUEST}, {@code ASYNC}, {@code ERROR} and {@code FORWARD}
 * dispatches. Error pages (an exception, {@code sendError}, the container's own 404) and
 * forwarded responses are rendered by a later dispatch of the same request, and the rules are
 * written again to that final response. Repeating them is harmless: {@code set},
 * {@code set-if-absent} and {@code remove} are idempotent, and an {@code add} rule does not
 * add its value to a response it already added it to.
 * <p>
 * Path patterns are matched on the path of the first dispatch the filter sees (normally the
 * original request), so an error page or forward target gets the headers of the URL the
 * client asked for, not those of {@code /error}. An {@code AsyncContext.complete()} without
 * a dispatch or a flush commits the response outside the filter; Spring MVC always
 * dispatches or flushes, so its async results are covered.
 */
public class HeadersFilter extends HttpFilter {

	// Per instance: a second HeadersFilter in the chain keeps its own state
	private final String stateAttribute = HeadersFilter.class.getName() + ".STATE@"
			+ Integer.toHexString(System.identityHashCode(this));

	private final List<HeaderRule> rules;

	/**
	 * Creates a filter that writes the given rules, in order.
	 * @param rules the rules
	 */
	public HeadersFilter(List<HeaderRule> rules) {
		this.rules = List.copyOf(rules);
	}

	/**
	 * Returns the rules, in the order they are applied.
	 * @return the rules
	 */
	public List<HeaderRule> getRules() {
		return this.rules;
	}

	@Override
	protected void doFilter(HttpServletRequest httpRequest, HttpServletResponse httpResponse, FilterChain chain)
			throws IOException, ServletException {
		HeaderWritingResponse headerWritingResponse = new HeaderWritingResponse(httpRequest, httpResponse,
				stateOf(httpRequest));
		try {
			chain.doFilter(httpRequest, headerWritingResponse);
		}
		finally {
			// An async request commits later: an ASYNC dispatch or a flush will fire the hook.
			// An exception still gets the headers now, for containers that render it without an
			// error page; an error page re-applies them.
			if (!httpRequest.isAsyncStarted()) {
				headerWritingResponse.commit();
			}
		}
	}

	/** The state of the request, kept from the first dispatch this filter sees. */
	private RequestState stateOf(HttpServletRequest request) {
		if (request.getAttribute(this.stateAttribute) instanceof RequestState state) {
			return state;
		}
		RequestState state = new RequestState(RequestedPath.of(request));
		request.setAttribute(this.stateAttribute, state);
		return state;
	}

	private void writeHeaders(HttpServletRequest request, HttpServletResponse response, RequestState state) {
		for (HeaderRule rule : this.rules) {
			if (rule.appliesTo(request, state.path)) {
				rule.applyTo(response, state.written);
			}
		}
		state.written = true;
	}

	/**
	 * What the rules need across the dispatches of one request: the path the client asked for
	 * (parsed only if a rule has paths), and whether the rules were written to the response.
	 */
	private static final class RequestState {

		private final RequestedPath path;

		private boolean written;

		RequestState(RequestedPath path) {
			this.path = path;
		}

	}

	/**
	 * The response of one dispatch: writes the rules to the response it wraps before that
	 * commits.
	 */
	private final class HeaderWritingResponse extends OnCommitResponseWrapper {

		private final HttpServletRequest request;

		private final RequestState state;

		HeaderWritingResponse(HttpServletRequest request, HttpServletResponse response, RequestState state) {
			super(response);
			this.request = request;
			this.state = state;
		}

		@Override
		protected void onResponseCommit() {
			writeHeaders(this.request, (HttpServletResponse) getResponse(), this.state);
		}

		@Override
		protected void onResponseReset() {
			// reset() dropped every header, including ours: the next write starts afresh
			this.state.written = false;
		}

	}

}
