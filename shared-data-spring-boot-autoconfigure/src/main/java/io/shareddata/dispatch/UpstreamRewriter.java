package io.shareddata.dispatch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Rewrites what an upstream server says about its own URLs ({@code Location} and the
 * {@code Path} of {@code Set-Cookie}) so that they point at the mount the client used:
 * upstream base {@code http://10.0.0.5:9000/base} seen through mount {@code /api} at context
 * path {@code /ctx} maps {@code /base/x} to {@code /ctx/api/x}.
 */
final class UpstreamRewriter {

	private final String scheme;

	private final String host;

	private final int port;

	private final String basePath;

	/**
	 * Creates a rewriter.
	 * @param base the upstream base URL (http or https, with host)
	 */
	UpstreamRewriter(URI base) {
		this.scheme = base.getScheme().toLowerCase(Locale.ROOT);
		this.host = base.getHost().toLowerCase(Locale.ROOT);
		this.port = port(this.scheme, base.getPort());
		this.basePath = UpstreamRewriter.basePath(base);
	}

	/**
	 * Returns the raw base path without a trailing slash: {@code ""} for the root.
	 * @param base the upstream base URL
	 * @return the base path
	 */
	static String basePath(URI base) {
		String path = (base.getRawPath() != null) ? base.getRawPath() : "";
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * Rewrites a {@code Location} that points into the upstream base; any other value is
	 * returned unchanged.
	 * @param location the upstream's value
	 * @param clientOrigin the client's {@code scheme://host[:port]}
	 * @param prefix the client's path to the mount, encoded ({@code /ctx/api})
	 * @return the value for the client
	 */
	String rewriteLocation(String location, String clientOrigin, String prefix) {
		URI uri;
		try {
			uri = new URI(location);
		}
		catch (URISyntaxException ex) {
			return location;
		}
		boolean absolute = uri.isAbsolute();
		if (absolute && !isUpstream(uri)) {
			return location;
		}
		if (!absolute && (uri.getRawAuthority() != null || uri.getRawPath() == null
				|| !uri.getRawPath().startsWith("/"))) {
			// Scheme-relative or path-relative: relative to the client's URL already.
			return location;
		}
		// An absolute URL with an empty path names the root: http://host is http://host/ (RFC 3986 6.2.3).
		String path = rewritePath((absolute && uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath());
		if (path == null) {
			return location;
		}
		StringBuilder rewritten = new StringBuilder();
		if (absolute) {
			rewritten.append(clientOrigin);
		}
		rewritten.append(prefix).append(path);
		if (uri.getRawQuery() != null) {
			rewritten.append('?').append(uri.getRawQuery());
		}
		if (uri.getRawFragment() != null) {
			rewritten.append('#').append(uri.getRawFragment());
		}
		return rewritten.toString();
	}

	/**
	 * Rewrites the {@code Path} attribute of a {@code Set-Cookie} value to the mount. A path
	 * inside the upstream base keeps its tail; any other path becomes the mount itself, the
	 * widest path under which the client reaches this upstream.
	 * @param setCookie the upstream's value
	 * @param prefix the client's path to the mount, encoded
	 * @return the value for the client
	 */
	String rewriteSetCookie(String setCookie, String prefix) {
		String[] parts = setCookie.split(";", -1);
		StringBuilder rewritten = new StringBuilder(parts[0]);
		for (int i = 1; i < parts.length; i++) {
			String part = parts[i];
			String attribute = part.trim();
			rewritten.append(';');
			if (attribute.regionMatches(true, 0, "path=", 0, 5)) {
				String tail = rewritePath(attribute.substring(5).trim());
				rewritten.append(" Path=").append((tail == null || tail.isEmpty() || tail.equals("/")) ? prefix : prefix + tail);
			}
			else {
				rewritten.append(part);
			}
		}
		return rewritten.toString();
	}

	/**
	 * Returns the part of an upstream path below the base path: {@code ""} or starting with
	 * {@code /}, or {@code null} when the path is outside the base.
	 */
	private @Nullable String rewritePath(String path) {
		if (this.basePath.isEmpty()) {
			return path.startsWith("/") ? path : null;
		}
		if (path.equals(this.basePath)) {
			return "";
		}
		return path.startsWith(this.basePath + "/") ? path.substring(this.basePath.length()) : null;
	}

	private boolean isUpstream(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		return scheme.equals(this.scheme) && uri.getHost() != null
				&& uri.getHost().toLowerCase(Locale.ROOT).equals(this.host) && port(scheme, uri.getPort()) == this.port;
	}

	private static int port(String scheme, int port) {
		if (port != -1) {
			return port;
		}
		return scheme.equals("https") ? 443 : 80;
	}

}
