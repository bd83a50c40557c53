package io.shareddata.headers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;

import io.shareddata.http.ForwardingServletOutputStream;
import io.shareddata.http.ResponseText;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A response that calls {@link #onResponseCommit()} once, just <em>before</em> the response
 * commits, while headers can still be written. Modelled on Spring Security's
 * {@code OnCommittedResponseWrapper}: it fires on {@code flushBuffer()}, on a flush or close of
 * the output stream or writer, on {@code sendError} and {@code sendRedirect}, before the write
 * that reaches the declared {@code Content-Length}, and before the write that would fill the
 * container's buffer (which commits the response without any call the application sees). The
 * filter that created it calls {@link #commit()} at the end of the chain for the rest.
 * <p>
 * {@code reset()} clears the headers, so it re-arms the hook.
 */
abstract class OnCommitResponseWrapper extends HttpServletResponseWrapper {

	private boolean fired;

	private long contentLength = -1;

	private long contentWritten;

	private @Nullable ServletOutputStream outputStream;

	private @Nullable PrintWriter writer;

	OnCommitResponseWrapper(HttpServletResponse response) {
		super(response);
	}

	/**
	 * Called once before the response commits; write headers here.
	 */
	protected abstract void onResponseCommit();

	/**
	 * Called after the response was reset, which discarded every header.
	 */
	protected void onResponseReset() {
	}

	/**
	 * Fires the hook now unless it already fired or the response already committed.
	 */
	final void commit() {
		if (!this.fired) {
			this.fired = true;
			if (!isCommitted()) {
				onResponseCommit();
			}
		}
	}

	final boolean isFired() {
		return this.fired;
	}

	private void written(long bytes) {
		if (this.fired) {
			return;
		}
		this.contentWritten += bytes;
		int bufferSize = getBufferSize();
		if ((this.contentLength > 0 && this.contentWritten >= this.contentLength)
				|| (bufferSize > 0 && this.contentWritten >= bufferSize)) {
			commit();
		}
	}

	@Override
	public void flushBuffer() throws IOException {
		commit();
		super.flushBuffer();
	}

	@Override
	public void sendError(int sc) throws IOException {
		commit();
		super.sendError(sc);
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		commit();
		super.sendError(sc, msg);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		commit();
		super.sendRedirect(location);
	}

	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		commit();
		super.sendRedirect(location, clearBuffer);
	}

	@Override
	public void sendRedirect(String location, int sc) throws IOException {
		commit();
		super.sendRedirect(location, sc);
	}

	@Override
	public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
		commit();
		super.sendRedirect(location, sc, clearBuffer);
	}

	@Override
	public void reset() {
		super.reset();
		this.fired = false;
		this.contentLength = -1;
		this.contentWritten = 0;
		onResponseReset();
	}

	@Override
	public void resetBuffer() {
		super.resetBuffer();
		this.contentWritten = 0;
	}

	@Override
	public void setContentLength(int len) {
		contentLengthDeclared(len);
		super.setContentLength(len);
	}

	@Override
	public void setContentLengthLong(long len) {
		contentLengthDeclared(len);
		super.setContentLengthLong(len);
	}

	@Override
	public void setHeader(String name, @Nullable String value) {
		trackContentLength(name, value);
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, String value) {
		trackContentLength(name, value);
		super.addHeader(name, value);
	}

	@Override
	public void setIntHeader(String name, int value) {
		trackContentLength(name, Integer.toString(value));
		super.setIntHeader(name, value);
	}

	@Override
	public void addIntHeader(String name, int value) {
		trackContentLength(name, Integer.toString(value));
		super.addIntHeader(name, value);
	}

	private void trackContentLength(String name, @Nullable String value) {
		if ("Content-Length".equalsIgnoreCase(name)) {
			long length;
			try {
				length = (value != null) ? Long.parseLong(value.trim()) : -1;
			}
			catch (NumberFormatException ex) {
				length = -1;
			}
			contentLengthDeclared(length);
		}
	}

	/**
	 * A length the body written so far already reaches: Tomcat counts the response as
	 * committed from the moment it is declared, so the hook fires first (called before the
	 * container hears of the length).
	 */
	private void contentLengthDeclared(long length) {
		this.contentLength = length;
		if (length > 0 && this.contentWritten >= length) {
			commit();
		}
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.outputStream == null) {
			this.outputStream = new HookedOutputStream(super.getOutputStream());
		}
		return this.outputStream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (this.writer == null) {
			PrintWriter delegate = super.getWriter();
			Charset charset = ResponseText.charsetOf(getCharacterEncoding());
			this.writer = new PrintWriter(new HookedWriter(delegate, charset)) {

				@Override
				public boolean checkError() {
					// the container's writer records client aborts; ours would never see them
					return super.checkError() || delegate.checkError();
				}

			};
		}
		return this.writer;
	}

	/**
	 * The output stream: counts bytes and fires before flush, close and a committing write.
	 */
	private final class HookedOutputStream extends ForwardingServletOutputStream {

		HookedOutputStream(ServletOutputStream delegate) {
			super(delegate);
		}

		@Override
		protected void beforeWrite(long length) throws IOException {
			written(length);
		}

		@Override
		protected void beforeFlushOrClose() throws IOException {
			commit();
		}

	}

	/**
	 * The writer under the {@link PrintWriter} handed out: counts the bytes the characters
	 * will take and fires before flush, close and a committing write.
	 */
	private final class HookedWriter extends Writer {

		private final PrintWriter delegate;

		private final Charset charset;

		HookedWriter(PrintWriter delegate, Charset charset) {
			this.delegate = delegate;
			this.charset = charset;
		}

		@Override
		public void write(int c) {
			written(bytes((char) c));
			this.delegate.write(c);
		}

		@Override
		public void write(char[] cbuf, int off, int len) {
			if (!isFired()) {
				written(bytes(CharBuffer.wrap(cbuf, off, len)));
			}
			this.delegate.write(cbuf, off, len);
		}

		@Override
		public void write(String str, int off, int len) {
			if (!isFired()) {
				written(bytes(str.subSequence(off, off + len)));
			}
			this.delegate.write(str, off, len);
		}

		@Override
		public void flush() {
			commit();
			this.delegate.flush();
		}

		@Override
		public void close() {
			commit();
			this.delegate.close();
		}

		private long bytes(char c) {
			return bytes(String.valueOf(c));
		}

		// Counting characters instead of bytes would miss the commit of a buffer filled with
		// multi-byte text.
		private long bytes(CharSequence chars) {
			return ResponseText.encodedLength(chars, this.charset);
		}

	}

}
