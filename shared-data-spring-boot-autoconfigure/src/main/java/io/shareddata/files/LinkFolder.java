package io.shareddata.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;

/**
 * The folder that holds one {@link PinnedLinks}' links, and the clean-up of the folders that a
 * process left behind when it died without closing them (a crash, {@code kill -9}): their
 * links would keep replaced versions of exported files on disk for good.
 * <p>
 * Each folder holds a lock file that its owner keeps locked while it runs. The operating
 * system releases the lock when the process ends, however it ends, so a folder whose lock can
 * be taken belongs to nobody and is deleted when the next folder is created next to it. A lock
 * held anywhere keeps its folder: another JVM, another container sharing the temporary folder,
 * another filter in this JVM. A folder without a lock file (the file system cannot lock, or
 * the folder is someone else's) is never touched.
 * <p>
 * A sweep never opens the lock file of a folder of this process: POSIX releases all of a
 * process's locks on a file when it closes any descriptor of that file, so merely looking would
 * unlock a live folder for every other process. The process's id and start time in each folder's
 * name tell them apart, whatever class loader (a second web application, a devtools restart) made
 * the folder; the start time keeps a process that got a dead one's id (PID 1 in a restarted
 * container) from taking the dead one's folder for its own.
 */
final class LinkFolder implements Closeable {

	static final String PREFIX = "shareddata-links-";

	static final String LOCK_FILE = ".lock";

	/** Folders are built under this name and renamed when locked, so no sweep sees them unlocked. */
	private static final String STAGING_PREFIX = ".shareddata-new-";

	/** The start of the names of this process's folders, which a sweep must not open (see above). */
	private static final String OWN_PREFIX = ownPrefix(ProcessHandle.current());

	private final Path path;

	private final @Nullable FileChannel lockChannel;

	private LinkFolder(Path path, @Nullable FileChannel lockChannel) {
		this.path = path;
		this.lockChannel = lockChannel;
	}

	/**
	 * Deletes the abandoned folders below a parent folder, then creates a new one, readable by
	 * its owner only, and locks it.
	 * @param parent typically {@code java.io.tmpdir}
	 * @return the new folder
	 * @throws IOException when the folder cannot be created
	 */
	static LinkFolder create(Path parent) throws IOException {
		deleteAbandoned(parent);
		Path staging = Files.createTempDirectory(parent, STAGING_PREFIX);
		FileChannel lockChannel = lock(staging.resolve(LOCK_FILE));
		String name = OWN_PREFIX + staging.getFileName().toString().substring(STAGING_PREFIX.length());
		try {
			Path path = Files.move(staging, parent.resolve(name), StandardCopyOption.ATOMIC_MOVE);
			return new LinkFolder(path, lockChannel);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(lockChannel);
			deleteQuietly(staging.resolve(LOCK_FILE));
			deleteQuietly(staging);
			throw ex;
		}
	}

	private static String ownPrefix(ProcessHandle process) {
		String started = process.info().startInstant().map((start) -> start.toEpochMilli() + "-").orElse("");
		return PREFIX + process.pid() + "-" + started;
	}

	Path path() {
		return this.path;
	}

	/** Deletes the folder and what is left in it, and releases the lock. */
	@Override
	public void close() {
		deleteContentsAndFolder(this.path);
		closeQuietly(this.lockChannel);
	}

	/**
	 * A channel holding the lock on a new lock file; {@code null}, and no lock file, where the
	 * file system cannot lock: an unlocked lock file would invite a sweep to delete a live folder.
	 */
	private static @Nullable FileChannel lock(Path lockFile) {
		FileChannel channel = null;
		try {
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			if (channel.tryLock() != null) {
				return channel;
			}
		}
		catch (IOException | UnsupportedOperationException | OverlappingFileLockException ex) {
			// Not lockable here: the folder works, it is just never cleaned up after a crash.
		}
		closeQuietly(channel);
		deleteQuietly(lockFile);
		return null;
	}

	private static void deleteAbandoned(Path parent) {
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent, PREFIX + "*")) {
			for (Path folder : folders) {
				if (!folder.getFileName().toString().startsWith(OWN_PREFIX)
						&& Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
					deleteIfAbandoned(folder);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Cleaning up is a courtesy: a folder that cannot be listed or read is left as it is.
		}
	}

	private static void deleteIfAbandoned(Path folder) {
		Path lockFile = folder.resolve(LOCK_FILE);
		if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				// Its owner is gone, and while this process holds the lock no one else deletes it.
				deleteContentsAndFolder(folder);
			}
		}
		catch (IOException | OverlappingFileLockException ex) {
			// Not ours to open.
		}
	}

	/** The links, then the lock file, then the folder; a symbolic link is deleted, never followed. */
	private static void deleteContentsAndFolder(Path folder) {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				if (!entry.getFileName().toString().equals(LOCK_FILE)) {
					deleteQuietly(entry);
				}
			}
		}
		catch (IOException ex) {
			// Gone already, or not readable: the folder's own deletion below fails too.
		}
		deleteQuietly(folder.resolve(LOCK_FILE));
		deleteQuietly(folder);
	}

	/** Deletes a file or an empty folder, leaving what cannot be deleted to the system's clean-up. */
	static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// Left for the system's temporary-file clean-up.
		}
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Closing releases the lock; a failure leaves nothing to do.
			}
		}
	}

}
