package io.shareddata.sample;

import java.io.IOException;

import io.shareddata.logging.RequestLoggingFilter;
import jakarta.servlet.ServletException;
import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Tells {@link FinishedRequests} of every request embedded Tomcat has finished, from an engine
 * valve that is an {@link AccessLog}: {@code CoyoteAdapter} calls {@code Context.logAccess},
 * which reaches the access logs of the context, the host and the engine, after the pipeline
 * (and with it the starter's completion valve) has returned and the response is finished, and,
 * for an async request, only once it is no longer async, after {@code onComplete}.
 */
final class TomcatFinishedRequests implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final FinishedRequests finishedRequests;

	TomcatFinishedRequests(FinishedRequests finishedRequests) {
		this.finishedRequests = finishedRequests;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addEngineValves(new Hook(this.finishedRequests));
	}

	/**
	 * Passes every request on; only its access-log side matters.
	 */
	static final class Hook extends ValveBase implements AccessLog {

		private final FinishedRequests finishedRequests;

		Hook(FinishedRequests finishedRequests) {
			// supports async requests, so adding it never turns async off
			super(true);
			this.finishedRequests = finishedRequests;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			getNext().invoke(request, response);
		}

		@Override
		public void log(Request request, Response response, long time) {
			this.finishedRequests.finished(request.getAttribute(RequestLoggingFilter.REQUEST_ID_ATTRIBUTE),
					request.getHeader("X-Request-Id"));
		}

		@Override
		public void setRequestAttributesEnabled(boolean requestAttributesEnabled) {
		}

		@Override
		public boolean getRequestAttributesEnabled() {
			return false;
		}

	}

}
