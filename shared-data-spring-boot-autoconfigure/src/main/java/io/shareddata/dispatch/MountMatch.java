package io.shareddata.dispatch;

/**
 * The mount a request path falls under, and the rest of the path below it.
 *
 * @param mount the matched mount
 * @param pathWithinMount the path below the mount: empty for the mount path itself,
 * otherwise starting with {@code /} (werkzeug's {@code PATH_INFO})
 */
public record MountMatch(Mount mount, String pathWithinMount) {

}
