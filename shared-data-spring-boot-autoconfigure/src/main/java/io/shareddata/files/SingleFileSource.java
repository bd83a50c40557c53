package io.shareddata.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.jspecify.annotations.Nullable;

/**
 * Serves one file at exactly the export's path (werkzeug served it below the path too, at
 * {@code /robots.txt/anything}; that alias is gone).
 */
final class SingleFileSource implements FileSource {

	private final Path file;

	private final String description;

	SingleFileSource(Path file, String description) {
		this.file = file.toAbsolutePath().normalize();
		this.description = description;
	}

	@Override
	public @Nullable StoredFile find(String relativePath) {
		if (!relativePath.isEmpty()) {
			return null;
		}
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				return null;
			}
			Path real = this.file.toRealPath();
			if (!Files.isReadable(real)) {
				// Not this process's to read (another owner, mode 000): fall through, not fail later.
				return null;
			}
			return new StoredFile(real.getFileName().toString(), real.getFileName().toString(), attributes.size(),
					attributes.lastModifiedTime().toMillis(), attributes.fileKey(), real, null);
		}
		catch (IOException | SecurityException ex) {
			return null;
		}
	}

	@Override
	public String description() {
		return this.description;
	}

}
