package io.shareddata.access;

import java.io.IOException;
import java.time.Duration;

import io.shareddata.http.RequestPaths;
import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.IpAddressSet;
import io.shareddata.net.RemoteAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Lets a request through only when its client address is in an allow-list (the seed's
 * {@code AuthenticationMiddleware}); every other request to a protected path gets a fixed
 * {@link DeniedResponse} and never reaches the filters after this one or the application.
 * <p>
 * The client address comes from the shared {@link ClientAddressResolver}, so it is the TCP
 * peer unless trusted proxies are configured. Matching is strict and family-aware (see
 * {@link IpAddressSet}): an address that is not a strict IP literal is never allowed. Allowed
 * requests pass through untouched. Denials are logged at INFO, at most once a second.
 * <p>
 * Register it for {@code REQUEST} dispatches only: forwards, includes and error dispatches
 * happen inside a request that already passed (or was refused by) this filter, and a denied
 * request is answered without {@code sendError}, so it causes no error dispatch either.
 */
public class IpAllowlistFilter extends HttpFilter {

	private static final Log logger = LogFactory.getLog(IpAllowlistFilter.class);

	private final IpAddressSet allowed;

	private final ClientAddressResolver clientAddressResolver;

	private final AccessPaths paths;

	private final DeniedResponse deniedResponse;

	private final DenialLog denialLog;

	/**
	 * Creates a new filter.
	 * @param allowed the addresses and ranges allowed in
	 * @param clientAddressResolver where the client address of a request comes from
	 * @param paths the protected paths
	 * @param deniedResponse the response to a denied request
	 */
	public IpAllowlistFilter(IpAddressSet allowed, ClientAddressResolver clientAddressResolver, AccessPaths paths,
			DeniedResponse deniedResponse) {
		this.allowed = allowed;
		this.clientAddressResolver = clientAddressResolver;
		this.paths = paths;
		this.deniedResponse = deniedResponse;
		this.denialLog = new DenialLog(logger, Duration.ofSeconds(1), System::nanoTime);
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (this.paths.isProtected(request)) {
			String client = this.clientAddressResolver.resolveClientAddress(request);
			if (!this.allowed.contains(client)) {
				this.denialLog.denied(request.getMethod(), RequestPaths.pathWithinApplication(request),
						RemoteAddress.of(request), client);
				this.deniedResponse.writeTo(response);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	@Override
	public String toString() {
		return "IpAllowlistFilter[allowed=" + this.allowed + ", paths=" + this.paths + ", denyStatus="
				+ this.deniedResponse.getStatus() + "]";
	}

}
