package io.shareddata.files;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * Serves classpath data, like werkzeug's package exports: a folder or a single file, from
 * {@code target/classes} or from inside the application's jar. Directories are never served
 * ({@link ClassPathResource#isReadable()} is false for them, jar directory entries included).
 */
final class ClasspathSource implements FileSource {

	private final String location;

	private final boolean singleFile;

	private final @Nullable ClassLoader classLoader;

	/** Modification time for resources that report none (some jars), fixed for the source's life. */
	private final long fallbackLastModified = System.currentTimeMillis() / 1000 * 1000;

	/**
	 * Creates a source.
	 * @param location the classpath location without a leading {@code /}: a folder ending in
	 * {@code /}, or a file
	 * @param classLoader the class loader to read from
	 */
	ClasspathSource(String location, @Nullable ClassLoader classLoader) {
		this.location = location;
		this.singleFile = !location.isEmpty() && !location.endsWith("/");
		this.classLoader = classLoader;
	}

	@Override
	public @Nullable StoredFile find(String relativePath) {
		String name;
		if (this.singleFile) {
			if (!relativePath.isEmpty()) {
				return null;
			}
			name = this.location;
		}
		else {
			if (!SafeRelativePath.isSafe(relativePath)) {
				return null;
			}
			name = this.location + relativePath;
		}
		ClassPathResource resource = new ClassPathResource(name, this.classLoader);
		if (!resource.isReadable()) {
			return null;
		}
		try {
			long lastModified = resource.lastModified();
			String fileName = StringUtils.getFilename(name);
			String realRelative = this.singleFile ? fileName : relativePath;
			return new StoredFile(fileName, realRelative, resource.contentLength(),
					(lastModified > 0) ? lastModified : this.fallbackLastModified, null, null, resource);
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public String description() {
		return "classpath:/" + this.location;
	}

}
