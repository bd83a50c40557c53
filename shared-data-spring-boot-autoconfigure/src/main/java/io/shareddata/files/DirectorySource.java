package io.shareddata.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.jspecify.annotations.Nullable;

/**
 * Serves the regular files below a folder. A path is looked up only after
 * {@link SafeRelativePath} accepted it, and a file is served only when its real path (symbolic
 * links resolved) still lies inside the folder's real path.
 */
final class DirectorySource implements FileSource {

	private final Path realRoot;

	private final String description;

	/**
	 * Creates a source for a folder.
	 * @param root the folder; it must exist
	 * @param description how it was configured
	 * @throws UncheckedIOException if the folder cannot be resolved
	 */
	DirectorySource(Path root, String description) {
		try {
			this.realRoot = root.toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.description = description;
	}

	@Override
	public @Nullable StoredFile find(String relativePath) {
		if (!SafeRelativePath.isSafe(relativePath)) {
			return null;
		}
		try {
			Path candidate = this.realRoot.resolve(relativePath);
			BasicFileAttributes attributes = Files.readAttributes(candidate, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				return null;
			}
			Path real = candidate.toRealPath();
			if (!real.startsWith(this.realRoot)) {
				// A symbolic link that leaves the export.
				return null;
			}
			if (!Files.isReadable(real)) {
				// Not this process's to read (another owner, mode 000): fall through, not fail later.
				return null;
			}
			String realRelative = this.realRoot.relativize(real).toString().replace(real.getFileSystem().getSeparator(),
					"/");
			return new StoredFile(real.getFileName().toString(), realRelative, attributes.size(),
					attributes.lastModifiedTime().toMillis(), attributes.fileKey(), real, null);
		}
		catch (IOException | InvalidPathException | SecurityException ex) {
			// Missing, unreadable, or a name this platform cannot encode: not ours to serve.
			return null;
		}
	}

	@Override
	public String description() {
		return this.description;
	}

}
