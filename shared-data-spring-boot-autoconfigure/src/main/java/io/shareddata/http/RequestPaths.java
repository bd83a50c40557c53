package io.shareddata.http;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * The one way every shareddata filter reads the path of a request.
 * <p>
 * A request has two paths that matter, and they can disagree:
 * <ul>
 * <li>the container's: percent-decoded once, path parameters ({@code ;x}) removed, dot
 * segments resolved and duplicate slashes merged, relative to the context path
 * ({@link #pathWithinApplication}). {@code /admin;x}, {@code //admin}, {@code /./admin},
 * {@code /%61dmin} and {@code /x/../admin} are all {@code /admin} here;</li>
 * <li>Spring MVC's: the raw request URI with each segment decoded and its parameters dropped,
 * but dot segments left in place ({@link #routedPath}). It sends {@code /admin/../x},
 * {@code /admin/..;/x} and {@code /admin/%2e%2e/x} to a handler mapped to {@code /admin/**},
 * while the container's path is {@code /x}.</li>
 * </ul>
 * Matching on only one of them is how path rules were bypassed elsewhere (CVE-2016-5007,
 * CVE-2018-1199, the {@code /..;/} family). {@link PathPatterns} matches both, and
 * {@link RequestedPath} parses both once per dispatch.
 */
public final class RequestPaths {

	/** The container already decoded the path: split on '/' only, never decode or read ';' again. */
	private static final PathContainer.Options DECODED_SEGMENTS = PathContainer.Options.create('/', false);

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

	/**
	 * Returns why no request's {@link #pathWithinApplication} can ever equal or start with a
	 * path, so that a configured prefix (an export, a mount) written that way could never match.
	 * The container merges {@code //}, resolves {@code .} and {@code ..} segments, and answers
	 * 400 to a path that decodes to a backslash ({@code \} or {@code %5C}), a NUL or anything
	 * that is not UTF-8 (checked on Tomcat 11), so none of those reaches a filter. Everything
	 * else can, percent-encoded: {@code %3B} arrives as {@code ;} (only a bare {@code ;x} is
	 * removed as a path parameter), {@code %25} as {@code %}, {@code %3F} as {@code ?},
	 * {@code %0A} as a line feed. A trailing {@code /} can arrive too.
	 * @param path a decoded path
	 * @return the reason, e.g. {@code "has a backslash"}, or {@code null} when a request can have it
	 */
	public static @Nullable String whyNeverRequested(String path) {
		if (!path.startsWith("/")) {
			return "does not start with '/'";
		}
		String[] segments = path.substring(1).split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			if ((segment.isEmpty() && i < segments.length - 1) || segment.equals(".") || segment.equals("..")) {
				return "has an empty, '.' or '..' segment, which the container merges or resolves away";
			}
		}
		if (path.indexOf('\\') >= 0) {
			return "has a backslash, which the container refuses (400)";
		}
		if (path.indexOf('\0') >= 0) {
			return "has a NUL character, which the container refuses (400)";
		}
		if (path.codePoints().anyMatch((c) -> Character.getType(c) == Character.SURROGATE)) {
			return "has an unpaired surrogate, which no UTF-8 request path decodes to";
		}
		return null;
	}

	/**
	 * Splits an already decoded path within the application into segments for matching with
	 * Spring's {@code PathPattern}, without decoding it a second time (a decoded {@code %3B} or
	 * {@code %25} stays part of its segment).
	 * @param pathWithinApplication the decoded path
	 * @return the path for matching
	 */
	public static PathContainer normalisedPath(String pathWithinApplication) {
		return PathContainer.parsePath(normalisedText(pathWithinApplication), DECODED_SEGMENTS);
	}

	/**
	 * Returns the text {@link #normalisedPath} splits: the path within the application, with
	 * the empty path (a request for the context root) matched as {@code /}.
	 * @param pathWithinApplication the decoded path
	 * @return the text whose segments patterns are matched against
	 */
	public static String normalisedText(String pathWithinApplication) {
		return pathWithinApplication.isEmpty() ? "/" : pathWithinApplication;
	}

	/**
	 * Returns the path Spring MVC routes by: the raw URI within the context path, whose
	 * segments a {@code PathPattern} decodes and strips of {@code ;} parameters while matching.
	 * @param requestUri the raw request URI
	 * @param contextPath the context path
	 * @return the routed path, or {@code null} when the URI cannot be parsed
	 */
	public static @Nullable PathContainer routedPath(String requestUri, String contextPath) {
		try {
			return RequestPath.parse(requestUri, contextPath).pathWithinApplication();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// IllegalStateException: a context path that ends inside a segment of the URI
			return null;
		}
	}

}
