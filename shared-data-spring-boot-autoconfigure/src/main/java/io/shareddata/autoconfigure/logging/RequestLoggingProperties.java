package io.shareddata.autoconfigure.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.shareddata.logging.RequestLogFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for request logging.
 */
@ConfigurationProperties("shareddata.request-logging")
public class RequestLoggingProperties {

	/**
	 * Whether to log one line per request.
	 */
	private boolean enabled;

	/**
	 * Order of the request logging filter.
	 */
	private int order = -2147483638; // SharedDataFilterOrder.REQUEST_LOGGING

	/**
	 * Format of the line logged for each request.
	 */
	private RequestLogFormat format = RequestLogFormat.TEXT;

	/**
	 * Whether to log the query string with the path.
	 */
	private boolean includeQuery;

	/**
	 * Whether to also log an "Incoming request" line when a request arrives.
	 */
	private boolean logStart;

	/**
	 * Comma-separated list of request headers to log. Authorization, Proxy-Authorization,
	 * Cookie and Set-Cookie are always masked.
	 */
	private List<String> headers = new ArrayList<>();

	/**
	 * Comma-separated list of further headers whose values are masked when logged.
	 */
	private List<String> maskedHeaders = new ArrayList<>();

	/**
	 * Comma-separated list of path patterns, matched on the path within the application, of
	 * requests not to log.
	 */
	private List<String> exclude = new ArrayList<>();

	/**
	 * Duration from which a request is logged at WARN instead of INFO.
	 */
	private @Nullable Duration slowThreshold;

	/**
	 * Name of the logger the lines are written to.
	 */
	private String logger = "io.shareddata.request";

	/**
	 * Maximum length of a logged value, after escaping; longer values are truncated.
	 */
	private int maxValueLength = 1024;

	/**
	 * Request id taken from or added to each request.
	 */
	private final RequestId requestId = new RequestId();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	public RequestLogFormat getFormat() {
		return this.format;
	}

	public void setFormat(RequestLogFormat format) {
		this.format = format;
	}

	public boolean isIncludeQuery() {
		return this.includeQuery;
	}

	public void setIncludeQuery(boolean includeQuery) {
		this.includeQuery = includeQuery;
	}

	public boolean isLogStart() {
		return this.logStart;
	}

	public void setLogStart(boolean logStart) {
		this.logStart = logStart;
	}

	public List<String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(List<String> headers) {
		this.headers = headers;
	}

	public List<String> getMaskedHeaders() {
		return this.maskedHeaders;
	}

	public void setMaskedHeaders(List<String> maskedHeaders) {
		this.maskedHeaders = maskedHeaders;
	}

	public List<String> getExclude() {
		return this.exclude;
	}

	public void setExclude(List<String> exclude) {
		this.exclude = exclude;
	}

	public @Nullable Duration getSlowThreshold() {
		return this.slowThreshold;
	}

	public void setSlowThreshold(@Nullable Duration slowThreshold) {
		this.slowThreshold = slowThreshold;
	}

	public String getLogger() {
		return this.logger;
	}

	public void setLogger(String logger) {
		this.logger = logger;
	}

	public int getMaxValueLength() {
		return this.maxValueLength;
	}

	public void setMaxValueLength(int maxValueLength) {
		this.maxValueLength = maxValueLength;
	}

	public RequestId getRequestId() {
		return this.requestId;
	}

	/**
	 * Request id properties.
	 */
	public static class RequestId {

		/**
		 * Name of the header that carries the request id in the request and the response.
		 */
		private String header = "X-Request-Id";

		/**
		 * MDC key under which the request id is available while the request runs.
		 */
		private String mdcKey = "requestId";

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public String getMdcKey() {
			return this.mdcKey;
		}

		public void setMdcKey(String mdcKey) {
			this.mdcKey = mdcKey;
		}

	}

}
