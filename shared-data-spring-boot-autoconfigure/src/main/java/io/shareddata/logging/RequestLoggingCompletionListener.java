package io.shareddata.logging;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Writes the line of a request that ended in an error the container answered itself: an
 * exception or {@code sendError} with no error page, on a committed response, or with the
 * client gone. Register it next to {@link RequestLoggingFilter} (the auto-configuration
 * does); without it those requests are not logged. It is stateless and serves every
 * {@link RequestLoggingFilter}.
 */
public class RequestLoggingCompletionListener implements ServletRequestListener {

	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		if (event.getServletRequest()
			.getAttribute(RequestLoggingFilter.EXCHANGE_ATTRIBUTE) instanceof LoggedExchange exchange) {
			exchange.requestDestroyed();
		}
	}

}
