package io.shareddata.logging;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.shareddata.http.ContainerSendfile;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * One request from its arrival at the filter to its completion, across every dispatch
 * (REQUEST, ASYNC, ERROR) and thread. It is kept in a request attribute and writes its line
 * exactly once, at the first of these moments that is really the end:
 * <ul>
 * <li>a synchronous REQUEST dispatch returns normally: the body has been written;</li>
 * <li>after {@code sendError} or an exception, the container's ERROR dispatch (the error page)
 * returns; when the container renders no error page (none configured, response committed,
 * client gone) or the error page itself fails, {@link RequestLoggingCompletionListener} finishes it when the container
 * destroys the request, {@link RequestLoggingCompletionValve} after the pipeline on Tomcat,
 * or {@link RequestLoggingCompletionHandler} when Jetty completes the request;</li>
 * <li>once async processing has started, {@link #onComplete(AsyncEvent)}: the container
 * calls it after the last dispatch, after a timeout or an error too; on Jetty also
 * {@link RequestLoggingCompletionHandler}, which Jetty still calls when it skips
 * {@code onComplete} (an ASYNC dispatch that fails on a committed response).</li>
 * </ul>
 */
final class LoggedExchange implements AsyncListener {

	private final RequestLogSink sink;

	private final LoggedRequest request;

	private final String requestIdHeader;

	private final HttpServletResponse response;

	private final long startNanos;

	private final AtomicLong bytesSent = new AtomicLong();

	private final AtomicBoolean completed = new AtomicBoolean();

	private final AtomicBoolean sendfileCounted = new AtomicBoolean();

	private volatile boolean errorSent;

	/** The container has dispatched to the error page (ERROR) since the exchange began. */
	private volatile boolean errorPageDispatched;

	/** Async processing has completed, but the error page of its last dispatch is still to come. */
	private volatile boolean awaitingErrorPage;

	private volatile @Nullable Throwable failure;

	private volatile boolean async;

	/** The status line already sent when a dispatch ended, or -1. */
	private volatile int sentStatus = -1;

	LoggedExchange(RequestLogSink sink, LoggedRequest request, String requestIdHeader, HttpServletResponse response,
			long startNanos) {
		this.sink = sink;
		this.request = request;
		this.requestIdHeader = requestIdHeader;
		this.response = response;
		this.startNanos = startNanos;
	}

	String requestId() {
		return this.request.requestId();
	}

	LoggedRequest request() {
		return this.request;
	}

	/**
	 * Sends the request id back in its header: when the exchange begins, and again when the
	 * application resets the response, which drops every header.
	 */
	void echoRequestId(HttpServletResponse response) {
		response.setHeader(this.requestIdHeader, this.request.requestId());
	}

	/**
	 * Returns the response to pass down the chain: counting, but never counted twice (an ASYNC
	 * dispatch usually brings back the wrapper given to {@code startAsync}).
	 */
	HttpServletResponse counting(HttpServletResponse response) {
		if (response instanceof ByteCountingResponse
				|| (response instanceof ServletResponseWrapper wrapper && wrapper.isWrapperFor(ByteCountingResponse.class))) {
			return response;
		}
		return new ByteCountingResponse(response, this);
	}

	void enterErrorDispatch(HttpServletResponse response) {
		this.errorPageDispatched = true;
		// The container has reset an uncommitted buffer before rendering the error page
		if (!response.isCommitted()) {
			discardUnsentBytes();
		}
	}

	void addBytes(long count) {
		this.bytesSent.addAndGet(count);
	}

	/**
	 * A body handed to Tomcat's sendfile (a large file from shared data) is written by the
	 * container after the filters return, never through the response stream: count its range.
	 */
	private void addSendfileBytes(HttpServletRequest request) {
		// Once: the attributes stay on the request through any later (ERROR, ASYNC) dispatch.
		long length = ContainerSendfile.handedOverLength(request);
		if (length > 0 && this.sendfileCounted.compareAndSet(false, true)) {
			addBytes(length);
		}
	}

	void discardUnsentBytes() {
		this.bytesSent.set(0);
	}

	void errorSent() {
		this.errorSent = true;
	}

	void dispatchEnded(HttpServletRequest request, DispatcherType type, @Nullable Throwable failure) {
		if (failure != null) {
			this.failure = failure;
		}
		if (this.sentStatus < 0 && this.response.isCommitted()) {
			// Tomcat sets 500 after an exception even when 200 has gone out: log what was sent.
			this.sentStatus = this.response.getStatus();
		}
		addSendfileBytes(request);
		if (request.isAsyncStarted()) {
			listenTo(request.getAsyncContext());
			return;
		}
		if (type == DispatcherType.ERROR && failure != null) {
			// The error page failed: the container answers with a response of its own, and the
			// valve, the handler or the listener finishes the exchange once that has been sent
			return;
		}
		if (this.async) {
			if (type == DispatcherType.ERROR && this.awaitingErrorPage) {
				complete();
			}
			return;
		}
		if (type == DispatcherType.REQUEST && (failure != null || this.errorSent)) {
			// the error page (ERROR dispatch) or the completion listener finishes the exchange
			return;
		}
		complete();
	}

	/**
	 * Called when the container is done with the request. Async exchanges end in
	 * {@link #onComplete(AsyncEvent)} instead: some containers destroy the request when the
	 * first dispatch returns.
	 */
	void requestDestroyed() {
		if (!this.async || this.awaitingErrorPage) {
			// The second case: an async request whose error the container answered without a page.
			complete();
		}
	}

	/**
	 * Called when Jetty has finished the request and its response for good: the end of every
	 * exchange nothing else has finished, async ones included.
	 * @param contentBytes the body bytes Jetty sent, or -1 when unknown; they include what Jetty
	 * wrote itself, such as its own error response after a failing error page, which never
	 * passes through the filter
	 */
	void containerCompleted(long contentBytes) {
		if (contentBytes >= 0 && !this.completed.get()) {
			this.bytesSent.set(contentBytes);
		}
		complete();
	}

	private void listenTo(AsyncContext asyncContext) {
		if (!this.async) {
			this.async = true;
			asyncContext.addListener(this);
		}
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
		// A new startAsync() (from an ASYNC dispatch) drops the listeners: register again
		event.getAsyncContext().addListener(this);
	}

	@Override
	public void onComplete(AsyncEvent event) {
		if (this.errorSent && !this.errorPageDispatched) {
			// Tomcat completes an async request whose last dispatch called sendError before it
			// renders the error page: the line waits for the page (or for the request's end).
			this.awaitingErrorPage = true;
			return;
		}
		complete();
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		// The container completes after the timeout handling, and onComplete writes the line
	}

	@Override
	public void onError(AsyncEvent event) {
		Throwable throwable = event.getThrowable();
		if (throwable != null) {
			this.failure = throwable;
		}
	}

	void complete() {
		if (!this.completed.compareAndSet(false, true)) {
			return;
		}
		long duration = System.nanoTime() - this.startNanos;
		// A HEAD response carries no body, whatever the application wrote: the container drops it.
		long bytes = "HEAD".equals(this.request.method()) ? 0 : this.bytesSent.get();
		this.sink.completed(new RequestLogEntry(this.request, status(), bytes, duration));
	}

	private int status() {
		if (this.sentStatus >= 0) {
			return this.sentStatus;
		}
		int status = this.response.getStatus();
		// An exception the container has not turned into an error status yet becomes a 500
		if (this.failure != null && status < 400 && !this.response.isCommitted()) {
			return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
		}
		return status;
	}

}
