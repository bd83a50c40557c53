package io.shareddata.logging;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat's cheaper replacement for {@link RequestLoggingCompletionListener}: add it to the
 * engine ({@code StandardEngine.getPipeline().addValve}, or Spring Boot's
 * {@code addEngineValves}) and it writes the line of a request that ended in an error the
 * container answered itself, after the error page or Tomcat's own report.
 * <p>
 * It does the listener's job at the same moment without being a request listener: Tomcat
 * checks for request listeners on every request attribute set or removed, and copies its
 * listener array and builds an event each time there is one. An engine valve costs one
 * attribute lookup per request.
 */
public class RequestLoggingCompletionValve extends ValveBase {

	/**
	 * Creates a valve; it supports async requests, so adding it never turns async off.
	 */
	public RequestLoggingCompletionValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		try {
			getNext().invoke(request, response);
		}
		finally {
			// An async request is still running: its exchange finishes in onComplete.
			if (!request.isAsync()) {
				RequestLoggingCompletionListener.requestEnded(request);
			}
		}
	}

}
