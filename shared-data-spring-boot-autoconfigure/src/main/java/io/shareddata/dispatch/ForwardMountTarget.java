package io.shareddata.dispatch;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.Assert;

/**
 * Mounts a path of this application: {@code /legacy/x} is forwarded to
 * {@code <forward>/x}. The forward is a normal servlet {@code FORWARD} dispatch of the
 * request as the application received it, so the handler sees the forward path as its
 * request URI and servlet path, the original query parameters, and the original URI in the
 * {@code jakarta.servlet.forward.*} attributes. Filters registered for {@code REQUEST} only
 * (every shareddata filter) do not run a second time.
 */
public final class ForwardMountTarget implements MountTarget {

	private final String forwardPath;

	/**
	 * Creates a target.
	 * @param forwardPath the decoded path inside this application, starting with {@code /}
	 */
	public ForwardMountTarget(String forwardPath) {
		Assert.isTrue(forwardPath.startsWith("/"), () -> "Forward path '" + forwardPath + "' must start with '/'");
		this.forwardPath = forwardPath.endsWith("/") ? forwardPath.substring(0, forwardPath.length() - 1)
				: forwardPath;
	}

	@Override
	public void serve(MountedRequest request, HttpServletResponse response) throws ServletException, IOException {
		HttpServletRequest original = request.getRequest();
		String rest = request.getPathWithinMount();
		if (!MountPaths.isSafe(original, rest)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		String path = this.forwardPath + rest;
		RequestDispatcher dispatcher = original
			.getRequestDispatcher(MountPaths.encode(path.isEmpty() ? "/" : path));
		if (dispatcher == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		dispatcher.forward(original, response);
	}

}
