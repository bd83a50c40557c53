package io.shareddata.logging;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.CharBuffer;
import java.nio.charset.Charset;

import io.shareddata.http.ForwardingServletOutputStream;
import io.shareddata.http.ResponseText;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Counts the body bytes written and notices {@code sendError}, without buffering anything:
 * every write goes straight to the container's stream or writer, so streaming, flushing and
 * commit behave exactly as without the wrapper.
 * <p>
 * Characters written through {@link #getWriter()} are counted as the bytes the response's
 * character encoding makes of them.
 */
final class ByteCountingResponse extends HttpServletResponseWrapper {

	private final LoggedExchange exchange;

	private @Nullable ServletOutputStream outputStream;

	private @Nullable PrintWriter writer;

	ByteCountingResponse(HttpServletResponse response, LoggedExchange exchange) {
		super(response);
		this.exchange = exchange;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		ServletOutputStream outputStream = this.outputStream;
		if (outputStream == null) {
			outputStream = new CountingOutputStream(super.getOutputStream(), this.exchange);
			this.outputStream = outputStream;
		}
		return outputStream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		PrintWriter writer = this.writer;
		if (writer == null) {
			writer = new CountingWriter(super.getWriter(), ResponseText.charsetOf(getCharacterEncoding()),
					this.exchange);
			this.writer = writer;
		}
		return writer;
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		beforeError();
		super.sendError(sc, msg);
	}

	@Override
	public void sendError(int sc) throws IOException {
		beforeError();
		super.sendError(sc);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		discardUnsent();
		super.sendRedirect(location);
	}

	@Override
	public void sendRedirect(String location, int sc) throws IOException {
		discardUnsent();
		super.sendRedirect(location, sc);
	}

	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		if (clearBuffer) {
			discardUnsent();
		}
		super.sendRedirect(location, clearBuffer);
	}

	@Override
	public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
		if (clearBuffer) {
			discardUnsent();
		}
		super.sendRedirect(location, sc, clearBuffer);
	}

	@Override
	public void reset() {
		discardUnsent();
		super.reset();
		// The id was set before the application ran, and reset() dropped it with every header
		this.exchange.echoRequestId(this);
	}

	@Override
	public void resetBuffer() {
		discardUnsent();
		super.resetBuffer();
	}

	private void beforeError() {
		if (!isCommitted()) {
			this.exchange.errorSent();
		}
		discardUnsent();
	}

	/**
	 * Before the response is committed nothing has left the server, and the container drops
	 * the buffered bytes on reset, sendError and sendRedirect: they were never sent.
	 */
	private void discardUnsent() {
		if (!isCommitted()) {
			this.exchange.discardUnsentBytes();
		}
	}

	private static final class CountingOutputStream extends ForwardingServletOutputStream {

		private final LoggedExchange exchange;

		CountingOutputStream(ServletOutputStream delegate, LoggedExchange exchange) {
			super(delegate);
			this.exchange = exchange;
		}

		@Override
		protected void afterWrite(long length) {
			this.exchange.addBytes(length);
		}

	}

	/**
	 * A {@link PrintWriter} over the container's writer that counts encoded bytes. Every
	 * {@code print}, {@code append} and {@code format} ends in one of the three {@code write}
	 * methods; {@code println()} is redirected to them because {@link PrintWriter} writes
	 * its line separator to the underlying writer directly.
	 */
	private static final class CountingWriter extends PrintWriter {

		private final Charset charset;

		private final LoggedExchange exchange;

		CountingWriter(PrintWriter delegate, Charset charset, LoggedExchange exchange) {
			super(delegate);
			this.charset = charset;
			this.exchange = exchange;
		}

		@Override
		public void write(int c) {
			super.write(c);
			this.exchange.addBytes(encodedLength(String.valueOf((char) c)));
		}

		@Override
		public void write(char[] buf, int off, int len) {
			super.write(buf, off, len);
			this.exchange.addBytes(encodedLength(CharBuffer.wrap(buf, off, len)));
		}

		@Override
		public void write(String s, int off, int len) {
			super.write(s, off, len);
			this.exchange.addBytes(encodedLength(CharBuffer.wrap(s, off, off + len)));
		}

		@Override
		public void println() {
			write(System.lineSeparator());
		}

		private long encodedLength(CharSequence chars) {
			return ResponseText.encodedLength(chars, this.charset);
		}

	}

}
