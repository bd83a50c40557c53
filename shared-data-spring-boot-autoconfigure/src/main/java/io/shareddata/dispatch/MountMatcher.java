package io.shareddata.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Finds the mount of a path the way werkzeug's {@code DispatcherMiddleware} does: the
 * longest mount path that ends on a segment boundary wins. {@code /app2/sub/x} goes to
 * {@code /app2/sub} before {@code /app2}; {@code /app2x} matches neither. Matching is exact
 * and case-sensitive; give it the decoded, normalised path
 * ({@link io.shareddata.http.RequestPaths#pathWithinApplication}).
 */
public final class MountMatcher {

	private final Map<String, Mount> mounts = new HashMap<>();

	/**
	 * Creates a matcher.
	 * @param mounts the mounts; their paths must be distinct
	 */
	public MountMatcher(List<Mount> mounts) {
		for (Mount mount : mounts) {
			Mount previous = this.mounts.put(mount.path(), mount);
			if (previous != null) {
				throw new IllegalArgumentException("Two mounts have the path '" + mount.path() + "'");
			}
		}
	}

	/**
	 * Returns the mount the path falls under.
	 * @param path the decoded, normalised path within the application
	 * @return the match, or {@code null} when no mount covers the path
	 */
	public @Nullable MountMatch match(String path) {
		// Chop the last segment off until an exact mount path is left: one map lookup per
		// segment, and a prefix can only ever match at a '/' boundary.
		int end = path.length();
		while (end > 0) {
			Mount mount = this.mounts.get(path.substring(0, end));
			if (mount != null) {
				return new MountMatch(mount, path.substring(end));
			}
			end = path.lastIndexOf('/', end - 1);
		}
		return null;
	}

}
