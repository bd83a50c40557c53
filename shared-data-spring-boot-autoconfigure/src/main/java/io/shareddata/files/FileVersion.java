package io.shareddata.files;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One version of a served file with every response header value prepared, so that serving it
 * formats nothing. Built once per version by {@link FileVersions}.
 *
 * @param stored the file and its metadata
 * @param contentType the Content-Type value
 * @param etag the quoted strong ETag
 * @param lastModified the Last-Modified time in epoch milliseconds: the file's, or the time
 * the version was built when the file's lies in the future
 * @param lastModifiedHeader the Last-Modified value
 * @param cacheControl the Cache-Control value
 * @param body the file's bytes when kept in memory, else {@code null}
 * @param contentCoding the content coding of a precompressed variant ({@code br},
 * {@code gzip}), or {@code null} for the original
 * @param variants the precompressed variants of an original, best first
 * @param pinnedLink the private link a container's sendfile may open, for a version on disk
 * that is not in memory, else {@code null}
 */
record FileVersion(StoredFile stored, String contentType, String etag, long lastModified, String lastModifiedHeader,
		String cacheControl,
		byte @Nullable [] body, @Nullable String contentCoding, List<FileVersion> variants,
		@Nullable PinnedLink pinnedLink) {

	long length() {
		return this.stored.length();
	}

	/** Last-Modified at the one-second precision HTTP dates have. */
	long lastModifiedSeconds() {
		return this.lastModified / 1000;
	}

	boolean hasVariants() {
		return !this.variants.isEmpty();
	}

	/** Bytes this version and its variants keep in memory. */
	long memoryBytes() {
		long bytes = (this.body != null) ? this.body.length : 0;
		for (FileVersion variant : this.variants) {
			bytes += variant.memoryBytes();
		}
		return bytes;
	}

}
