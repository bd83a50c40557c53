package io.shareddata.autoconfigure.logging;

import io.shareddata.logging.RequestLoggingCompletionListener;
import io.shareddata.logging.RequestLoggingCompletionValve;
import jakarta.servlet.ServletContext;

import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Registers a {@link RequestLoggingCompletionListener} on the server, unless the embedded
 * Tomcat it starts was given a {@link RequestLoggingCompletionValve}, which does the same job
 * without Tomcat notifying listeners of every request attribute set or removed.
 * <p>
 * Decided as the server starts, not by conditions: a war deployment or another container
 * never builds the valve into its server, and then gets the listener.
 */
final class RequestLoggingCompletionRegistration implements ServletContextInitializer {

	private volatile boolean finishedByValve;

	/**
	 * Records that the server about to start finishes request lines with a valve; called while
	 * the server factory is customized, before the server runs the initializers.
	 */
	void finishedByValve() {
		this.finishedByValve = true;
	}

	@Override
	public void onStartup(ServletContext servletContext) {
		if (!this.finishedByValve) {
			servletContext.addListener(new RequestLoggingCompletionListener());
		}
	}

}
