package io.shareddata.headers;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OnCommitResponseWrapper}.
 */
class OnCommitResponseWrapperTests {

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final RecordingWrapper wrapper = new RecordingWrapper(this.response);

	@Test
	void doesNotFireOnItsOwn() throws IOException {
		this.wrapper.getOutputStream().write(new byte[10]);
		this.wrapper.setHeader("X-A", "1");
		assertThat(this.wrapper.firings).isEmpty();
	}

	@Test
	void firesOnFlushBuffer() throws IOException {
		this.wrapper.flushBuffer();
		assertThat(this.wrapper.firings).containsExactly("before commit");
		assertThat(this.response.isCommitted()).isTrue();
	}

	@Test
	void firesOnOutputStreamFlushBeforeTheBytesGoOut() throws IOException {
		ServletOutputStream out = this.wrapper.getOutputStream();
		out.write("partial".getBytes());
		out.flush();
		assertThat(this.wrapper.firings).containsExactly("before commit");
	}

	@Test
	void firesOnOutputStreamClose() throws IOException {
		this.wrapper.getOutputStream().close();
		assertThat(this.wrapper.firings).containsExactly("before commit");
	}

	@Test
	void firesOnWriterFlush() throws IOException {
		PrintWriter writer = this.wrapper.getWriter();
		writer.print("partial");
		writer.flush();
		assertThat(this.wrapper.firings).containsExactly("before commit");
		assertThat(this.response.getContentAsString()).isEqualTo("partial");
	}

	@Test
	void firesOnWriterClose() throws IOException {
		this.wrapper.getWriter().close();
		assertThat(this.wrapper.firings).containsExactly("before commit");
	}

	@Test
	void firesOnSendError() throws IOException {
		this.wrapper.sendError(404);
		assertThat(this.wrapper.firings).containsExactly("before commit");
	}

	@Test
	void firesOnSendErrorWithMessage() throws IOException {
		this.wrapper.sendError(500, "boom");
		assertThat(this.wrapper.firings).containsExactly("before commit");
	}

	@Test
	void firesOnEverySendRedirect() throws IOException {
		List<IoAction> redirects = List.of((w) -> w.sendRedirect("/a"), (w) -> w.sendRedirect("/a", false),
				(w) -> w.sendRedirect("/a", 301), (w) -> w.sendRedirect("/a", 307, true));
		for (IoAction redirect : redirects) {
			RecordingWrapper wrapper = new RecordingWrapper(new MockHttpServletResponse());
			redirect.run(wrapper);
			assertThat(wrapper.firings).containsExactly("before commit");
		}
	}

	@Test
	void firesBeforeTheWriteThatCompletesTheContentLength() throws IOException {
		this.wrapper.setContentLength(10);
		ServletOutputStream out = this.wrapper.getOutputStream();
		out.write(new byte[9]);
		assertThat(this.wrapper.firings).isEmpty();
		out.write('x');
		assertThat(this.wrapper.firings).containsExactly("before commit");
		assertThat(this.wrapper.contentSizeAtFiring).isEqualTo(9);
	}

	@Test
	void firesWhenAContentLengthHeaderIsReached() throws IOException {
		this.wrapper.setHeader("content-length", "3");
		this.wrapper.getWriter().write("abc");
		assertThat(this.wrapper.firings).containsExactly("before commit");
	}

	@ParameterizedTest
	@ValueSource(strings = { "setContentLength", "setContentLengthLong", "setHeader", "setIntHeader" })
	void firesWhenAContentLengthTheBodyAlreadyReachesIsDeclared(String declaration) throws IOException {
		this.wrapper.getOutputStream().write(new byte[5]);
		this.wrapper.setContentLength(6);
		assertThat(this.wrapper.firings).isEmpty();
		switch (declaration) {
			case "setContentLength" -> this.wrapper.setContentLength(5);
			case "setContentLengthLong" -> this.wrapper.setContentLengthLong(5);
			case "setHeader" -> this.wrapper.setHeader("Content-Length", "5");
			default -> this.wrapper.setIntHeader("Content-Length", 5);
		}
		// Tomcat counts the response as committed as soon as it hears of the length: fire first.
		assertThat(this.wrapper.firings).containsExactly("before commit");
		assertThat(this.wrapper.contentLengthAtFiring).isEqualTo(6);
	}

	@Test
	void firesBeforeAWriteFillsTheBuffer() throws IOException {
		this.wrapper.setBufferSize(100);
		this.wrapper.getOutputStream().write(ByteBuffer.wrap(new byte[99]));
		assertThat(this.wrapper.firings).isEmpty();
		this.wrapper.getOutputStream().write(new byte[50]);
		assertThat(this.wrapper.firings).containsExactly("before commit");
		assertThat(this.wrapper.contentSizeAtFiring).isEqualTo(99);
	}

	@Test
	void countsTheBytesOfMultiByteCharacters() throws IOException {
		this.wrapper.setCharacterEncoding("UTF-8");
		this.wrapper.setBufferSize(100);
		PrintWriter writer = this.wrapper.getWriter();
		writer.print("\u00e9".repeat(49));
		assertThat(this.wrapper.firings).isEmpty();
		writer.print("\u00e9");
		assertThat(this.wrapper.firings).containsExactly("before commit");
	}

	@Test
	void firesOnce() throws IOException {
		this.wrapper.getWriter().flush();
		this.wrapper.flushBuffer();
		this.wrapper.commit();
		assertThat(this.wrapper.firings).containsExactly("before commit");
	}

	@Test
	void doesNotFireOnAnAlreadyCommittedResponse() {
		this.response.setCommitted(true);
		this.wrapper.commit();
		assertThat(this.wrapper.firings).isEmpty();
	}

	@Test
	void resetReArmsTheHook() throws IOException {
		this.wrapper.sendRedirect("/a");
		this.response.setCommitted(false);
		this.wrapper.reset();
		this.wrapper.commit();
		assertThat(this.wrapper.firings).containsExactly("before commit", "reset", "before commit");
	}

	@Test
	void returnsTheSameStreamAndWriterEachTime() throws IOException {
		RecordingWrapper other = new RecordingWrapper(new MockHttpServletResponse());
		assertThat(this.wrapper.getOutputStream()).isSameAs(this.wrapper.getOutputStream());
		assertThat(other.getWriter()).isSameAs(other.getWriter());
	}

	interface IoAction {

		void run(RecordingWrapper wrapper) throws IOException;

	}

	static class RecordingWrapper extends OnCommitResponseWrapper {

		final List<String> firings = new ArrayList<>();

		int contentSizeAtFiring = -1;

		long contentLengthAtFiring = -1;

		private final MockHttpServletResponse response;

		RecordingWrapper(MockHttpServletResponse response) {
			super(response);
			this.response = response;
		}

		@Override
		protected void onResponseCommit() {
			this.firings.add(this.response.isCommitted() ? "after commit" : "before commit");
			this.contentSizeAtFiring = this.response.getContentAsByteArray().length;
			this.contentLengthAtFiring = this.response.getContentLengthLong();
		}

		@Override
		protected void onResponseReset() {
			this.firings.add("reset");
		}

	}

}
