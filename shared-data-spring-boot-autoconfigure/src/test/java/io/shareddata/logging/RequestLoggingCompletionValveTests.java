package io.shareddata.logging;

import java.io.IOException;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link RequestLoggingCompletionValve}: it finishes what the listener would, after
 * the rest of Tomcat's pipeline.
 */
class RequestLoggingCompletionValveTests {

	private CapturedLog log;

	private final Valve next = mock(Valve.class);

	private final RequestLoggingCompletionValve valve = new RequestLoggingCompletionValve();

	@BeforeEach
	void captureLog() {
		this.log = CapturedLog.attach("io.shareddata.request");
		this.valve.setNext(this.next);
	}

	@AfterEach
	void releaseLog() {
		this.log.detach();
	}

	@Test
	void errorWithoutErrorPageIsLoggedAfterTheRestOfThePipeline() throws Exception {
		Request tomcatRequest = tomcatRequestFor(UnfinishedRequests.endedBySendError(403, this.log), false);
		Response response = mock(Response.class);
		this.valve.invoke(tomcatRequest, response);
		then(this.next).should().invoke(tomcatRequest, response);
		assertThat(this.log.messages()).singleElement().asString().startsWith("GET /missing 403 0B ");
	}

	@Test
	void errorIsLoggedWhenTheRestOfThePipelineFails() throws Exception {
		Request tomcatRequest = tomcatRequestFor(UnfinishedRequests.endedBySendError(403, this.log), false);
		Response response = mock(Response.class);
		willThrow(new IOException("connection reset")).given(this.next).invoke(tomcatRequest, response);
		assertThatIOException().isThrownBy(() -> this.valve.invoke(tomcatRequest, response));
		assertThat(this.log.messages()).singleElement().asString().startsWith("GET /missing 403 0B ");
	}

	@Test
	void asyncRequestIsLeftToItsAsyncListener() throws Exception {
		this.valve.invoke(tomcatRequestFor(UnfinishedRequests.endedBySendError(403, this.log), true), mock(Response.class));
		assertThat(this.log.lines()).isEmpty();
	}

	@Test
	void requestsThatTheFilterNeverSawAreIgnored() throws Exception {
		this.valve.invoke(tomcatRequestFor(new MockHttpServletRequest("GET", "/other"), false), mock(Response.class));
		assertThat(this.log.lines()).isEmpty();
	}

	@Test
	void valveKeepsAsyncSupportOn() {
		assertThat(this.valve.isAsyncSupported()).isTrue();
	}

	private static Request tomcatRequestFor(MockHttpServletRequest request, boolean async) {
		Request tomcatRequest = mock(Request.class);
		given(tomcatRequest.getAttribute(anyString())).willAnswer((call) -> request.getAttribute(call.getArgument(0)));
		given(tomcatRequest.isAsync()).willReturn(async);
		return tomcatRequest;
	}

}
