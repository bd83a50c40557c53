package io.shareddata.dispatch;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.MappingMatch;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * A request as a mounted target sees it, in werkzeug's {@code SCRIPT_NAME}/{@code PATH_INFO}
 * model: the mount becomes part of the context path ({@code SCRIPT_NAME}) and the rest is
 * the path info ({@code PATH_INFO}), as if the target were mapped to {@code /*} in an
 * application deployed at the mount.
 * <p>
 * For mount {@code /app2} in an application at context path {@code /ctx}:
 * {@code /ctx/app2/x} gives context path {@code /ctx/app2}, servlet path {@code ""} and path
 * info {@code /x}; {@code /ctx/app2} gives path info {@code null} (werkzeug's empty
 * {@code PATH_INFO}); {@code /ctx/app2/} gives {@code /}. Request URI and URL agree with
 * those, so anything that builds links from the context path (Spring MVC {@code redirect:}
 * views, {@code ServletUriComponentsBuilder}) keeps the mount prefix.
 * <p>
 * Spring's cached parsed-path attributes are kept per wrapper, so a value cached for the
 * unmounted request is never seen by the mounted application and the other way round.
 */
public final class MountedRequest extends HttpServletRequestWrapper {

	private static final Set<String> PER_MOUNT_ATTRIBUTES = Set.of(ServletRequestPathUtils.PATH_ATTRIBUTE,
			UrlPathHelper.PATH_ATTRIBUTE);

	private final String mountPath;

	private final String pathWithinMount;

	private final String contextPath;

	private final String requestUri;

	private final Map<String, Object> perMountAttributes = new HashMap<>();

	/**
	 * Creates the mounted view of a request.
	 * @param request the request as the application received it
	 * @param match the mount and the rest of the path
	 */
	public MountedRequest(HttpServletRequest request, MountMatch match) {
		super(request);
		this.mountPath = match.mount().path();
		this.pathWithinMount = match.pathWithinMount();
		this.contextPath = request.getContextPath() + MountPaths.encode(this.mountPath);
		this.requestUri = this.contextPath + MountPaths.encode(this.pathWithinMount);
	}

	/**
	 * Returns the request as the application received it.
	 * @return the unwrapped request
	 */
	@Override
	public HttpServletRequest getRequest() {
		return (HttpServletRequest) super.getRequest();
	}

	/**
	 * Returns the decoded mount path, e.g. {@code /app2}.
	 * @return the mount path
	 */
	public String getMountPath() {
		return this.mountPath;
	}

	/**
	 * Returns the decoded path below the mount: empty or starting with {@code /}.
	 * @return the path within the mount
	 */
	public String getPathWithinMount() {
		return this.pathWithinMount;
	}

	@Override
	public String getContextPath() {
		return this.contextPath;
	}

	@Override
	public String getServletPath() {
		return "";
	}

	@Override
	public @Nullable String getPathInfo() {
		return this.pathWithinMount.isEmpty() ? null : this.pathWithinMount;
	}

	@Override
	public @Nullable String getPathTranslated() {
		String pathInfo = getPathInfo();
		return (pathInfo != null) ? getServletContext().getRealPath(pathInfo) : null;
	}

	@Override
	public String getRequestURI() {
		return this.requestUri;
	}

	@Override
	public StringBuffer getRequestURL() {
		return new StringBuffer(getOrigin()).append(this.requestUri);
	}

	/**
	 * Returns the client's {@code scheme://host[:port]}, exactly as the container builds it
	 * for {@link #getRequestURL()} (IPv6 brackets, default ports left out).
	 * @return the origin of the request
	 */
	public String getOrigin() {
		String url = getRequest().getRequestURL().toString();
		String uri = getRequest().getRequestURI();
		if (url.endsWith(uri)) {
			return url.substring(0, url.length() - uri.length());
		}
		// A wrapper further out changed one without the other: build it the container's way.
		String scheme = getScheme();
		int port = getServerPort();
		boolean defaultPort = (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme));
		return scheme + "://" + getServerName() + (defaultPort ? "" : ":" + port);
	}

	@Override
	public HttpServletMapping getHttpServletMapping() {
		return new PathMapping(this.mountPath, this.pathWithinMount);
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		return PER_MOUNT_ATTRIBUTES.contains(name) ? this.perMountAttributes.get(name) : super.getAttribute(name);
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		if (!PER_MOUNT_ATTRIBUTES.contains(name)) {
			super.setAttribute(name, value);
		}
		else if (value == null) {
			this.perMountAttributes.remove(name);
		}
		else {
			this.perMountAttributes.put(name, value);
		}
	}

	@Override
	public void removeAttribute(String name) {
		if (PER_MOUNT_ATTRIBUTES.contains(name)) {
			this.perMountAttributes.remove(name);
		}
		else {
			super.removeAttribute(name);
		}
	}

	@Override
	public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
		// An async dispatch() goes to the URI of the request given here, taken relative to
		// its context path. The mounted view would dispatch to the bare rest of the path,
		// outside the mount; the original request dispatches back through the mount.
		return super.startAsync((request == this) ? getRequest() : request, response);
	}

	private record PathMapping(String servletName, String pathWithinMount) implements HttpServletMapping {

		@Override
		public String getMatchValue() {
			return this.pathWithinMount.isEmpty() ? "" : this.pathWithinMount.substring(1);
		}

		@Override
		public String getPattern() {
			return "/*";
		}

		@Override
		public String getServletName() {
			return this.servletName;
		}

		@Override
		public MappingMatch getMappingMatch() {
			return MappingMatch.PATH;
		}

	}

}
