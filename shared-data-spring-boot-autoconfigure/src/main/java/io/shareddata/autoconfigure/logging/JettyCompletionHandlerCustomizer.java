package io.shareddata.autoconfigure.logging;

import io.shareddata.logging.RequestLoggingCompletionHandler;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Wraps the handler of the embedded Jetty in a {@link RequestLoggingCompletionHandler}, in
 * place of the listener {@link RequestLoggingCompletionRegistration} would register.
 */
final class JettyCompletionHandlerCustomizer implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

	private final RequestLoggingCompletionRegistration registration;

	JettyCompletionHandlerCustomizer(RequestLoggingCompletionRegistration registration) {
		this.registration = registration;
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		factory.addServerCustomizers(
				(server) -> server.setHandler(new RequestLoggingCompletionHandler(server.getHandler())));
		this.registration.finishedByContainer();
	}

}
