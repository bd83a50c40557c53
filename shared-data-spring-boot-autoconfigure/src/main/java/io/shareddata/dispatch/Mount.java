package io.shareddata.dispatch;

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
		Assert.isTrue(isValidPath(path), () -> "Mount path '" + path + "' must start with '/' and not end with '/'");
	}

	/**
	 * Returns whether a mount path can ever match: it starts with {@code /}, does not end
	 * with {@code /} and has no empty, {@code .} or {@code ..} segment (the container
	 * normalises those away before matching, so such a mount would be dead).
	 * @param path the candidate mount path
	 * @return whether the path is usable
	 */
	public static boolean isValidPath(String path) {
		if (path.length() < 2 || path.charAt(0) != '/' || path.endsWith("/")) {
			return false;
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf(';') >= 0) {
				return false;
			}
		}
		return true;
	}

}
