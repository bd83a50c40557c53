package io.shareddata.autoconfigure.logging;

import io.shareddata.logging.RequestLoggingCompletionValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Adds a {@link RequestLoggingCompletionValve} to the engine of the embedded Tomcat, in place
 * of the listener {@link RequestLoggingCompletionRegistration} would register.
 */
final class TomcatCompletionValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final RequestLoggingCompletionRegistration registration;

	TomcatCompletionValveCustomizer(RequestLoggingCompletionRegistration registration) {
		this.registration = registration;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addEngineValves(new RequestLoggingCompletionValve());
		this.registration.finishedByContainer();
	}

}
