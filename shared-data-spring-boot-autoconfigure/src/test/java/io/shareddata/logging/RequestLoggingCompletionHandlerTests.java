package io.shareddata.logging;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link RequestLoggingCompletionHandler}: it finishes what the listener would, when
 * Jetty completes the request, not when a dispatch returns.
 */
class RequestLoggingCompletionHandlerTests {

	private CapturedLog log;

	/** The callback Jetty's servlet layer completes when it is done with the request. */
	private final AtomicReference<Callback> servletCallback = new AtomicReference<>();

	private final Handler next = new Handler.Abstract() {

		@Override
		public boolean handle(Request request, Response response, Callback callback) {
			RequestLoggingCompletionHandlerTests.this.servletCallback.set(callback);
			return true;
		}

	};

	private final RequestLoggingCompletionHandler handler = new RequestLoggingCompletionHandler(this.next);

	@BeforeEach
	void captureLog() {
		this.log = CapturedLog.attach("io.shareddata.request");
	}

	@AfterEach
	void releaseLog() {
		this.log.detach();
	}

	@Test
	void errorIsLoggedWhenJettyCompletesTheRequestNotWhenTheDispatchReturns() throws Exception {
		Callback callback = mock(Callback.class);
		assertThat(this.handler.handle(jettyRequestFor(UnfinishedRequests.endedBySendError(403, this.log)), mock(Response.class), callback))
			.isTrue();
		// Jetty renders the error page (or its own error response) after this
		assertThat(this.log.lines()).isEmpty();
		this.servletCallback.get().succeeded();
		assertThat(this.log.messages()).singleElement().asString().startsWith("GET /missing 403 0B ");
		then(callback).should().succeeded();
	}

	@Test
	void errorIsLoggedWhenTheResponseFails() throws Exception {
		Callback callback = mock(Callback.class);
		this.handler.handle(jettyRequestFor(UnfinishedRequests.endedBySendError(403, this.log)), mock(Response.class), callback);
		IOException failure = new IOException("connection reset");
		this.servletCallback.get().failed(failure);
		assertThat(this.log.messages()).singleElement().asString().startsWith("GET /missing 403 0B ");
		then(callback).should().failed(failure);
	}

	@Test
	void errorIsLoggedWhenTheHandlerFails() throws Exception {
		Handler failing = new Handler.Abstract() {

			@Override
			public boolean handle(Request request, Response response, Callback callback) throws IOException {
				throw new IOException("broken");
			}

		};
		RequestLoggingCompletionHandler handler = new RequestLoggingCompletionHandler(failing);
		Request request = jettyRequestFor(UnfinishedRequests.endedBySendError(403, this.log));
		assertThatIOException().isThrownBy(() -> handler.handle(request, mock(Response.class), mock(Callback.class)));
		assertThat(this.log.messages()).singleElement().asString().startsWith("GET /missing 403 0B ");
	}

	@Test
	void asyncRequestIsLoggedWhenJettyCompletesItWithoutCallingOnComplete() throws Exception {
		// Jetty skips AsyncListener.onComplete when an ASYNC dispatch fails on a committed response
		Callback callback = mock(Callback.class);
		this.handler.handle(jettyRequestFor(UnfinishedRequests.asyncWithoutOnComplete(this.log)), mock(Response.class),
				callback);
		assertThat(this.log.lines()).isEmpty();
		this.servletCallback.get().failed(new IOException("aborted"));
		assertThat(this.log.messages()).singleElement().asString().startsWith("GET /stream 200 8B ");
	}

	@Test
	void requestsThatTheFilterNeverSawAreIgnored() throws Exception {
		this.handler.handle(jettyRequestFor(new MockHttpServletRequest("GET", "/other")), mock(Response.class),
				mock(Callback.class));
		this.servletCallback.get().succeeded();
		assertThat(this.log.lines()).isEmpty();
	}

	private static Request jettyRequestFor(MockHttpServletRequest request) {
		Request jettyRequest = mock(Request.class);
		given(jettyRequest.getAttribute(anyString())).willAnswer((call) -> request.getAttribute(call.getArgument(0)));
		return jettyRequest;
	}

}
