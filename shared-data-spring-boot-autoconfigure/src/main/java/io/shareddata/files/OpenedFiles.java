package io.shareddata.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The file a response sends from disk, opened once and checked to be exactly the version whose
 * headers go out: same identity (inode), size and modification time. Opening first and checking
 * the path afterwards is what makes it safe under atomic replacement: if the path was swapped
 * before or after the open, the identities differ and the caller resolves the path again.
 */
final class OpenedFiles implements Closeable {

	static final OpenedFiles NONE = new OpenedFiles(null);

	private final @Nullable FileChannel channel;

	private OpenedFiles(@Nullable FileChannel channel) {
		this.channel = channel;
	}

	/**
	 * Opens the representation a response will send, when it is on disk and not in memory.
	 * @param file the representation
	 * @return the opened file, {@link #NONE} when there is nothing to open, or {@code null}
	 * when the file on disk is no longer the recorded version
	 */
	static @Nullable OpenedFiles open(FileVersion file) {
		Path path = file.stored().path();
		if (file.body() != null || path == null) {
			return NONE;
		}
		FileChannel channel = null;
		try {
			channel = FileChannel.open(path, StandardOpenOption.READ);
			if (channel.size() == file.length() && isRecordedVersion(path, file.stored())) {
				return new OpenedFiles(channel);
			}
		}
		catch (IOException ex) {
			// Gone or unreadable now: resolve again.
		}
		closeQuietly(channel);
		return null;
	}

	/**
	 * Returns whether the file on disk is still the recorded version, for a response that sends
	 * no body (HEAD) and so opens nothing.
	 * @param file the representation
	 * @return {@code true} when it is in memory, a classpath resource, or unchanged on disk
	 */
	static boolean isRecordedVersion(FileVersion file) {
		Path path = file.stored().path();
		return file.body() != null || path == null || isRecordedVersion(path, file.stored());
	}

	/** Same identity (inode), size and modification time as when the version was built. */
	private static boolean isRecordedVersion(Path path, StoredFile stored) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
			return attributes.size() == stored.length()
					&& attributes.lastModifiedTime().toMillis() == stored.lastModified()
					&& Objects.equals(attributes.fileKey(), stored.fileKey());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Returns the verified channel to send the body from.
	 * @return the channel, or {@code null} when the representation is in memory or a classpath
	 * resource
	 */
	@Nullable FileChannel channel() {
		return this.channel;
	}

	@Override
	public void close() {
		closeQuietly(this.channel);
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing was written through it that could be lost.
			}
		}
	}

}
