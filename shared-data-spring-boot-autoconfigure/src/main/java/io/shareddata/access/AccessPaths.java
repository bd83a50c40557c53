package io.shareddata.access;

import java.util.List;

import io.shareddata.http.PathPatterns;
import io.shareddata.http.RequestPaths;
import io.shareddata.http.RequestedPath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.pattern.PathPattern;

/**
 * Which paths the allow-list protects: those matching an include pattern (every path when
 * there is none) and no exclude pattern. A request is protected when <em>either</em> of its
 * paths (the container's and Spring MVC's, see {@link RequestPaths}) is protected, so that
 * neither spelling can slip past; a URI Spring cannot parse is protected (fail closed).
 */
public final class AccessPaths {

	private static final AccessPaths ALL = new AccessPaths(List.of(), List.of());

	private final PathPatterns includes;

	private final PathPatterns excludes;

	/**
	 * Creates a new instance.
	 * @param includes the protected paths; empty for every path
	 * @param excludes the paths never checked
	 */
	public AccessPaths(List<PathPattern> includes, List<PathPattern> excludes) {
		this.includes = PathPatterns.of(includes);
		this.excludes = PathPatterns.of(excludes);
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
		RequestedPath path = RequestedPath.of(request);
		if (isProtected(path, RequestedPath.Kind.NORMALISED)) {
			return true;
		}
		// Fail closed: a URI Spring cannot parse is protected
		return !path.hasRoutedPath() || isProtected(path, RequestedPath.Kind.ROUTED);
	}

	private boolean isProtected(RequestedPath path, RequestedPath.Kind kind) {
		return (this.includes.isEmpty() || this.includes.matches(path, kind)) && !this.excludes.matches(path, kind);
	}

	@Override
	public String toString() {
		return "AccessPaths[includes=" + this.includes + ", excludes=" + this.excludes + "]";
	}

}
