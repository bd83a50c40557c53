package io.shareddata.http;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * Both paths of one dispatch of a request (see {@link RequestPaths}), each parsed at most
 * once however many filters match rules against it: {@link #of} keeps the value on the
 * request and hands it to every later caller while the dispatch's paths stay the same. A
 * filter that must match the path the client asked for on later dispatches (an error page)
 * keeps the value it got on the first one.
 * <p>
 * Not thread-safe, like the request it belongs to: a request is handled by one thread at a
 * time.
 */
public final class RequestedPath {

	private static final String ATTRIBUTE = RequestedPath.class.getName();

	private final String requestUri;

	private final String contextPath;

	private final String pathWithinApplication;

	private @Nullable PathContainer normalised;

	private @Nullable PathContainer routed;

	private boolean routedParsed;

	private RequestedPath(String requestUri, String contextPath, String pathWithinApplication) {
		this.requestUri = requestUri;
		this.contextPath = contextPath;
		this.pathWithinApplication = pathWithinApplication;
	}

	/**
	 * Returns both paths of the request's current dispatch, parsing them only if no filter
	 * asked for them yet in this dispatch (a forward or an error page has paths of its own).
	 * @param request the request
	 * @return the paths
	 */
	public static RequestedPath of(HttpServletRequest request) {
		String requestUri = Objects.requireNonNullElse(request.getRequestURI(), "");
		String contextPath = Objects.requireNonNullElse(request.getContextPath(), "");
		String pathWithinApplication = RequestPaths.pathWithinApplication(request);
		if (request.getAttribute(ATTRIBUTE) instanceof RequestedPath known
				&& known.isOf(requestUri, contextPath, pathWithinApplication)) {
			return known;
		}
		RequestedPath path = new RequestedPath(requestUri, contextPath, pathWithinApplication);
		request.setAttribute(ATTRIBUTE, path);
		return path;
	}

	private boolean isOf(String requestUri, String contextPath, String pathWithinApplication) {
		// The container hands out the same String instances within a dispatch: usually no
		// character is compared.
		return this.requestUri.equals(requestUri) && this.contextPath.equals(contextPath)
				&& this.pathWithinApplication.equals(pathWithinApplication);
	}

	/**
	 * Returns the container's decoded, normalised path.
	 * @return the path for matching
	 */
	public PathContainer normalised() {
		PathContainer path = this.normalised;
		if (path == null) {
			path = RequestPaths.normalisedPath(this.pathWithinApplication);
			this.normalised = path;
		}
		return path;
	}

	/**
	 * Returns the path Spring MVC routes by.
	 * @return the path for matching, or {@code null} when the URI cannot be parsed
	 */
	public @Nullable PathContainer routed() {
		if (!this.routedParsed) {
			this.routed = RequestPaths.routedPath(this.requestUri, this.contextPath);
			this.routedParsed = true;
		}
		return this.routed;
	}

	@Override
	public String toString() {
		return this.pathWithinApplication;
	}

}
