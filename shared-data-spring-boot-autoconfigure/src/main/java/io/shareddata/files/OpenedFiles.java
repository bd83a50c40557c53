package io.shareddata.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.jspecify.annotations.Nullable;

/**
 * The file a response sends from disk, in one of two forms that can only ever be the version
 * whose headers go out:
 * <ul>
 * <li>the version's {@link PinnedLinks pinned link}, a name a container's sendfile can open
 * later (the link names the version's inode, so replacing the exported path after the check
 * does not affect it);</li>
 * <li>otherwise the exported path, opened once and checked to have the recorded identity
 * (inode), size and modification time. Opening first and checking the path afterwards is what
 * makes it safe under atomic replacement: if the path was swapped before or after the open,
 * the identities differ and the caller resolves the path again.</li>
 * </ul>
 * A classpath resource that is not in memory is opened too, before any header goes out, so
 * that one removed since it was resolved makes the caller resolve it again instead of failing
 * the response.
 */
final class OpenedFiles implements Closeable {

	static final OpenedFiles NONE = new OpenedFiles(null, null);

	private @Nullable FileChannel channel;

	private final @Nullable Path pinnedLink;

	private @Nullable InputStream resourceStream;

	private OpenedFiles(@Nullable FileChannel channel, @Nullable Path pinnedLink) {
		this.channel = channel;
		this.pinnedLink = pinnedLink;
	}

	private OpenedFiles(InputStream resourceStream) {
		this(null, null);
		this.resourceStream = resourceStream;
	}

	/**
	 * Opens the representation a response will send from disk: its pinned link when the
	 * container can send a file by name (a version in memory has one when its body is long
	 * enough for sendfile), else, when it is not in memory, the exported path.
	 * @param file the representation
	 * @param sendfile whether the container can send a file by name (then the version's pinned
	 * link is used when it has one)
	 * @return the opened file, {@link #NONE} when there is nothing to open, or {@code null}
	 * when the file on disk is no longer the recorded version
	 */
	static @Nullable OpenedFiles open(FileVersion file, boolean sendfile) {
		Path path = file.stored().path();
		if (path == null) {
			return (file.body() != null) ? NONE : openResource(file.stored());
		}
		Path link = (sendfile && file.pinnedLink() != null) ? file.pinnedLink().path() : null;
		if (file.body() != null) {
			// In memory, the bytes are this version, and so is its link: nothing to check.
			return (link != null) ? new OpenedFiles(null, link) : NONE;
		}
		if (link != null) {
			// The link is this version whatever happens to the path; the check keeps a replaced
			// file noticed at once, as on the copying path, rather than at the next refresh.
			return isRecordedVersion(path, file.stored()) ? new OpenedFiles(null, link) : null;
		}
		FileChannel channel = null;
		try {
			channel = FileChannel.open(path, StandardOpenOption.READ);
			if (channel.size() == file.length() && isRecordedVersion(path, file.stored())) {
				return new OpenedFiles(channel, null);
			}
		}
		catch (IOException ex) {
			// Gone or unreadable now: resolve again.
		}
		closeQuietly(channel);
		return null;
	}

	private static @Nullable OpenedFiles openResource(StoredFile stored) {
		try {
			return new OpenedFiles(stored.open());
		}
		catch (IOException ex) {
			// Removed since it was resolved: resolve again.
			return null;
		}
	}

	/**
	 * Returns whether the file on disk is still the recorded version, for a response that sends
	 * no body (HEAD) and so opens nothing.
	 * @param file the representation
	 * @return {@code true} when it is in memory, a classpath resource that still opens, or
	 * unchanged on disk
	 */
	static boolean isRecordedVersion(FileVersion file) {
		if (file.body() != null) {
			return true;
		}
		Path path = file.stored().path();
		if (path != null) {
			return isRecordedVersion(path, file.stored());
		}
		// Opened and closed: a resource removed since it was resolved makes GET fall through,
		// and HEAD must not answer 200 for it.
		OpenedFiles resource = openResource(file.stored());
		if (resource == null) {
			return false;
		}
		resource.close();
		return true;
	}

	/** Same identity (inode), size and modification time as when the version was built. */
	private static boolean isRecordedVersion(Path path, StoredFile stored) {
		try {
			return stored.isDescribedBy(Files.readAttributes(path, BasicFileAttributes.class));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Returns the name a container's sendfile may open for this response.
	 * @return the pinned link, or {@code null} when the body must be copied from
	 * {@link #channel()}
	 */
	@Nullable Path sendfileName() {
		return this.pinnedLink;
	}

	/**
	 * Returns the channel to send the body from, opening the pinned link if the body is to be
	 * copied after all (a short range, several ranges).
	 * @return the channel, or {@code null} when the representation is in memory or a classpath
	 * resource
	 * @throws IOException if the pinned link cannot be opened
	 */
	@Nullable FileChannel channel() throws IOException {
		if (this.channel == null && this.pinnedLink != null) {
			this.channel = FileChannel.open(this.pinnedLink, StandardOpenOption.READ);
		}
		return this.channel;
	}

	/**
	 * Hands over the classpath resource opened for this response, once: a response with several
	 * ranges opens the resource again for the parts after the first.
	 * @return the stream, at its first byte, or {@code null} when it was handed over already or
	 * the representation is not a classpath resource sent from its source
	 */
	@Nullable InputStream takeResourceStream() {
		InputStream stream = this.resourceStream;
		this.resourceStream = null;
		return stream;
	}

	@Override
	public void close() {
		closeQuietly(this.channel);
		closeQuietly(this.resourceStream);
	}

	private static void closeQuietly(@Nullable Closeable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				// Nothing was written through it that could be lost.
			}
		}
	}

}
