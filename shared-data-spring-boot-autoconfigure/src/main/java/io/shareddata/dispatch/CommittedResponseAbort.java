package io.shareddata.dispatch;

import java.io.IOException;

import org.apache.catalina.connector.ClientAbortException;

import org.springframework.util.ClassUtils;

/**
 * The exception that ends a committed response without the container adding to it. Tomcat
 * answers a failure after commit by including the application's error page into the
 * response (Spring Boot's JSON or HTML error page), then closing the connection: with a
 * {@code Content-Length} the page can fill the rest of the body, and the client takes a
 * corrupted body as complete. A {@code ClientAbortException} is the one failure Tomcat
 * renders no error page for; its error report valve then closes the connection at once.
 * Other containers abort a committed response on any exception.
 */
final class CommittedResponseAbort {

	private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.catalina.connector.ClientAbortException",
			CommittedResponseAbort.class.getClassLoader());

	private CommittedResponseAbort() {
	}

	/**
	 * Returns the exception to throw out of the filter chain for a failure after commit.
	 * @param failure what went wrong
	 * @return the exception that aborts the response as it stands
	 */
	static IOException of(IOException failure) {
		return TOMCAT ? Tomcat.abort(failure) : failure;
	}

	/** Loaded only on Tomcat. */
	private static final class Tomcat {

		static IOException abort(IOException failure) {
			return new ClientAbortException(failure);
		}

	}

}
