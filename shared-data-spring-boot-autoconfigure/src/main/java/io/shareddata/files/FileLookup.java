package io.shareddata.files;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * Answers "what does this request path serve?" for a list of exports, and remembers the answer.
 * <p>
 * The answer for a path (a file version, a redirect to the directory's slash form, or nothing)
 * is kept for the refresh interval, so a repeated request costs one map lookup and no file
 * system call. After the interval the path is resolved again and a file whose metadata is
 * unchanged keeps its version (no re-hash, no re-read). Misses are remembered too, so
 * requests that fall through to the application do not touch the disk either; the map is
 * bounded, because request paths come from the network. Requests that come together for a
 * path being resolved wait for that answer, so a file is read and hashed once.
 */
final class FileLookup {

	/**
	 * Bound on remembered paths, because request paths come from the network. Past it the
	 * misses and redirects are forgotten first; the map starts over only when the files alone
	 * fill half of it.
	 */
	static final int MAX_ENTRIES = 10_000;

	private static final String[][] CODINGS = { { "br", ".br" }, { "gzip", ".gz" } };

	private final List<Export> exports;

	private final FileAccessPolicy policy;

	private final FileVersions versions;

	private final long refreshNanos;

	private final boolean precompressed;

	private final @Nullable String indexFile;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, CompletableFuture<Resolution>> flights = new ConcurrentHashMap<>();

	FileLookup(List<Export> exports, SharedDataOptions options, FileVersions versions) {
		this.exports = List.copyOf(exports);
		this.policy = options.accessPolicy();
		this.versions = versions;
		this.refreshNanos = options.refreshInterval().toNanos();
		this.precompressed = options.precompressed();
		this.indexFile = options.indexFile();
	}

	/**
	 * Returns what a request path serves.
	 * @param path the decoded request path within the application
	 * @return the resolution, {@link Resolution#NONE} to fall through
	 */
	Resolution find(String path) {
		Entry entry = this.entries.get(path);
		if (entry != null && System.nanoTime() - entry.checkedAt < this.refreshNanos) {
			return entry.resolution;
		}
		// One flight per path: requests that come together for a file not yet known (or due
		// for a refresh) wait for the first one's answer instead of each reading and hashing
		// the file, which for a large file would let a client multiply disk and CPU work.
		// Waiting costs a waiter nothing, however large the file: the work it would have done
		// is the same work, started earlier. Only paths being resolved right now have a
		// flight, so the map holds at most one per request thread.
		CompletableFuture<Resolution> flight = new CompletableFuture<>();
		CompletableFuture<Resolution> ahead = this.flights.putIfAbsent(path, flight);
		if (ahead != null) {
			return awaitLanding(ahead);
		}
		Resolution resolution = Resolution.NONE;
		try {
			resolution = resolveAndRemember(path);
		}
		finally {
			// Also when resolving threw: its waiters fall through, and the next request tries again.
			this.flights.remove(path, flight);
			flight.complete(resolution);
		}
		return resolution;
	}

	private static Resolution awaitLanding(CompletableFuture<Resolution> flight) {
		try {
			return flight.get();
		}
		catch (InterruptedException ex) {
			// As a read of its own would have failed: keep the interrupt and fall through.
			Thread.currentThread().interrupt();
			return Resolution.NONE;
		}
		catch (ExecutionException ex) {
			// Not reached: a flight always lands with a resolution.
			return Resolution.NONE;
		}
	}

	private Resolution resolveAndRemember(String path) {
		Entry entry = this.entries.get(path);
		long now = System.nanoTime();
		if (entry != null && now - entry.checkedAt < this.refreshNanos) {
			// Remembered by a flight that landed after this request's first look.
			return entry.resolution;
		}
		Resolution resolution = resolve(path, (entry != null) ? entry.resolution.file() : null);
		if (entry != null && entry.resolution.equals(resolution)) {
			entry.checkedAt = now;
			return resolution;
		}
		remember(path, new Entry(resolution, now));
		return resolution;
	}

	/**
	 * Forgets a version that turned out to have changed since it was resolved, so that the
	 * next request resolves the path again. Does nothing when the path already has another
	 * answer: requests that found the same version replaced must not each forget (and
	 * build again) the version the first of them built.
	 * @param path the request path
	 * @param stale the version found replaced
	 */
	void forget(String path, FileVersion stale) {
		Entry entry = this.entries.get(path);
		if (entry != null && entry.resolution.file() == stale && this.entries.remove(path, entry)) {
			release(entry);
		}
	}

	private void remember(String path, Entry entry) {
		if (this.entries.size() >= MAX_ENTRIES) {
			// Hostile misses must not cost the files their versions: those would be read and
			// hashed again. Half the map stays free, so the next sweep is thousands of misses away.
			this.entries.values().removeIf((remembered) -> remembered.resolution.file() == null);
			if (this.entries.size() >= MAX_ENTRIES / 2) {
				this.entries.values().forEach(this::release);
				this.entries.clear();
			}
		}
		Entry previous = this.entries.put(path, entry);
		if (previous != null && previous.resolution.file() != entry.resolution.file()) {
			release(previous);
		}
	}

	private void release(Entry entry) {
		FileVersion file = entry.resolution.file();
		if (file != null) {
			this.versions.release(file);
		}
	}

	private Resolution resolve(String path, @Nullable FileVersion previous) {
		for (Export export : this.exports) {
			String relative = export.relativePathOf(path);
			if (relative == null) {
				continue;
			}
			Found found;
			if (path.endsWith("/")) {
				// A directory's slash form: only its index file can answer.
				if (this.indexFile == null) {
					continue;
				}
				found = findAllowed(export, inDirectory(relative.isEmpty() ? "" : relative.substring(0, relative.length() - 1)));
			}
			else {
				found = findAllowed(export, relative);
				if (found == null && this.indexFile != null && isServable(findAllowed(export, inDirectory(relative)))) {
					// "/docs" -> "docs/": relative to the request, so it survives any proxy prefix.
					return Resolution.redirect(encodedSegment(path.substring(path.lastIndexOf('/') + 1)) + "/");
				}
			}
			if (found == Found.DENIED) {
				// werkzeug: a disallowed file is not looked for in later exports.
				return Resolution.NONE;
			}
			if (found != null) {
				return versionOf(found, previous);
			}
		}
		return Resolution.NONE;
	}

	/**
	 * The decoded name of a folder as a relative URL: {@code q?a} would be read as the path
	 * {@code q} with a query, and {@code a;b} as {@code a} with a path parameter.
	 */
	private static String encodedSegment(String name) {
		return UriUtils.encodePathSegment(name, StandardCharsets.UTF_8).replace(";", "%3B");
	}

	private String inDirectory(String directory) {
		return directory.isEmpty() ? this.indexFile : directory + "/" + this.indexFile;
	}

	private static boolean isServable(@Nullable Found found) {
		return found != null && found != Found.DENIED;
	}

	private Resolution versionOf(Found found, @Nullable FileVersion previous) {
		if (previous != null && found.isSameAs(previous)) {
			return Resolution.of(previous);
		}
		try {
			return Resolution.of(this.versions.build(found.file(), found.variants()));
		}
		catch (UncheckedIOException ex) {
			// Found a moment ago, unreadable now (removed, permissions changed): the application answers.
			return Resolution.NONE;
		}
	}

	private @Nullable Found findAllowed(Export export, String relative) {
		StoredFile file = export.source().find(relative);
		if (file == null) {
			return null;
		}
		if (!isAllowed(export, relative.isEmpty() ? file.realRelativePath() : relative, file)) {
			return Found.DENIED;
		}
		List<FileVersions.Variant> variants = new ArrayList<>(2);
		if (this.precompressed && !relative.isEmpty()) {
			for (String[] coding : CODINGS) {
				String name = relative + coding[1];
				StoredFile variant = export.source().find(name);
				if (variant != null && isAllowed(export, name, variant)) {
					variants.add(new FileVersions.Variant(variant, coding[0]));
				}
			}
		}
		return new Found(file, List.copyOf(variants));
	}

	private boolean isAllowed(Export export, String requested, StoredFile file) {
		if (!isAllowedName(export, requested)) {
			return false;
		}
		String real = file.realRelativePath();
		return real.equals(requested) || isAllowedName(export, real);
	}

	/** A precompressed file is hidden whenever its original would be. */
	private boolean isAllowedName(Export export, String relative) {
		if (!this.policy.isAllowed(export.path(), relative)) {
			return false;
		}
		if (this.precompressed) {
			for (String[] coding : CODINGS) {
				if (relative.endsWith(coding[1]) && relative.length() > coding[1].length()) {
					return isAllowedName(export, relative.substring(0, relative.length() - coding[1].length()));
				}
			}
		}
		return true;
	}

	private static final class Entry {

		private final Resolution resolution;

		private volatile long checkedAt;

		Entry(Resolution resolution, long checkedAt) {
			this.resolution = resolution;
			this.checkedAt = checkedAt;
		}

	}

	/**
	 * A file found and allowed, with its variants, before any version is built.
	 */
	private record Found(StoredFile file, List<FileVersions.Variant> variants) {

		static final Found DENIED = new Found(new StoredFile("", "", -1, -1, null, null, null), List.of());

		boolean isSameAs(FileVersion version) {
			if (!this.file.isSameVersionAs(version.stored()) || this.variants.size() != version.variants().size()) {
				return false;
			}
			for (int i = 0; i < this.variants.size(); i++) {
				FileVersion known = version.variants().get(i);
				FileVersions.Variant found = this.variants.get(i);
				if (!found.coding().equals(known.contentCoding()) || !found.file().isSameVersionAs(known.stored())) {
					return false;
				}
			}
			return true;
		}

	}

}
