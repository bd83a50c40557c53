package io.shareddata.autoconfigure.logging;

import io.shareddata.logging.RequestLoggingCompletionHandler;
import io.shareddata.logging.RequestLoggingCompletionListener;
import io.shareddata.logging.RequestLoggingCompletionValve;
import jakarta.servlet.ServletContext;

import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Registers a {@link RequestLoggingCompletionListener} on the server, unless the embedded
 * server it starts was given what does the same job there: a
 * {@link RequestLoggingCompletionValve} on Tomcat (without Tomcat notifying listeners of every
 * request attribute set or removed), a {@link RequestLoggingCompletionHandler} on Jetty (which
 * notifies request listeners after every dispatch, before the error page).
 * <p>
 * Decided as the server starts, not by conditions: a war deployment or another container
 * never builds the valve or the handler into its server, and then gets the listener.
 */
final class RequestLoggingCompletionRegistration implements ServletContextInitializer {

	private volatile boolean finishedByContainer;

	/**
	 * Records that the server about to start finishes request lines with a valve or a handler;
	 * called while the server factory is customized, before the server runs the initializers.
	 */
	void finishedByContainer() {
		this.finishedByContainer = true;
	}

	@Override
	public void onStartup(ServletContext servletContext) {
		if (!this.finishedByContainer) {
			servletContext.addListener(new RequestLoggingCompletionListener());
		}
	}

}
