package io.shareddata.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one way every shareddata filter reads the path of a request.
 * <p>
 * Filters match on the path <em>as the container routes it</em>: percent-decoded once,
 * path parameters ({@code ;x}) removed, dot segments resolved and duplicate slashes merged,
 * relative to the context path. Matching on {@code getRequestURI()} instead is how
 * {@code /admin;x}, {@code //admin} or {@code /%61dmin} slipped past path rules elsewhere
 * (CVE-2016-5007, CVE-2018-1199), because the raw URI and the routed path disagree.
 */
public final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * Returns the decoded, normalised path of the request within the application: the servlet
	 * path followed by the path info, never {@code null}, starting with {@code /} unless empty.
	 * @param request the current request
	 * @return the path within the application
	 */
	public static String pathWithinApplication(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		if (pathInfo == null) {
			return (servletPath != null) ? servletPath : "";
		}
		return (servletPath != null) ? servletPath + pathInfo : pathInfo;
	}

}
