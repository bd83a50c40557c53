package io.shareddata.logging;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Writes the line of a request that ended in an error the container answered itself: an
 * exception or {@code sendError} with no error page, on a committed response, or with the
 * client gone. Register it next to {@link RequestLoggingFilter}; without it (or, on Tomcat,
 * {@link RequestLoggingCompletionValve}, on Jetty {@link RequestLoggingCompletionHandler}) those
 * requests are not logged. It is stateless and serves every {@link RequestLoggingFilter}.
 * <p>
 * On Tomcat prefer the valve: once any request listener is registered, Tomcat copies its
 * listener array and builds an event for every request attribute set or removed, by every
 * filter and by Spring MVC, on every request. On Jetty use the handler: Jetty calls
 * {@code requestDestroyed} after every dispatch, before an error page is rendered.
 */
public class RequestLoggingCompletionListener implements ServletRequestListener {

	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		requestEnded(event.getServletRequest());
	}

	/**
	 * Finishes the line of a request the container is done with, if a
	 * {@link RequestLoggingFilter} is still waiting for its end; async requests finish in
	 * their own listener instead.
	 * @param request the request, after its last dispatch and any error page
	 */
	static void requestEnded(ServletRequest request) {
		if (request.getAttribute(RequestLoggingFilter.EXCHANGE_ATTRIBUTE) instanceof LoggedExchange exchange) {
			exchange.requestDestroyed();
		}
	}

}
