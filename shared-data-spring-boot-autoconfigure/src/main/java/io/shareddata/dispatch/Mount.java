package io.shareddata.dispatch;

import io.shareddata.http.RequestPaths;

import org.springframework.util.Assert;

/**
 * A path prefix and what answers requests under it.
 *
 * @param path the mount path: starts with {@code /}, does not end with {@code /}, decoded
 * (matched against the decoded, normalised request path)
 * @param target what serves requests under the path
 */
public record Mount(String path, MountTarget target) {

	public Mount {
		Assert.isTrue(isValidPath(path),
				() -> "Mount path '" + path + "' must start with '/', not end with '/' and be a path a request can have");
	}

	/**
	 * Returns whether a mount path can ever match: it starts with {@code /}, does not end
	 * with {@code /}, and is a path a request can have
	 * ({@link RequestPaths#whyNeverRequested}: no empty, {@code .} or {@code ..} segment, no
	 * backslash or NUL, which the container merges, resolves or refuses before any filter).
	 * @param path the candidate mount path
	 * @return whether the path is usable
	 */
	public static boolean isValidPath(String path) {
		return path.length() > 1 && !path.endsWith("/") && RequestPaths.whyNeverRequested(path) == null;
	}

}
