package io.shareddata.dispatch;

import java.io.IOException;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What answers the requests under a mount: a servlet, a forward inside this application or
 * another HTTP server.
 */
public interface MountTarget {

	/**
	 * Prepares the target once, when the dispatch filter starts. Called at most once per
	 * target even if several mounts share it.
	 * @param servletContext the application's servlet context
	 * @throws ServletException if the target cannot start
	 */
	default void init(ServletContext servletContext) throws ServletException {
	}

	/**
	 * Answers a request under the mount.
	 * @param request the request as the mount sees it; {@link MountedRequest#getRequest()}
	 * is the request as the application received it
	 * @param response the response
	 * @throws ServletException on a servlet failure
	 * @throws IOException on an I/O failure
	 */
	void serve(MountedRequest request, HttpServletResponse response) throws ServletException, IOException;

	/**
	 * Releases what {@link #init} acquired, when the dispatch filter stops.
	 */
	default void destroy() {
	}

}
