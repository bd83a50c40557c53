package io.shareddata.logging;

import java.io.IOException;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import io.shareddata.http.LogValueEscaper;
import io.shareddata.http.PathPatterns;
import io.shareddata.http.RequestPaths;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;


/**
 * Logs one line per request, when the request really completes: after a streamed body, after
 * async processing, after the error page. The line has the method, the path (and the query
 * when configured), the status, the body bytes sent, the duration from
 * {@link System#nanoTime()}, the client address and the request id; see
 * {@link RequestLogFormat} for the formats. Every value is escaped by {@link LogValueEscaper}.
 * <p>
 * The request id comes from the configured header when it is short and safe
 * ({@code [A-Za-z0-9._:-]}, at most 64 characters) and is generated otherwise. It is sent
 * back in the same response header, kept in the request attribute
 * {@link #REQUEST_ID_ATTRIBUTE}, and put in the MDC during every dispatch (REQUEST, ASYNC,
 * ERROR) and while the line is written; the MDC is restored afterwards.
 * <p>
 * Register it for the REQUEST, ASYNC, ERROR and FORWARD dispatcher types (FORWARD only to
 * forget what the container clears before a forward), before any other filter whose
 * work it should time, and register {@link RequestLoggingCompletionListener} too (on Tomcat,
 * {@link RequestLoggingCompletionValve} instead, on Jetty {@link RequestLoggingCompletionHandler}).
 */
public class RequestLoggingFilter extends HttpFilter {

	/**
	 * Request attribute holding the request id, for application code.
	 */
	public static final String REQUEST_ID_ATTRIBUTE = RequestLoggingFilter.class.getName() + ".requestId";

	/**
	 * Request attribute holding the exchange (or {@link #NOT_LOGGED}), so later dispatches and
	 * the completion listener find it.
	 */
	static final String EXCHANGE_ATTRIBUTE = RequestLoggingFilter.class.getName() + ".exchange";

	private static final Object NOT_LOGGED = new Object();

	private static final String MASK = "****";


	private final RequestLoggingConfig config;

	private final PathPatterns exclude;

	private final RequestLogSink sink;

	/**
	 * Creates a filter.
	 * @param config the settings
	 */
	public RequestLoggingFilter(RequestLoggingConfig config) {
		this.config = config;
		this.exclude = PathPatterns.of(config.exclude());
		this.sink = new RequestLogSink(LoggerFactory.getLogger(config.loggerName()),
				RequestLogFormatter.of(config.format(), new LogValueEscaper(config.maxValueLength())),
				config.slowThreshold(), config.mdcKey());
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		DispatcherType type = request.getDispatcherType();
		Object current = request.getAttribute(EXCHANGE_ATTRIBUTE);
		LoggedExchange exchange;
		boolean started = false;
		if (current instanceof LoggedExchange existing
				&& (type == DispatcherType.ASYNC || type == DispatcherType.ERROR)) {
			exchange = existing;
			if (type == DispatcherType.ERROR) {
				exchange.enterErrorDispatch(response);
			}
		}
		else if (current != null || isExcluded(request)) {
			// Excluded; or already logged by another instance of this filter further out, or a
			// FORWARD or INCLUDE inside a dispatch this filter is already timing
			if (current == null) {
				request.setAttribute(EXCHANGE_ATTRIBUTE, NOT_LOGGED);
			}
			else if (type == DispatcherType.FORWARD && current instanceof LoggedExchange existing
					&& !response.isCommitted()) {
				// The container clears the buffer before a forward (Jetty without a call the
				// wrappers see): nothing written before it is sent
				existing.discardUnsentBytes();
			}
			chain.doFilter(request, response);
			return;
		}
		else {
			exchange = begin(request, response);
			started = true;
		}
		String previousMdc = this.sink.enterMdc(exchange.requestId());
		try {
			if (started && this.config.logStart()) {
				this.sink.started(exchange.request());
			}
			filter(request, exchange.counting(response), chain, exchange, type);
		}
		finally {
			this.sink.exitMdc(previousMdc);
		}
	}

	private void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			LoggedExchange exchange, DispatcherType type) throws IOException, ServletException {
		Throwable failure = null;
		try {
			chain.doFilter(request, response);
		}
		catch (Throwable ex) {
			failure = ex;
			throw ex;
		}
		finally {
			exchange.dispatchEnded(request, type, failure);
		}
	}

	/**
	 * Excluded only when both the container's path and the one Spring MVC routes by are
	 * excluded: {@code /actuator/..;/admin} reaches an admin handler and must be logged.
	 */
	private boolean isExcluded(HttpServletRequest request) {
		return this.exclude.matchesBothPaths(request);
	}

	private LoggedExchange begin(HttpServletRequest request, HttpServletResponse response) {
		long startNanos = System.nanoTime();
		String requestIdHeader = this.config.requestIdHeader();
		String requestId = RequestIds.acceptOrGenerate(request.getHeader(requestIdHeader));
		boolean combined = this.config.format() == RequestLogFormat.COMBINED;
		LoggedRequest loggedRequest = new LoggedRequest(Instant.now(), requestId, request.getMethod(), path(request),
				this.config.includeQuery() ? request.getQueryString() : null, request.getProtocol(),
				this.config.clientAddressResolver().resolveClientAddress(request), request.getRemoteUser(),
				headers(request), combined ? request.getHeader("Referer") : null,
				combined ? request.getHeader("User-Agent") : null);
		LoggedExchange exchange = new LoggedExchange(this.sink, loggedRequest, requestIdHeader, response, startNanos);
		request.setAttribute(EXCHANGE_ATTRIBUTE, exchange);
		request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
		exchange.echoRequestId(response);
		return exchange;
	}

	/**
	 * The context path and the decoded path within the application; for a request first seen in
	 * its ERROR dispatch (an outer filter sent the error before this one ran), the URI that
	 * failed rather than the error page's path.
	 */
	private static String path(HttpServletRequest request) {
		if (request.getDispatcherType() == DispatcherType.ERROR
				&& request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failedUri) {
			return failedUri;
		}
		return request.getContextPath() + RequestPaths.pathWithinApplication(request);
	}

	/** The values of a repeated header, as one comma-separated value; most headers have one. */
	private static String joined(Enumeration<String> values) {
		String first = values.nextElement();
		if (!values.hasMoreElements()) {
			return first;
		}
		StringJoiner joined = new StringJoiner(", ").add(first);
		values.asIterator().forEachRemaining(joined::add);
		return joined.toString();
	}

	private Map<String, String> headers(HttpServletRequest request) {
		@Nullable Map<String, String> headers = null;
		for (String name : this.config.headers()) {
			// getHeader first: most configured headers are absent from most requests, and an
			// absent one then costs no enumeration and no map
			if (request.getHeader(name) == null) {
				continue;
			}
			if (headers == null) {
				headers = new LinkedHashMap<>();
			}
			headers.put(name, this.config.isMasked(name) ? MASK : joined(request.getHeaders(name)));
		}
		return (headers != null) ? headers : Map.of();
	}

}
