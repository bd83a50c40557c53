package io.shareddata.http;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * Both paths of a request, read once (see {@link RequestPaths}); a filter that must match the
 * path the client asked for on later dispatches (an error page) keeps this value.
 *
 * @param normalised the container's decoded, normalised path
 * @param routed the path Spring MVC routes by, or {@code null} when the URI cannot be parsed
 */
public record RequestedPath(PathContainer normalised, @Nullable PathContainer routed) {

	/**
	 * Reads both paths of a request.
	 * @param request the request
	 * @return the paths
	 */
	public static RequestedPath of(HttpServletRequest request) {
		return new RequestedPath(RequestPaths.normalisedPath(request), RequestPaths.routedPath(request));
	}

}
