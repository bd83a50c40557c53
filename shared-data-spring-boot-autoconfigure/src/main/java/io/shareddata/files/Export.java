package io.shareddata.files;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * One URL prefix and the files served under it, werkzeug's {@code exports} entry. Create it
 * with {@link #directory}, {@link #file} or {@link #classpath}.
 */
public final class Export {

	private final String path;

	private final FileSource source;

	private final @Nullable String spaFallback;

	Export(String path, FileSource source) {
		this(path, source, null);
	}

	private Export(String path, FileSource source, @Nullable String spaFallback) {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("An export path must start with '/': " + path);
		}
		this.path = (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
		this.source = source;
		this.spaFallback = spaFallback;
	}

	/**
	 * Returns a copy of this export that answers a single-page application's client-side
	 * routes with a fallback file: a GET or HEAD under this export that accepts
	 * {@code text/html}, has no file extension, and that neither a file nor the application
	 * answers (its 404, before anything is committed) gets the fallback file with status 200,
	 * with the headers the outer layers had set before the application ran.
	 * @param fallback the fallback file's path inside this export, e.g. {@code /index.html}
	 * @return the export with a fallback
	 */
	public Export withSpaFallback(String fallback) {
		if (!fallback.startsWith("/") || !SafeRelativePath.isSafe(fallback.substring(1))) {
			throw new IllegalArgumentException("A fallback must be a path inside the export such as /index.html: " + fallback);
		}
		return new Export(this.path, this.source, fallback);
	}

	/**
	 * Returns the request path of the single-page-application fallback file, if any.
	 * @return the fallback's request path, or {@code null}
	 */
	@Nullable String spaFallbackPath() {
		if (this.spaFallback == null) {
			return null;
		}
		return this.path.equals("/") ? this.spaFallback : this.path + this.spaFallback;
	}

	/**
	 * Exports the regular files below a folder.
	 * @param path the URL prefix, {@code /} for the root
	 * @param folder an existing folder
	 * @return the export
	 */
	public static Export directory(String path, Path folder) {
		return new Export(path, new DirectorySource(folder, "file:" + folder));
	}

	/**
	 * Exports one file at exactly {@code path}.
	 * @param path the URL path of the file
	 * @param file the file
	 * @return the export
	 */
	public static Export file(String path, Path file) {
		return new Export(path, new SingleFileSource(file, "file:" + file));
	}

	/**
	 * Exports classpath data: a folder when {@code location} ends with {@code /}, otherwise
	 * one file at exactly {@code path}.
	 * @param path the URL prefix
	 * @param location the classpath location, e.g. {@code /site/} or {@code site/robots.txt}
	 * @param classLoader the class loader to read from, or {@code null} for the default
	 * @return the export
	 * @throws IllegalArgumentException if the location is the classpath root, or has empty,
	 * {@code .} or {@code ..} segments or backslashes
	 */
	public static Export classpath(String path, String location, @Nullable ClassLoader classLoader) {
		String name = location.startsWith("/") ? location.substring(1) : location;
		if (!isPlainClasspathLocation(name)) {
			throw new IllegalArgumentException("A classpath export must name a folder or file below the classpath root, "
					+ "without empty, '.' or '..' segments or backslashes: " + location);
		}
		return new Export(path, new ClasspathSource(name, classLoader));
	}

	/**
	 * Whether a location names something below the classpath root as written. Spring's
	 * {@code ClassPathResource} cleans {@code site/../}, {@code ./} and {@code site\..\} down to
	 * the root, and an export of the root would publish every class and configuration file.
	 */
	private static boolean isPlainClasspathLocation(String name) {
		String segments = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
		if (segments.isEmpty() || segments.indexOf('\\') >= 0) {
			return false;
		}
		for (String segment : segments.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the URL prefix, without a trailing slash unless it is the root.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	FileSource source() {
		return this.source;
	}

	/**
	 * Returns the path below this export that a request path names.
	 * @param requestPath the decoded request path within the application
	 * @return the path below the export (empty for the export's own path), or {@code null}
	 * when the request is not under this export; the prefix must end on a segment boundary, so
	 * {@code /staticx/a} is not under {@code /static}
	 */
	@Nullable String relativePathOf(String requestPath) {
		if (this.path.equals("/")) {
			return requestPath.startsWith("/") ? requestPath.substring(1) : null;
		}
		if (!requestPath.startsWith(this.path)) {
			return null;
		}
		if (requestPath.length() == this.path.length()) {
			return "";
		}
		return (requestPath.charAt(this.path.length()) == '/') ? requestPath.substring(this.path.length() + 1) : null;
	}

	@Override
	public String toString() {
		return this.path + " -> " + this.source.description()
				+ ((this.spaFallback != null) ? " (spa-fallback " + this.spaFallback + ")" : "");
	}

}
