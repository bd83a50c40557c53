package io.shareddata.files;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.util.Assert;

/**
 * How a {@link SharedDataFilter} serves files. Defaults follow werkzeug (12 hour caching,
 * {@code application/octet-stream} fallback) plus what its users asked for.
 */
public final class SharedDataOptions {

	/**
	 * The default pattern of fingerprinted file names: a segment of 8 or more hex digits with at
	 * least one letter among them. A segment of decimal digits alone is a date or a number
	 * ({@code report-20261121.pdf}, {@code invoice-12345678.pdf}), whose file may well be
	 * replaced: cached for a year as immutable, a new version would never reach a browser. A
	 * hash that happens to have no letter just gets the ordinary cache timeout.
	 */
	public static final String DEFAULT_IMMUTABLE_PATTERN = "(?:.*[.-])?(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}(?:[.-].*)?";

	private final FileAccessPolicy accessPolicy;

	private final boolean cache;

	private final Duration cacheTimeout;

	private final MediaType fallbackMimetype;

	private final EtagStrategy etagStrategy;

	private final Duration refreshInterval;

	private final long memoryCacheMaxFileSize;

	private final long memoryCacheMaxSize;

	private final @Nullable Pattern immutablePattern;

	private final boolean precompressed;

	private final @Nullable String indexFile;

	private SharedDataOptions(Builder builder) {
		this.accessPolicy = builder.accessPolicy;
		this.cache = builder.cache;
		this.cacheTimeout = builder.cacheTimeout;
		this.fallbackMimetype = builder.fallbackMimetype;
		this.etagStrategy = builder.etagStrategy;
		this.refreshInterval = builder.refreshInterval;
		this.memoryCacheMaxFileSize = builder.memoryCacheMaxFileSize;
		this.memoryCacheMaxSize = builder.memoryCacheMaxSize;
		this.immutablePattern = builder.immutablePattern;
		this.precompressed = builder.precompressed;
		this.indexFile = builder.indexFile;
	}

	/**
	 * Starts building options from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the default options.
	 * @return the defaults
	 */
	public static SharedDataOptions defaults() {
		return builder().build();
	}

	FileAccessPolicy accessPolicy() {
		return this.accessPolicy;
	}

	boolean cache() {
		return this.cache;
	}

	Duration cacheTimeout() {
		return this.cacheTimeout;
	}

	MediaType fallbackMimetype() {
		return this.fallbackMimetype;
	}

	EtagStrategy etagStrategy() {
		return this.etagStrategy;
	}

	Duration refreshInterval() {
		return this.refreshInterval;
	}

	long memoryCacheMaxFileSize() {
		return this.memoryCacheMaxFileSize;
	}

	long memoryCacheMaxSize() {
		return this.memoryCacheMaxSize;
	}

	@Nullable Pattern immutablePattern() {
		return this.immutablePattern;
	}

	boolean precompressed() {
		return this.precompressed;
	}

	@Nullable String indexFile() {
		return this.indexFile;
	}

	/**
	 * Builds {@link SharedDataOptions}.
	 */
	public static final class Builder {

		private FileAccessPolicy accessPolicy = new DisallowRulesPolicy(List.of(), false);

		private boolean cache = true;

		private Duration cacheTimeout = Duration.ofHours(12);

		private MediaType fallbackMimetype = MediaType.APPLICATION_OCTET_STREAM;

		private EtagStrategy etagStrategy = EtagStrategy.CONTENT;

		private Duration refreshInterval = Duration.ofSeconds(2);

		private long memoryCacheMaxFileSize = 64 * 1024;

		private long memoryCacheMaxSize = 16 * 1024 * 1024;

		private @Nullable Pattern immutablePattern = Pattern.compile(DEFAULT_IMMUTABLE_PATTERN);

		private boolean precompressed = true;

		private @Nullable String indexFile;

		private Builder() {
		}

		/**
		 * Sets which found files may be served.
		 * @param accessPolicy the policy
		 * @return this builder
		 */
		public Builder accessPolicy(FileAccessPolicy accessPolicy) {
			this.accessPolicy = accessPolicy;
			return this;
		}

		/**
		 * Sets whether to send validators and freshness headers and answer conditional requests.
		 * @param cache whether caching is on
		 * @return this builder
		 */
		public Builder cache(boolean cache) {
			this.cache = cache;
			return this;
		}

		/**
		 * Sets how long clients and shared caches may reuse a file.
		 * @param cacheTimeout the max-age, zero or positive
		 * @return this builder
		 */
		public Builder cacheTimeout(Duration cacheTimeout) {
			Assert.isTrue(!cacheTimeout.isNegative(), "cacheTimeout must not be negative");
			this.cacheTimeout = cacheTimeout;
			return this;
		}

		/**
		 * Sets the Content-Type of files whose type cannot be guessed from their name.
		 * @param fallbackMimetype the media type
		 * @return this builder
		 */
		public Builder fallbackMimetype(MediaType fallbackMimetype) {
			this.fallbackMimetype = fallbackMimetype;
			return this;
		}

		/**
		 * Sets how entity tags are computed.
		 * @param etagStrategy the strategy
		 * @return this builder
		 */
		public Builder etagStrategy(EtagStrategy etagStrategy) {
			this.etagStrategy = etagStrategy;
			return this;
		}

		/**
		 * Sets how long a file's cached metadata is trusted before the file system is checked
		 * again; zero checks on every request.
		 * @param refreshInterval the interval, zero or positive
		 * @return this builder
		 */
		public Builder refreshInterval(Duration refreshInterval) {
			Assert.isTrue(!refreshInterval.isNegative(), "refreshInterval must not be negative");
			this.refreshInterval = refreshInterval;
			return this;
		}

		/**
		 * Sets the largest file kept in memory and the bound on all bytes kept in memory.
		 * @param maxFileSize the largest file, in bytes
		 * @param maxSize all bytes, in bytes
		 * @return this builder
		 */
		public Builder memoryCache(long maxFileSize, long maxSize) {
			Assert.isTrue(maxFileSize >= 0 && maxSize >= 0, "memory cache sizes must not be negative");
			this.memoryCacheMaxFileSize = maxFileSize;
			this.memoryCacheMaxSize = maxSize;
			return this;
		}

		/**
		 * Sets the pattern of file names that never change (fingerprinted), or {@code null} for none.
		 * @param immutablePattern a regular expression matched against the whole file name
		 * @return this builder
		 */
		public Builder immutablePattern(@Nullable Pattern immutablePattern) {
			this.immutablePattern = immutablePattern;
			return this;
		}

		/**
		 * Sets whether precompressed {@code .br} and {@code .gz} siblings are served.
		 * @param precompressed whether to serve them
		 * @return this builder
		 */
		public Builder precompressed(boolean precompressed) {
			this.precompressed = precompressed;
			return this;
		}

		/**
		 * Sets the file served for a directory path ending in {@code /}, or {@code null} for none.
		 * @param indexFile a plain file name such as {@code index.html}
		 * @return this builder
		 */
		public Builder indexFile(@Nullable String indexFile) {
			Assert.isTrue(indexFile == null || (!indexFile.contains("/") && SafeRelativePath.isSafe(indexFile)),
					"indexFile must be a plain file name");
			this.indexFile = indexFile;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public SharedDataOptions build() {
			return new SharedDataOptions(this);
		}

	}

}
