package io.shareddata.autoconfigure.files;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.shareddata.files.EtagStrategy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of shared data: folders, single files and classpath data served under URL
 * prefixes, werkzeug's {@code SharedDataMiddleware}.
 */
@ConfigurationProperties("shareddata.files")
public class FilesProperties {

	/**
	 * Whether to serve shared data. The filter is registered only when at least one export
	 * is configured.
	 */
	private boolean enabled = true;

	/**
	 * Exports, tried in this order: the first that yields a regular file serves it.
	 */
	private List<Export> exports = new ArrayList<>();

	/**
	 * Comma-separated list of fnmatch patterns (*, ?, [seq], [!seq]; case ignored) of files
	 * not to serve. A pattern without '/' is matched against every path segment below the
	 * export, a pattern with '/' against the whole path below the export.
	 */
	private List<String> disallow = new ArrayList<>();

	/**
	 * Whether to serve files and directories whose name starts with a dot.
	 */
	private boolean serveHidden = false;

	/**
	 * Whether to send ETag, Expires and a max-age, and to answer conditional requests.
	 */
	private boolean cache = true;

	/**
	 * How long clients and shared caches may reuse a file (Cache-Control max-age and Expires).
	 */
	private Duration cacheTimeout = Duration.ofHours(12);

	/**
	 * Content-Type of files whose type cannot be guessed from their name.
	 */
	private String fallbackMimetype = "application/octet-stream";

	/**
	 * How entity tags are computed: from the file's bytes, or from its size and modification
	 * time.
	 */
	private EtagStrategy etag = EtagStrategy.CONTENT;

	/**
	 * Regular expression matched against file names that never change because their name
	 * carries a fingerprint; they are sent with 'Cache-Control: max-age=31536000, public,
	 * immutable'. The default takes a segment of 8 or more hex digits with at least one letter
	 * ('app.3f9a1c2b.js'), not decimal dates or numbers ('report-20261121.pdf'). Empty to
	 * disable.
	 */
	private String immutablePattern = "(?:.*[.-])?(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}(?:[.-].*)?";

	/**
	 * Whether to serve a precompressed sibling ('name.br', 'name.gz') to clients that accept
	 * its encoding.
	 */
	private boolean precompressed = true;

	/**
	 * File served for a directory path ending in '/', such as 'index.html'. A directory path
	 * without the slash is redirected to it. Not set: directories fall through.
	 */
	private @Nullable String indexFile;

	/**
	 * How long a file's cached metadata is trusted before the file system is checked again.
	 * Zero checks on every request.
	 */
	private Duration refreshInterval = Duration.ofSeconds(2);

	/**
	 * Order of the shared-data filter in the filter chain.
	 */
	private int order = -50; // SharedDataFilterOrder.FILES

	private final MemoryCache memoryCache = new MemoryCache();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Export> getExports() {
		return this.exports;
	}

	public void setExports(List<Export> exports) {
		this.exports = exports;
	}

	public List<String> getDisallow() {
		return this.disallow;
	}

	public void setDisallow(List<String> disallow) {
		this.disallow = disallow;
	}

	public boolean isServeHidden() {
		return this.serveHidden;
	}

	public void setServeHidden(boolean serveHidden) {
		this.serveHidden = serveHidden;
	}

	public boolean isCache() {
		return this.cache;
	}

	public void setCache(boolean cache) {
		this.cache = cache;
	}

	public Duration getCacheTimeout() {
		return this.cacheTimeout;
	}

	public void setCacheTimeout(Duration cacheTimeout) {
		this.cacheTimeout = cacheTimeout;
	}

	public String getFallbackMimetype() {
		return this.fallbackMimetype;
	}

	public void setFallbackMimetype(String fallbackMimetype) {
		this.fallbackMimetype = fallbackMimetype;
	}

	public EtagStrategy getEtag() {
		return this.etag;
	}

	public void setEtag(EtagStrategy etag) {
		this.etag = etag;
	}

	public String getImmutablePattern() {
		return this.immutablePattern;
	}

	public void setImmutablePattern(String immutablePattern) {
		this.immutablePattern = immutablePattern;
	}

	public boolean isPrecompressed() {
		return this.precompressed;
	}

	public void setPrecompressed(boolean precompressed) {
		this.precompressed = precompressed;
	}

	public @Nullable String getIndexFile() {
		return this.indexFile;
	}

	public void setIndexFile(@Nullable String indexFile) {
		this.indexFile = indexFile;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	public MemoryCache getMemoryCache() {
		return this.memoryCache;
	}

	/**
	 * One export: a URL prefix and where its files come from.
	 */
	public static class Export {

		/**
		 * URL prefix, starting with '/'; '/' mounts at the root.
		 */
		private @Nullable String path;

		/**
		 * Folder or single file to serve: 'file:' (relative to the working directory) or
		 * 'classpath:'.
		 */
		private @Nullable String location;

		/**
		 * File inside this export, such as '/index.html', sent with status 200 for a
		 * single-page application's client-side routes: GET requests under the export that
		 * accept text/html, have no file extension, and get a 404 from the application.
		 */
		private @Nullable String spaFallback;

		public @Nullable String getSpaFallback() {
			return this.spaFallback;
		}

		public void setSpaFallback(@Nullable String spaFallback) {
			this.spaFallback = spaFallback;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable String getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable String location) {
			this.location = location;
		}

	}

	/**
	 * Small files served from memory.
	 */
	public static class MemoryCache {

		/**
		 * Largest file kept in memory; larger files are sent from disk, zero-copy where the
		 * container supports it.
		 */
		private DataSize maxFileSize = DataSize.ofKilobytes(64);

		/**
		 * Bound on the bytes of all files kept in memory.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(16);

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

}
