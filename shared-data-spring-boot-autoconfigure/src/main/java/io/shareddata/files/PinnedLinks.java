package io.shareddata.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Private hard links to the file versions being served from disk, so that a container's
 * sendfile, which opens a file by name after the headers went out, opens exactly the version
 * those headers describe. A hard link names an inode, not a path: an atomic replacement of the
 * exported file (a rename over it) leaves the link on the old version, which is then sent whole
 * and consistently, as the memory cache does for small files until the refresh interval.
 * <p>
 * A link is made once per version in a folder of this process's own ({@link LinkFolder}:
 * created on first use, readable by the owner only, cleaned up after a crash), checked to be
 * that version (identity, size, modification time, not a symbolic link), and deleted a grace
 * period after the version stops being served, so that a response handed the name just before
 * can still open it. Where no link can be made (the temporary folder is on another file system,
 * or the system does not let this process link a file it does not own), the caller sends from
 * its own verified channel instead: slower, never wrong.
 */
final class PinnedLinks implements Closeable {

	private static final Log logger = LogFactory.getLog(PinnedLinks.class);

	/** How long a retired link stays: far longer than a container takes to open a file it was handed. */
	static final long GRACE_NANOS = 60_000_000_000L;

	private final Path parent;

	private final LongSupplier nanoTime;

	private final AtomicLong names = new AtomicLong();

	private final ConcurrentLinkedQueue<Retired> retired = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	private volatile @Nullable LinkFolder folder;

	private volatile boolean closed;

	/**
	 * Creates links in a new folder below a parent folder.
	 * @param parent where the private folder is created, typically {@code java.io.tmpdir}
	 */
	PinnedLinks(Path parent) {
		this(parent, System::nanoTime);
	}

	PinnedLinks(Path parent, LongSupplier nanoTime) {
		this.parent = parent;
		this.nanoTime = nanoTime;
	}

	/**
	 * Creates the link for a version.
	 * @param file the version on disk, with the identity recorded when it was found
	 * @return the link, or {@code null} when none can be made or it is not that version
	 */
	@Nullable Path link(StoredFile file) {
		Path target = file.path();
		if (target == null || file.fileKey() == null || this.closed) {
			return null;
		}
		deleteExpired();
		Path link = null;
		try {
			link = directory().resolve(Long.toString(this.names.incrementAndGet()));
			Files.createLink(link, target);
			if (isRecordedVersion(link, file)) {
				return link;
			}
			// The exported path was replaced between being found and being linked.
			LinkFolder.deleteQuietly(link);
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.info("Shared data: files on disk go out through a copy loop, not the container's sendfile: "
						+ "cannot hard-link " + target + " into " + this.parent + " (" + ex + ")");
			}
			if (link != null) {
				LinkFolder.deleteQuietly(link);
			}
		}
		return null;
	}

	/**
	 * Schedules a link for deletion once the grace period is over.
	 * @param link a link returned by {@link #link}
	 */
	void retire(Path link) {
		this.retired.add(new Retired(link, this.nanoTime.getAsLong()));
		deleteExpired();
	}

	/** Deletes every link and the folder: no response is sent through them any more. */
	@Override
	public void close() {
		this.closed = true;
		this.retired.clear();
		synchronized (this) {
			LinkFolder folder = this.folder;
			if (folder != null) {
				folder.close();
			}
		}
	}

	private Path directory() throws IOException {
		LinkFolder folder = this.folder;
		if (folder == null) {
			synchronized (this) {
				folder = this.folder;
				if (folder == null) {
					if (this.closed) {
						throw new IOException("closed");
					}
					folder = LinkFolder.create(this.parent);
					this.folder = folder;
				}
			}
		}
		return folder.path();
	}

	private void deleteExpired() {
		long now = this.nanoTime.getAsLong();
		Retired oldest;
		while ((oldest = this.retired.peek()) != null && now - oldest.at() >= GRACE_NANOS) {
			if (this.retired.remove(oldest)) {
				LinkFolder.deleteQuietly(oldest.link());
			}
		}
	}

	/** The link itself (not a symbolic link) has the identity, size and time the version recorded. */
	private static boolean isRecordedVersion(Path link, StoredFile file) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(link, BasicFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		return attributes.isRegularFile() && file.isDescribedBy(attributes);
	}

	private record Retired(Path link, long at) {
	}

}
