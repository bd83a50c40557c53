package io.shareddata.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * A regular file that an export found, with the metadata that identifies its version. It is
 * either on the file system ({@link #path()} is set, so it can go out zero-copy) or a
 * classpath resource, possibly inside a jar.
 *
 * @param fileName the file's own name, used to guess its media type
 * @param realRelativePath the path of the file's real location below the export (differs from
 * the requested path when a symbolic link was followed)
 * @param length the length in bytes
 * @param lastModified the last modification time in epoch milliseconds
 * @param fileKey the file system's identity of the file, when it has one
 * @param path the file on the file system, or {@code null} for a classpath resource
 * @param resource the classpath resource, or {@code null} for a file system file
 */
record StoredFile(String fileName, String realRelativePath, long length, long lastModified, @Nullable Object fileKey,
		@Nullable Path path, @Nullable Resource resource) {

	InputStream open() throws IOException {
		if (this.path != null) {
			return Files.newInputStream(this.path);
		}
		if (this.resource != null) {
			try {
				return this.resource.getInputStream();
			}
			catch (IllegalStateException ex) {
				// A jar closed under the resource (a restart): as unreadable as a deleted file.
				throw new IOException("Cannot open " + this.resource.getDescription(), ex);
			}
		}
		throw new IllegalStateException("A stored file needs a path or a resource");
	}

	/**
	 * Returns whether attributes read from the file system describe this version: the same
	 * identity (inode), size and modification time.
	 * @param attributes the attributes of a file as it is now
	 * @return whether it is this version
	 */
	boolean isDescribedBy(BasicFileAttributes attributes) {
		return attributes.size() == this.length && attributes.lastModifiedTime().toMillis() == this.lastModified
				&& Objects.equals(attributes.fileKey(), this.fileKey);
	}

	/**
	 * Returns whether another look at the same file found the same version.
	 * @param other the file as found now
	 * @return whether length, modification time and identity are unchanged
	 */
	boolean isSameVersionAs(StoredFile other) {
		return this.length == other.length && this.lastModified == other.lastModified
				&& Objects.equals(this.fileKey, other.fileKey)
				&& this.realRelativePath.equals(other.realRelativePath);
	}

}
