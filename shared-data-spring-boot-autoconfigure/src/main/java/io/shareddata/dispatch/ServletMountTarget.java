package io.shareddata.dispatch;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Mounts a servlet, typically a second Spring MVC {@code DispatcherServlet} with its own
 * application context. The target owns the servlet's life cycle: it calls
 * {@link Servlet#init} once, with the application's real servlet context, and
 * {@link Servlet#destroy} when the filter stops. The servlet must therefore not also be
 * registered with the container (in Spring Boot: {@code @ServletRegistration(enabled = false)}
 * on its {@code @Bean} method).
 */
public final class ServletMountTarget implements MountTarget {

	private final Servlet servlet;

	private final String servletName;

	private final Object lifecycleMonitor = new Object();

	private volatile boolean initialized;

	private boolean destroyed;

	/**
	 * Creates a target.
	 * @param servlet the servlet, not yet initialised
	 * @param servletName the name it gets in its {@link ServletConfig}
	 */
	public ServletMountTarget(Servlet servlet, String servletName) {
		this.servlet = servlet;
		this.servletName = servletName;
	}

	@Override
	public void init(ServletContext servletContext) throws ServletException {
		if (this.initialized) {
			return;
		}
		synchronized (this.lifecycleMonitor) {
			if (!this.initialized && !this.destroyed) {
				this.servlet.init(new MountServletConfig(this.servletName, servletContext));
				this.initialized = true;
			}
		}
	}

	@Override
	public void serve(MountedRequest request, HttpServletResponse response) throws ServletException, IOException {
		// Used by hand, the filter may never have been initialised: start lazily, once.
		init(request.getServletContext());
		this.servlet.service(request, response);
	}

	@Override
	public void destroy() {
		synchronized (this.lifecycleMonitor) {
			if (this.initialized && !this.destroyed) {
				this.servlet.destroy();
			}
			this.destroyed = true;
		}
	}

	private record MountServletConfig(String servletName, ServletContext servletContext) implements ServletConfig {

		@Override
		public String getServletName() {
			return this.servletName;
		}

		@Override
		public ServletContext getServletContext() {
			return this.servletContext;
		}

		@Override
		public @Nullable String getInitParameter(String name) {
			return null;
		}

		@Override
		public Enumeration<String> getInitParameterNames() {
			return Collections.emptyEnumeration();
		}

	}

}
