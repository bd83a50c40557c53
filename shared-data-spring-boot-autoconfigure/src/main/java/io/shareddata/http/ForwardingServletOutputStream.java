package io.shareddata.http;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * A {@link ServletOutputStream} that passes every call on to the container's stream, so
 * nothing is buffered, and lets a subclass watch what goes through: bytes about to be
 * written, bytes written, and a flush or close about to happen.
 */
public abstract class ForwardingServletOutputStream extends ServletOutputStream {

	private final ServletOutputStream delegate;

	/**
	 * Creates a stream.
	 * @param delegate the stream every call goes to
	 */
	protected ForwardingServletOutputStream(ServletOutputStream delegate) {
		this.delegate = delegate;
	}

	/**
	 * Called before bytes are written.
	 * @param length how many bytes are about to be written
	 * @throws IOException to abort the write
	 */
	protected void beforeWrite(long length) throws IOException {
	}

	/**
	 * Called after bytes were written.
	 * @param length how many bytes the container took
	 */
	protected void afterWrite(long length) {
	}

	/**
	 * Called before a flush or a close.
	 * @throws IOException to abort it
	 */
	protected void beforeFlushOrClose() throws IOException {
	}

	@Override
	public void write(int b) throws IOException {
		beforeWrite(1);
		this.delegate.write(b);
		afterWrite(1);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		beforeWrite(len);
		this.delegate.write(b, off, len);
		afterWrite(len);
	}

	@Override
	public void write(ByteBuffer buffer) throws IOException {
		int remaining = buffer.remaining();
		beforeWrite(remaining);
		this.delegate.write(buffer);
		afterWrite(remaining - buffer.remaining());
	}

	@Override
	public void flush() throws IOException {
		beforeFlushOrClose();
		this.delegate.flush();
	}

	@Override
	public void close() throws IOException {
		beforeFlushOrClose();
		this.delegate.close();
	}

	@Override
	public boolean isReady() {
		return this.delegate.isReady();
	}

	@Override
	public void setWriteListener(WriteListener writeListener) {
		this.delegate.setWriteListener(writeListener);
	}

}
