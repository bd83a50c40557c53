package io.shareddata.http;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring {@link PathPattern}s matched against both paths of a request (see
 * {@link RequestPaths}), with the combination each use needs: a rule that protects or
 * decorates applies when <em>either</em> path matches; an exemption applies only when
 * <em>both</em> do. Either way, no spelling of a path escapes a rule.
 */
public final class PathPatterns {

	private static final PathPatterns NONE = new PathPatterns(List.of());

	private final List<PathPattern> patterns;

	private PathPatterns(List<PathPattern> patterns) {
		this.patterns = List.copyOf(patterns);
	}

	/**
	 * Returns a list of patterns.
	 * @param patterns the patterns
	 * @return the list
	 */
	public static PathPatterns of(List<PathPattern> patterns) {
		return patterns.isEmpty() ? NONE : new PathPatterns(patterns);
	}

	/**
	 * Returns whether there are no patterns.
	 * @return whether the list is empty
	 */
	public boolean isEmpty() {
		return this.patterns.isEmpty();
	}

	/**
	 * Returns whether any pattern matches one path.
	 * @param path a path; {@code null} (a URI that could not be parsed) matches nothing
	 * @return whether a pattern matches
	 */
	public boolean matches(@Nullable PathContainer path) {
		if (path == null) {
			return false;
		}
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * For rules that protect or decorate: whether a pattern matches the container's path or
	 * the path Spring MVC routes by.
	 * @param request the request
	 * @return whether either path matches
	 */
	public boolean matchesEitherPath(HttpServletRequest request) {
		return !isEmpty() && matchesEitherPath(RequestedPath.of(request));
	}

	/**
	 * For rules that protect or decorate: whether a pattern matches either path.
	 * @param path both paths of a request
	 * @return whether either path matches
	 */
	public boolean matchesEitherPath(RequestedPath path) {
		return matches(path.normalised()) || matches(path.routed());
	}

	/**
	 * For exemptions: whether a pattern matches the container's path and one matches the path
	 * Spring MVC routes by, so a spelling that reaches another handler is not exempted.
	 * @param request the request
	 * @return whether both paths match
	 */
	public boolean matchesBothPaths(HttpServletRequest request) {
		return !isEmpty() && matchesBothPaths(RequestedPath.of(request));
	}

	/**
	 * For exemptions: whether a pattern matches each of the two paths.
	 * @param path both paths of a request
	 * @return whether both paths match
	 */
	public boolean matchesBothPaths(RequestedPath path) {
		return matches(path.normalised()) && matches(path.routed());
	}

	@Override
	public String toString() {
		return this.patterns.toString();
	}

}
