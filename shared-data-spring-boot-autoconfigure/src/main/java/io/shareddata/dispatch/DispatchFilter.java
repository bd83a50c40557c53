package io.shareddata.dispatch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.shareddata.http.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * werkzeug's {@code DispatcherMiddleware} as a servlet filter: a request under a mount path
 * goes to the mount's target (see {@link MountMatcher} for the matching rule and
 * {@link MountedRequest} for what the target sees); any other request continues down the
 * filter chain to the application.
 * <p>
 * Register it for {@code REQUEST} and {@code ASYNC} dispatches: a mounted Spring MVC
 * application that goes async is dispatched back through this filter.
 */
public class DispatchFilter extends HttpFilter {

	private final MountMatcher matcher;

	private final List<MountTarget> targets;

	/**
	 * Creates a filter.
	 * @param mounts the mounts; their paths must be distinct
	 */
	public DispatchFilter(List<Mount> mounts) {
		this.matcher = new MountMatcher(mounts);
		// Several mounts may share one target (one servlet at two paths): start it once.
		Set<MountTarget> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
		List<MountTarget> targets = new ArrayList<>();
		for (Mount mount : mounts) {
			if (distinct.add(mount.target())) {
				targets.add(mount.target());
			}
		}
		this.targets = List.copyOf(targets);
	}

	@Override
	public void init(FilterConfig filterConfig) throws ServletException {
		super.init(filterConfig);
		for (MountTarget target : this.targets) {
			target.init(filterConfig.getServletContext());
		}
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		MountMatch match = this.matcher.match(RequestPaths.pathWithinApplication(request));
		if (match != null) {
			match.mount().target().serve(new MountedRequest(request, match), response);
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	public void destroy() {
		for (int i = this.targets.size() - 1; i >= 0; i--) {
			this.targets.get(i).destroy();
		}
	}

}
