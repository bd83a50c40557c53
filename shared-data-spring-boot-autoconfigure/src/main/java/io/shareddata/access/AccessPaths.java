package io.shareddata.access;

import java.util.List;

import io.shareddata.http.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Which paths the allow-list protects: those matching an include pattern (every path when
 * there is none) and no exclude pattern.
 * <p>
 * A request has two paths that matter, and they can disagree. The container maps it by the
 * decoded, normalised path ({@link RequestPaths#pathWithinApplication}): {@code /admin;x},
 * {@code //admin}, {@code /./admin}, {@code /%61dmin} and {@code /x/../admin} are all
 * {@code /admin} there. Spring MVC, however, routes by the request URI with each segment
 * decoded and path parameters dropped, but with dot segments left in place, so it sends
 * {@code /admin/../x}, {@code /admin/..;/x} and {@code /admin/%2e%2e/x} to a handler mapped
 * to {@code /admin/**} while the container's path is {@code /x}. A request is therefore
 * protected when <em>either</em> path is protected, so neither spelling can slip past.
 * <p>
 * The normalised path is split on {@code /} only, without decoding again or reading
 * {@code ;} as matrix variables: a decoded {@code %3B} is part of its segment, so
 * {@code /health%3Bx} is not the excluded {@code /health}.
 */
public final class AccessPaths {

	private static final PathContainer.Options SEGMENTS_ONLY = PathContainer.Options.create('/', false);

	private static final AccessPaths ALL = new AccessPaths(List.of(), List.of());

	private final List<PathPattern> includes;

	private final List<PathPattern> excludes;

	/**
	 * Creates a new instance.
	 * @param includes the protected paths; empty for every path
	 * @param excludes the paths never checked
	 */
	public AccessPaths(List<PathPattern> includes, List<PathPattern> excludes) {
		this.includes = List.copyOf(includes);
		this.excludes = List.copyOf(excludes);
	}

	/**
	 * Returns an instance that protects every path.
	 * @return every path
	 */
	public static AccessPaths all() {
		return ALL;
	}

	/**
	 * Returns whether the allow-list applies to the request: whether its normalised path or
	 * the path Spring MVC routes by is protected.
	 * @param request the request
	 * @return {@code true} if the request is protected
	 */
	public boolean isProtected(HttpServletRequest request) {
		if (this.includes.isEmpty() && this.excludes.isEmpty()) {
			return true;
		}
		return isProtected(RequestPaths.pathWithinApplication(request)) || isProtected(routedPath(request));
	}

	/**
	 * Returns whether the allow-list applies to the normalised path.
	 * @param pathWithinApplication the normalised path within the application
	 * @return {@code true} if the path is protected
	 */
	public boolean isProtected(String pathWithinApplication) {
		if (this.includes.isEmpty() && this.excludes.isEmpty()) {
			return true;
		}
		return isProtected(PathContainer.parsePath(
				pathWithinApplication.isEmpty() ? "/" : pathWithinApplication, SEGMENTS_ONLY));
	}

	private boolean isProtected(@Nullable PathContainer path) {
		// No path (a URI Spring cannot parse) is treated as protected: fail closed.
		return path == null || ((this.includes.isEmpty() || matchesAny(this.includes, path))
				&& !matchesAny(this.excludes, path));
	}

	/**
	 * The path as Spring MVC matches it: the raw URI within the context path, whose segments
	 * a {@link PathPattern} decodes and strips of {@code ;} parameters while matching.
	 */
	private static @Nullable PathContainer routedPath(HttpServletRequest request) {
		try {
			return RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "AccessPaths[includes=" + this.includes + ", excludes=" + this.excludes + "]";
	}

}
