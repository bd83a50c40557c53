package io.shareddata.access;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Which paths the allow-list protects: those matching an include pattern (every path when
 * there is none) and no exclude pattern.
 * <p>
 * Patterns are matched against the decoded, container-normalised path within the application
 * ({@link io.shareddata.http.RequestPaths#pathWithinApplication}), so {@code /admin;x},
 * {@code //admin}, {@code /./admin} and {@code /%61dmin} are all {@code /admin} here, exactly
 * as the application will route them. The path is split on {@code /} only, without decoding
 * again or reading {@code ;} as matrix variables: a decoded {@code %3B} is part of the
 * segment, so {@code /health%3Bx} is not the excluded {@code /health}.
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
	 * Returns whether the allow-list applies to the path.
	 * @param pathWithinApplication the normalised path within the application
	 * @return {@code true} if the path is protected
	 */
	public boolean isProtected(String pathWithinApplication) {
		if (this.includes.isEmpty() && this.excludes.isEmpty()) {
			return true;
		}
		PathContainer path = PathContainer.parsePath(
				pathWithinApplication.isEmpty() ? "/" : pathWithinApplication, SEGMENTS_ONLY);
		return (this.includes.isEmpty() || matchesAny(this.includes, path)) && !matchesAny(this.excludes, path);
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
