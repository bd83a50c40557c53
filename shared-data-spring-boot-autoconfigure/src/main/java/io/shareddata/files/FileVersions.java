package io.shareddata.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;

/**
 * Builds {@link FileVersion}s: reads small files into memory (within the memory budget),
 * computes the entity tag, and prepares every header value.
 */
final class FileVersions {

	/** One year, the longest max-age RFC 9111 asks caches to honour. */
	private static final long IMMUTABLE_MAX_AGE_SECONDS = 31536000;

	private final SharedDataOptions options;

	private final ContentTypes contentTypes;

	private final MemoryBudget memory;

	private final String cacheControl;

	private final String immutableCacheControl;

	private final PinnedLinks links;

	private final Clock clock;

	FileVersions(SharedDataOptions options, MemoryBudget memory, PinnedLinks links, Clock clock) {
		this.options = options;
		this.links = links;
		this.clock = clock;
		this.contentTypes = new ContentTypes(options.fallbackMimetype());
		this.memory = memory;
		this.cacheControl = options.cache() ? CacheControl.maxAge(options.cacheTimeout()).cachePublic().getHeaderValue()
				: CacheControl.noCache().getHeaderValue();
		this.immutableCacheControl = CacheControl.maxAge(java.time.Duration.ofSeconds(IMMUTABLE_MAX_AGE_SECONDS))
			.cachePublic()
			.immutable()
			.getHeaderValue();
	}

	/**
	 * Builds the version of an original file and its precompressed variants.
	 * @param file the original
	 * @param variants the variants, best first, each with its content coding
	 * @return the version
	 * @throws UncheckedIOException if a file could not be read; whatever was reserved for the
	 * files read before it has been given back
	 */
	FileVersion build(StoredFile file, List<Variant> variants) {
		String contentType = this.contentTypes.contentTypeOf(file.fileName());
		String cacheControl = isImmutable(file.fileName()) ? this.immutableCacheControl : this.cacheControl;
		List<FileVersion> variantVersions = new ArrayList<>(variants.size());
		try {
			for (Variant variant : variants) {
				variantVersions.add(version(variant.file(), contentType, cacheControl, variant.coding(), List.of()));
			}
			return version(file, contentType, cacheControl, null, List.copyOf(variantVersions));
		}
		catch (UncheckedIOException ex) {
			variantVersions.forEach(this::release);
			throw ex;
		}
	}

	private boolean isImmutable(String fileName) {
		Pattern pattern = this.options.immutablePattern();
		return this.options.cache() && pattern != null && pattern.matcher(fileName).matches();
	}

	private FileVersion version(StoredFile file, String contentType, String cacheControl, @Nullable String coding,
			List<FileVersion> variants) {
		byte[] body = null;
		if (file.length() <= this.options.memoryCacheMaxFileSize() && this.memory.tryReserve(file.length())) {
			body = readReserved(file);
			if (body.length != file.length()) {
				// Changed while we read it: serve it from disk this time, the next refresh will see the change.
				this.memory.release(file.length());
				body = null;
			}
		}
		// Reads the disk only when the body is not in memory, so a failure here has nothing reserved.
		String etag = (this.options.etagStrategy() == EtagStrategy.CONTENT) ? contentEtag(file, body)
				: metadataEtag(file);
		// A link for every version on disk that may go to sendfile: all that are not in memory, and
		// those in memory that are long enough for sendfile to beat copying (see BodyWriter)
		boolean linkable = file.path() != null
				&& (body == null || file.length() >= BodyWriter.SENDFILE_MIN_LENGTH);
		PinnedLink pinnedLink = linkable ? new PinnedLink(this.links, file) : null;
		// RFC 9110 8.8.2.1: never later than the response's Date. A time in the future (a build
		// host with a skewed clock) would make If-Modified-Since answer 304 to every new version.
		long lastModified = Math.min(file.lastModified(), this.clock.millis());
		return new FileVersion(file, contentType, etag, lastModified, HttpDates.format(lastModified), cacheControl,
				body, coding, variants, pinnedLink);
	}

	/**
	 * Gives back what a version that is no longer served holds: its memory and its links.
	 * @param version the version
	 */
	void release(FileVersion version) {
		this.memory.release(version.memoryBytes());
		retireLinks(version);
	}

	private static void retireLinks(FileVersion version) {
		if (version.pinnedLink() != null) {
			version.pinnedLink().retire();
		}
		version.variants().forEach(FileVersions::retireLinks);
	}

	/** Reads a file whose length is reserved in the budget, giving the reservation back if that fails. */
	private byte[] readReserved(StoredFile file) {
		try (InputStream in = file.open()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			this.memory.release(file.length());
			throw new UncheckedIOException(ex);
		}
	}

	private static String metadataEtag(StoredFile file) {
		return "\"" + Long.toHexString(file.lastModified()) + "-" + Long.toHexString(file.length()) + "\"";
	}

	private static String contentEtag(StoredFile file, byte @Nullable [] body) {
		MessageDigest digest = sha256();
		if (body != null) {
			digest.update(body);
		}
		else {
			try (InputStream in = file.open()) {
				byte[] buffer = new byte[64 * 1024];
				int read;
				while ((read = in.read(buffer)) != -1) {
					digest.update(buffer, 0, read);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		// 144 bits of SHA-256 are plenty to tell versions apart and keep the header short.
		byte[] hash = digest.digest();
		return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18)) + "\"";
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * A precompressed sibling of a file.
	 *
	 * @param file the sibling
	 * @param coding its content coding
	 */
	record Variant(StoredFile file, String coding) {
	}

}
