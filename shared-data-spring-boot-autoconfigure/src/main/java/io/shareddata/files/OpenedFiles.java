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

	static final OpenedFiles NONE = new OpenedFiles(null, null);

	private final @Nullable FileVersion version;

	private final @Nullable FileChannel channel;

	private OpenedFiles(@Nullable FileVersion version, @Nullable FileChannel channel) {
		this.version = version;
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
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
			StoredFile stored = file.stored();
			if (channel.size() == stored.length() && attributes.size() == stored.length()
					&& attributes.lastModifiedTime().toMillis() == stored.lastModified()
					&& Objects.equals(attributes.fileKey(), stored.fileKey())) {
				return new OpenedFiles(file, channel);
			}
		}
		catch (IOException ex) {
			// Gone or unreadable now: resolve again.
		}
		closeQuietly(channel);
		return null;
	}

	/**
	 * Returns the channel to send a version from.
	 * @param file the version being sent
	 * @return its verified channel, or {@code null} when it is in memory or a classpath resource
	 */
	@Nullable FileChannel channelOf(FileVersion file) {
		return (file == this.version) ? this.channel : null;
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
