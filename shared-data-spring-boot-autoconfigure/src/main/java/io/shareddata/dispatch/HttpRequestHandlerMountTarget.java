package io.shareddata.dispatch;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.HttpRequestHandler;

/**
 * Mounts a Spring {@link HttpRequestHandler}; it sees the {@link MountedRequest}.
 */
public final class HttpRequestHandlerMountTarget implements MountTarget {

	private final HttpRequestHandler handler;

	/**
	 * Creates a target.
	 * @param handler the handler
	 */
	public HttpRequestHandlerMountTarget(HttpRequestHandler handler) {
		this.handler = handler;
	}

	@Override
	public void serve(MountedRequest request, HttpServletResponse response) throws ServletException, IOException {
		this.handler.handleRequest(request, response);
	}

}
