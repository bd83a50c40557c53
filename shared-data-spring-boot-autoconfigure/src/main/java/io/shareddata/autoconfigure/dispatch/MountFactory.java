package io.shareddata.autoconfigure.dispatch;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shareddata.autoconfigure.DurationSettings;
import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.dispatch.ForwardMountTarget;
import io.shareddata.dispatch.HttpRequestHandlerMountTarget;
import io.shareddata.dispatch.Mount;
import io.shareddata.dispatch.MountTarget;
import io.shareddata.dispatch.ProxyMountTarget;
import io.shareddata.dispatch.ProxyTransport;
import io.shareddata.dispatch.ServletMountTarget;
import io.shareddata.http.RequestPaths;
import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.Servlet;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.servlet.ServletRegistration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpRequestHandler;

/**
 * Turns {@code shareddata.dispatch.mounts} into {@link Mount}s, refusing at start-up
 * anything that could not work, with the full property name and a fix.
 */
final class MountFactory {

	private static final String PREFIX = "shareddata.dispatch.mounts";

	/** A scheme, then everything up to the last '@': user info, or what may be. */
	private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)((?:[^@]*@)+)");

	private final ListableBeanFactory beanFactory;

	private final Supplier<ProxyTransport> transport;

	private final ClientAddressResolver clientAddressResolver;

	private final Map<String, MountTarget> servletTargets = new HashMap<>();

	MountFactory(ListableBeanFactory beanFactory, Supplier<ProxyTransport> transport,
			ClientAddressResolver clientAddressResolver) {
		this.beanFactory = beanFactory;
		this.transport = transport;
		this.clientAddressResolver = clientAddressResolver;
	}

	List<Mount> createMounts(List<DispatchProperties.Mount> configured) {
		List<Mount> mounts = new ArrayList<>();
		Map<String, Integer> indexByPath = new HashMap<>();
		for (int i = 0; i < configured.size(); i++) {
			DispatchProperties.Mount mount = configured.get(i);
			String property = PREFIX + "[" + i + "]";
			String path = path(property + ".path", mount.getPath());
			Integer previous = indexByPath.putIfAbsent(path, i);
			if (previous != null) {
				throw new SharedDataConfigurationException(property + ".path", path,
						"the same path as " + PREFIX + "[" + previous + "].path",
						"give each mount its own path, or remove one of the two mounts");
			}
			mounts.add(new Mount(path, target(property, path, mount)));
		}
		return mounts;
	}

	private static String path(String property, @Nullable String path) {
		if (!StringUtils.hasText(path)) {
			throw new SharedDataConfigurationException(property, path, "a mount needs a path",
					"set it to the path prefix to mount, e.g. '/app2'");
		}
		if (path.equals("/")) {
			throw new SharedDataConfigurationException(property, path, "a mount at '/' would take every request",
					"mount under a prefix such as '/app2', or let the application answer '/'");
		}
		if (!path.startsWith("/")) {
			throw new SharedDataConfigurationException(property, path, "a mount path must start with '/'",
					"write it as '/" + path + "'");
		}
		if (path.endsWith("/")) {
			throw new SharedDataConfigurationException(property, path, "a mount path must not end with '/'",
					"write it as '" + StringUtils.trimTrailingCharacter(path, '/') + "'; it still covers '"
							+ path + "' and everything below");
		}
		String neverRequested = RequestPaths.whyNeverRequested(path);
		if (neverRequested != null) {
			throw new SharedDataConfigurationException(property, path,
					"no request reaches this mount, because its path " + neverRequested,
					"write the path as the container normalises it, e.g. '/app2/sub'");
		}
		return path;
	}

	private MountTarget target(String property, String path, DispatchProperties.Mount mount) {
		int targets = (mount.getServlet() != null ? 1 : 0) + (mount.getForward() != null ? 1 : 0)
				+ (mount.getUrl() != null ? 1 : 0);
		if (targets != 1) {
			throw new SharedDataConfigurationException(property, describe(mount),
					(targets == 0) ? "a mount needs a target" : "a mount has exactly one target",
					"set exactly one of '" + property + ".servlet', '" + property + ".forward' or '" + property
							+ ".url'");
		}
		if (mount.getServlet() != null) {
			return servletTarget(property + ".servlet", mount.getServlet());
		}
		if (mount.getForward() != null) {
			return forwardTarget(property + ".forward", mount.getForward());
		}
		return proxyTarget(property, path, mount);
	}

	private MountTarget servletTarget(String property, String beanName) {
		MountTarget target = this.servletTargets.get(beanName);
		if (target != null) {
			return target;
		}
		if (!this.beanFactory.containsBean(beanName)) {
			throw new SharedDataConfigurationException(property, beanName, "there is no bean with that name",
					"define a Servlet or HttpRequestHandler bean named '" + beanName + "', or correct the name");
		}
		Class<?> type = this.beanFactory.getType(beanName);
		if (type != null && HttpRequestHandler.class.isAssignableFrom(type)) {
			target = new HttpRequestHandlerMountTarget(this.beanFactory.getBean(beanName, HttpRequestHandler.class));
		}
		else if (type != null && Servlet.class.isAssignableFrom(type)) {
			Servlet servlet = this.beanFactory.getBean(beanName, Servlet.class);
			if (isRegisteredWithContainer(beanName, servlet)) {
				throw new SharedDataConfigurationException(property, beanName,
						"the servlet is also registered with the servlet container by Spring Boot, which would "
								+ "initialise it a second time and map it outside the mount",
						"annotate its @Bean method with @ServletRegistration(enabled = false)");
			}
			target = new ServletMountTarget(servlet, beanName);
		}
		else {
			throw new SharedDataConfigurationException(property, beanName,
					"the bean is a " + ((type != null) ? type.getName() : "bean of unknown type")
							+ ", neither a jakarta.servlet.Servlet nor an org.springframework.web.HttpRequestHandler",
					"name a Servlet or HttpRequestHandler bean");
		}
		this.servletTargets.put(beanName, target);
		return target;
	}

	private boolean isRegisteredWithContainer(String beanName, Servlet servlet) {
		// Spring Boot registers every Servlet bean unless a ServletRegistrationBean already
		// covers it or its @Bean method says @ServletRegistration(enabled = false).
		for (ServletRegistrationBean<?> registration : this.beanFactory.getBeansOfType(ServletRegistrationBean.class)
			.values()) {
			if (registration.getServlet() == servlet) {
				return registration.isEnabled();
			}
		}
		ServletRegistration annotation = this.beanFactory.findAnnotationOnBean(beanName, ServletRegistration.class);
		return annotation == null || annotation.enabled();
	}

	private static MountTarget forwardTarget(String property, String forward) {
		if (!forward.startsWith("/") || forward.contains("?") || forward.contains("#") || forward.contains(";")
				|| hasDotSegment(forward)) {
			throw new SharedDataConfigurationException(property, forward,
					"a forward target is a decoded path inside this application, starting with '/', without "
							+ "query, fragment, ';' or '.'/'..' segments",
					"write it as a path such as '/internal/legacy'");
		}
		return new ForwardMountTarget(forward);
	}

	private MountTarget proxyTarget(String property, String path, DispatchProperties.Mount mount) {
		String url = mount.getUrl();
		String shown = withMaskedSecrets(url);
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new SharedDataConfigurationException(property + ".url", shown, "not a URL: " + ex.getReason(),
					"write it as an absolute http or https URL such as 'http://127.0.0.1:9000/base'");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw new SharedDataConfigurationException(property + ".url", shown,
					"a proxy mount needs an http or https URL",
					"write it as an absolute http or https URL such as 'http://127.0.0.1:9000/base'");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
				|| uri.getRawFragment() != null || hasDotSegment(uri.getPath())) {
			throw new SharedDataConfigurationException(property + ".url", shown,
					"a proxy base URL needs a host and must not have user info, a query, a fragment or "
							+ "'.'/'..' segments",
					"write it as scheme://host[:port][/base-path]; send credentials as headers from the upstream "
							+ "side instead");
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			// java.net.URI takes any number as a port; the HTTP client would refuse it at the first request.
			throw new SharedDataConfigurationException(property + ".url", shown, "the port is out of range",
					"use a port from 1 to 65535, or none for the scheme's default");
		}
		Duration connectTimeout = DurationSettings.positive(property + ".connect-timeout", mount.getConnectTimeout());
		Duration readTimeout = DurationSettings.positive(property + ".read-timeout", mount.getReadTimeout());
		long maxResponseHeaderSize = maxResponseHeaderSize(property + ".max-response-header-size",
				mount.getMaxResponseHeaderSize());
		return new ProxyMountTarget(path, uri, connectTimeout, readTimeout, maxResponseHeaderSize, this.transport.get(),
				this.clientAddressResolver);
	}

	private static long maxResponseHeaderSize(String property, DataSize size) {
		if (size.toBytes() <= 0) {
			// Zero would turn every upstream answer into a 502.
			throw new SharedDataConfigurationException(property, size.toBytes() + "B", "must be positive",
					"set a positive size such as '6KB', below the servlet container's limit on response headers");
		}
		return size.toBytes();
	}

	private static boolean hasDotSegment(@Nullable String path) {
		if (path == null) {
			return false;
		}
		for (String segment : path.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return true;
			}
		}
		return false;
	}

	private static String describe(DispatchProperties.Mount mount) {
		String url = (mount.getUrl() != null) ? withMaskedSecrets(mount.getUrl()) : null;
		return "{path=" + mount.getPath() + ", servlet=" + mount.getServlet() + ", forward=" + mount.getForward()
				+ ", url=" + url + "}";
	}

	/**
	 * Credentials in an upstream URL are secrets: never logged, reported or shown by the
	 * endpoint. A URL with a host and no user info loses only its query and fragment (an access
	 * token or API key, which a proxy base URL must not have anyway), after their first
	 * {@code ?} or {@code #}. Any other loses everything from {@code ://} up to its last
	 * {@code @} (user info, or a password whose unencoded {@code @}, {@code /}, {@code ?} or
	 * {@code #} broke the URL) and the query and fragment of what follows; when a {@code ?} or
	 * {@code #} comes before that {@code @}, what follows may be the rest of a query, and goes too.
	 * @param url a configured URL, valid or not
	 * @return the URL with anything that may be credentials as {@code ****}
	 */
	static String withMaskedSecrets(String url) {
		boolean mayHaveUserInfo = true;
		try {
			URI uri = new URI(url);
			// Valid without user info: an '@' is in the path, query or fragment, and masking up to
			// it would show the rest of the query (?user=me@example.com&key=secret)
			mayHaveUserInfo = uri.getHost() == null || uri.getRawUserInfo() != null;
		}
		catch (URISyntaxException ex) {
			// Masked below.
		}
		String masked = url;
		Matcher userInfo = USER_INFO.matcher(url);
		if (mayHaveUserInfo && userInfo.find()) {
			boolean queryBefore = userInfo.group(2).indexOf('?') >= 0 || userInfo.group(2).indexOf('#') >= 0;
			masked = userInfo.group(1) + "****@" + (queryBefore ? "****" : url.substring(userInfo.end()));
		}
		return masked.replaceFirst("(?s)([?#]).*", "$1****");
	}

}
