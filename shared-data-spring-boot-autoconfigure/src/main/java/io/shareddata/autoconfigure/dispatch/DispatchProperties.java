package io.shareddata.autoconfigure.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for dispatch mounts (werkzeug's {@code DispatcherMiddleware}).
 */
@ConfigurationProperties("shareddata.dispatch")
public class DispatchProperties {

	/**
	 * Whether to enable dispatch mounts. The filter is only registered when at least one
	 * mount is configured.
	 */
	private boolean enabled = true;

	/**
	 * List of mounts: path prefixes and what answers below them. The longest mount path that ends
	 * on a path segment boundary wins.
	 */
	private List<Mount> mounts = new ArrayList<>();

	/**
	 * Order of the dispatch filter in the servlet filter chain.
	 */
	private int order = -60; // SharedDataFilterOrder.DISPATCH

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Mount> getMounts() {
		return this.mounts;
	}

	public void setMounts(List<Mount> mounts) {
		this.mounts = mounts;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	/**
	 * One mount: a path and exactly one of servlet, forward or url.
	 */
	public static class Mount {

		/**
		 * Path prefix of the mount, starting with '/' and without a trailing '/', matched
		 * against the decoded, normalised request path within the application.
		 */
		private @Nullable String path;

		/**
		 * Name of a bean that answers the mount: a jakarta.servlet.Servlet (for example a
		 * second Spring MVC DispatcherServlet, initialised and destroyed by the mount) or a
		 * Spring HttpRequestHandler.
		 */
		private @Nullable String servlet;

		/**
		 * Path inside this application that requests under the mount are forwarded to,
		 * followed by the rest of the request path.
		 */
		private @Nullable String forward;

		/**
		 * Base URL (http or https) of another HTTP server that requests under the mount are
		 * proxied to, followed by the rest of the request path.
		 */
		private @Nullable String url;

		/**
		 * Time to wait for a connection to the url.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Longest time without progress: between two pieces of the request body sent to
		 * the url, then for its response headers, then for each further piece of its
		 * response body.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		/**
		 * Largest block of response headers from the url that is passed on, counted as the
		 * bytes of its header lines (name, ': ', value and CRLF each) once hop-by-hop headers
		 * are dropped and Location and Set-Cookie rewritten. A larger block answers 502 Bad
		 * Gateway, where the servlet container would answer 500 for headers beyond its own
		 * limit. Keep it below that limit (server.tomcat.max-http-response-header-size,
		 * server.jetty.max-http-response-header-size) by the status line and the headers the
		 * container and the filters around the mount add.
		 */
		private DataSize maxResponseHeaderSize = DataSize.ofKilobytes(6);

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable String getServlet() {
			return this.servlet;
		}

		public void setServlet(@Nullable String servlet) {
			this.servlet = servlet;
		}

		public @Nullable String getForward() {
			return this.forward;
		}

		public void setForward(@Nullable String forward) {
			this.forward = forward;
		}

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public DataSize getMaxResponseHeaderSize() {
			return this.maxResponseHeaderSize;
		}

		public void setMaxResponseHeaderSize(DataSize maxResponseHeaderSize) {
			this.maxResponseHeaderSize = maxResponseHeaderSize;
		}

	}

}
