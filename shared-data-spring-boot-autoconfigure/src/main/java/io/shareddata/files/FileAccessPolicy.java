package io.shareddata.files;

/**
 * Decides whether a file found in an export may be served: werkzeug's
 * {@code SharedDataMiddleware.is_allowed}. A file that is not allowed falls through to the
 * application exactly like a missing one, so a client cannot tell the two apart.
 * <p>
 * The default, {@link DisallowRulesPolicy}, applies the {@code disallow} patterns and the
 * hidden-file rule. Declare a bean of this type to replace it.
 */
@FunctionalInterface
public interface FileAccessPolicy {

	/**
	 * Returns whether the file may be served.
	 * @param exportPath the URL path of the export the file was found in, e.g. {@code /static}
	 * @param relativePath the file's path below the export, segments separated by {@code /}
	 * (for a single-file export, the file's name); already checked to contain no {@code .},
	 * {@code ..} or empty segment. When the file is reached through a symbolic link, the
	 * policy is asked about the requested path and about the link's target, and both must pass.
	 * @return {@code true} to serve the file, {@code false} to fall through
	 */
	boolean isAllowed(String exportPath, String relativePath);

}
