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

	private final PatternShortcut[] shortcuts;

	private PathPatterns(List<PathPattern> patterns) {
		this.patterns = List.copyOf(patterns);
		this.shortcuts = this.patterns.stream().map(PatternShortcut::of).toArray(PatternShortcut[]::new);
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
	 * Returns whether any pattern matches one of a request's paths, deciding on the path's
	 * text where it can (see {@link PatternShortcut}) and parsing the path only where it must.
	 * @param path both paths of a request
	 * @param kind the path to match
	 * @return whether a pattern matches; never for a routed path that cannot be parsed
	 */
	public boolean matches(RequestedPath path, RequestedPath.Kind kind) {
		@Nullable String text = path.text(kind);
		for (int i = 0; i < this.shortcuts.length; i++) {
			PatternShortcut.Decision decision = (text != null) ? this.shortcuts[i].decide(text)
					: PatternShortcut.Decision.ASK_THE_PATTERN;
			if (decision == PatternShortcut.Decision.MATCH) {
				return true;
			}
			if (decision == PatternShortcut.Decision.ASK_THE_PATTERN) {
				PathContainer container = path.container(kind);
				if (container != null && this.patterns.get(i).matches(container)) {
					return true;
				}
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
		return matches(path, RequestedPath.Kind.NORMALISED) || matches(path, RequestedPath.Kind.ROUTED);
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
		return matches(path, RequestedPath.Kind.NORMALISED) && matches(path, RequestedPath.Kind.ROUTED);
	}

	@Override
	public String toString() {
		return this.patterns.toString();
	}

}
