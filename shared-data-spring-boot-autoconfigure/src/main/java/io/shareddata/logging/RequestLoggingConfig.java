package io.shareddata.logging;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.PeerClientAddressResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;

/**
 * Settings of a {@link RequestLoggingFilter}; build one with {@link #builder()}. The
 * auto-configuration validates the values it reads from {@code shareddata.request-logging.*}
 * before building this.
 */
public final class RequestLoggingConfig {

	/**
	 * Headers whose values are never logged, whatever the configuration says.
	 */
	public static final Set<String> ALWAYS_MASKED_HEADERS = Set.of("Authorization", "Proxy-Authorization", "Cookie",
			"Set-Cookie");

	private final RequestLogFormat format;

	private final boolean includeQuery;

	private final boolean logStart;

	private final List<String> headers;

	private final Set<String> maskedHeaders;

	private final String requestIdHeader;

	private final String mdcKey;

	private final List<PathPattern> exclude;

	private final @Nullable Duration slowThreshold;

	private final String loggerName;

	private final int maxValueLength;

	private final ClientAddressResolver clientAddressResolver;

	private RequestLoggingConfig(Builder builder) {
		this.format = builder.format;
		this.includeQuery = builder.includeQuery;
		this.logStart = builder.logStart;
		this.headers = List.copyOf(builder.headers);
		TreeSet<String> masked = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		masked.addAll(ALWAYS_MASKED_HEADERS);
		masked.addAll(builder.maskedHeaders);
		this.maskedHeaders = masked;
		this.requestIdHeader = builder.requestIdHeader;
		this.mdcKey = builder.mdcKey;
		this.exclude = List.copyOf(builder.exclude);
		this.slowThreshold = builder.slowThreshold;
		this.loggerName = builder.loggerName;
		this.maxValueLength = builder.maxValueLength;
		this.clientAddressResolver = builder.clientAddressResolver;
	}

	/**
	 * Returns a builder with the defaults: text format, no query, no start line, no headers,
	 * {@code X-Request-Id} and MDC key {@code requestId}, no exclusions, no slow threshold,
	 * logger {@code io.shareddata.request}, values capped at 1024 characters, and the TCP peer
	 * as client address.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	RequestLogFormat format() {
		return this.format;
	}

	boolean includeQuery() {
		return this.includeQuery;
	}

	boolean logStart() {
		return this.logStart;
	}

	List<String> headers() {
		return this.headers;
	}

	boolean isMasked(String header) {
		return this.maskedHeaders.contains(header);
	}

	String requestIdHeader() {
		return this.requestIdHeader;
	}

	String mdcKey() {
		return this.mdcKey;
	}

	List<PathPattern> exclude() {
		return this.exclude;
	}

	@Nullable Duration slowThreshold() {
		return this.slowThreshold;
	}

	String loggerName() {
		return this.loggerName;
	}

	int maxValueLength() {
		return this.maxValueLength;
	}

	ClientAddressResolver clientAddressResolver() {
		return this.clientAddressResolver;
	}

	/**
	 * Builds a {@link RequestLoggingConfig}.
	 */
	public static final class Builder {

		private RequestLogFormat format = RequestLogFormat.TEXT;

		private boolean includeQuery;

		private boolean logStart;

		private Collection<String> headers = List.of();

		private Collection<String> maskedHeaders = List.of();

		private String requestIdHeader = "X-Request-Id";

		private String mdcKey = "requestId";

		private Collection<PathPattern> exclude = List.of();

		private @Nullable Duration slowThreshold;

		private String loggerName = "io.shareddata.request";

		private int maxValueLength = 1024;

		private ClientAddressResolver clientAddressResolver = new PeerClientAddressResolver();

		private Builder() {
		}

		/**
		 * Sets the format of the log line.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(RequestLogFormat format) {
			this.format = format;
			return this;
		}

		/**
		 * Sets whether the query string is logged with the path.
		 * @param includeQuery whether to log the query
		 * @return this builder
		 */
		public Builder includeQuery(boolean includeQuery) {
			this.includeQuery = includeQuery;
			return this;
		}

		/**
		 * Sets whether a line is also written when a request arrives.
		 * @param logStart whether to log the start
		 * @return this builder
		 */
		public Builder logStart(boolean logStart) {
			this.logStart = logStart;
			return this;
		}

		/**
		 * Sets the request headers to log, by name.
		 * @param headers the header names
		 * @return this builder
		 */
		public Builder headers(Collection<String> headers) {
			this.headers = headers;
			return this;
		}

		/**
		 * Sets further headers to mask, on top of {@link #ALWAYS_MASKED_HEADERS}.
		 * @param maskedHeaders the header names
		 * @return this builder
		 */
		public Builder maskedHeaders(Collection<String> maskedHeaders) {
			this.maskedHeaders = maskedHeaders;
			return this;
		}

		/**
		 * Sets the header that carries the request id, in and out.
		 * @param requestIdHeader the header name
		 * @return this builder
		 */
		public Builder requestIdHeader(String requestIdHeader) {
			this.requestIdHeader = requestIdHeader;
			return this;
		}

		/**
		 * Sets the MDC key under which the request id is available while the request runs.
		 * @param mdcKey the MDC key
		 * @return this builder
		 */
		public Builder mdcKey(String mdcKey) {
			this.mdcKey = mdcKey;
			return this;
		}

		/**
		 * Sets the patterns of paths (within the application) not to log.
		 * @param exclude the patterns
		 * @return this builder
		 */
		public Builder exclude(Collection<PathPattern> exclude) {
			this.exclude = exclude;
			return this;
		}

		/**
		 * Sets the duration from which a request is logged at WARN.
		 * @param slowThreshold the threshold, or {@code null} to always log at INFO
		 * @return this builder
		 */
		public Builder slowThreshold(@Nullable Duration slowThreshold) {
			this.slowThreshold = slowThreshold;
			return this;
		}

		/**
		 * Sets the name of the logger the lines are written to.
		 * @param loggerName the logger name
		 * @return this builder
		 */
		public Builder loggerName(String loggerName) {
			this.loggerName = loggerName;
			return this;
		}

		/**
		 * Sets the maximum length of a logged value, after escaping.
		 * @param maxValueLength the maximum length
		 * @return this builder
		 */
		public Builder maxValueLength(int maxValueLength) {
			this.maxValueLength = maxValueLength;
			return this;
		}

		/**
		 * Sets the component that decides the client address.
		 * @param clientAddressResolver the resolver
		 * @return this builder
		 */
		public Builder clientAddressResolver(ClientAddressResolver clientAddressResolver) {
			this.clientAddressResolver = clientAddressResolver;
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 */
		public RequestLoggingConfig build() {
			return new RequestLoggingConfig(this);
		}

	}

}
