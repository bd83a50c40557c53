package io.shareddata.files;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Holds back the application's bodiless 404 (a {@code sendError(404)} or a
 * {@code setStatus(404)} with nothing written), so that a single-page application's fallback
 * file can be sent instead. A 404 the application writes a body for is its answer and goes out
 * unchanged, as does every other status.
 */
final class NotFoundHoldingResponse extends HttpServletResponseWrapper {

	private boolean notFoundHeld;

	NotFoundHoldingResponse(HttpServletResponse response) {
		super(response);
	}

	/**
	 * Returns whether the application answered 404 without a body, and nothing is committed.
	 * @return whether a 404 is held back
	 */
	boolean isNotFoundHeld() {
		return this.notFoundHeld && !isCommitted();
	}

	/**
	 * Sends the held 404 after all, when there is no fallback file to send instead.
	 */
	void sendHeldNotFound() throws IOException {
		this.notFoundHeld = false;
		super.sendError(SC_NOT_FOUND);
	}

	@Override
	public void setStatus(int sc) {
		this.notFoundHeld = (sc == SC_NOT_FOUND);
		if (!this.notFoundHeld) {
			super.setStatus(sc);
		}
	}

	@Override
	public void sendError(int sc) throws IOException {
		sendError(sc, null);
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		if (sc == SC_NOT_FOUND) {
			this.notFoundHeld = true;
			return;
		}
		this.notFoundHeld = false;
		if (msg != null) {
			super.sendError(sc, msg);
		}
		else {
			super.sendError(sc);
		}
	}

	@Override
	public int getStatus() {
		return this.notFoundHeld ? SC_NOT_FOUND : super.getStatus();
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		releaseHeldStatus();
		return super.getOutputStream();
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		releaseHeldStatus();
		return super.getWriter();
	}

	@Override
	public void flushBuffer() throws IOException {
		releaseHeldStatus();
		super.flushBuffer();
	}

	/** The application is writing its own 404 body: that is an answer, let it through. */
	private void releaseHeldStatus() {
		if (this.notFoundHeld) {
			this.notFoundHeld = false;
			super.setStatus(SC_NOT_FOUND);
		}
	}

}
