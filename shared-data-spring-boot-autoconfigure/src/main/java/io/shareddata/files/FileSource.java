package io.shareddata.files;

import org.jspecify.annotations.Nullable;

/**
 * Where an export's files come from: a folder, a single file, or classpath data.
 */
interface FileSource {

	/**
	 * Finds a regular file.
	 * @param relativePath the decoded request path below the export, without a leading
	 * {@code /}; empty when the request names the export's own path
	 * @return the file, or {@code null} when there is no regular file there (missing, a
	 * directory, unreadable, or a path that could leave the export)
	 */
	@Nullable StoredFile find(String relativePath);

	/**
	 * Returns how the source was configured, for log and error messages.
	 * @return a description such as {@code file:site/}
	 */
	String description();

}
