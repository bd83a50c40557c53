package io.shareddata.sample;

import io.shareddata.logging.RequestLoggingFilter;
import org.eclipse.jetty.server.RequestLog;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Tells {@link FinishedRequests} of every request embedded Jetty has finished, from a
 * {@link RequestLog} on the server: {@code HttpChannelState.completeStream} calls it once the
 * handler's callback has completed (which the servlet layer does after every dispatch and
 * {@code AsyncListener}, and the starter's completion handler only after its own line), the
 * handler has returned and the last write is done. A request log set already (Jetty's access
 * log) is kept.
 */
final class JettyFinishedRequests implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

	private final FinishedRequests finishedRequests;

	JettyFinishedRequests(FinishedRequests finishedRequests) {
		this.finishedRequests = finishedRequests;
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		factory.addServerCustomizers((server) -> {
			RequestLog hook = (request, response) -> this.finishedRequests
				.finished(request.getAttribute(RequestLoggingFilter.REQUEST_ID_ATTRIBUTE),
						request.getHeaders().get("X-Request-Id"));
			RequestLog existing = server.getRequestLog();
			server.setRequestLog((existing != null) ? new RequestLog.Collection(existing, hook) : hook);
		});
	}

}
