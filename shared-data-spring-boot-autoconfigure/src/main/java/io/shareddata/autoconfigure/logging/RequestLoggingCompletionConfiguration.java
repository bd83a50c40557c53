package io.shareddata.autoconfigure.logging;

import io.shareddata.logging.RequestLoggingCompletionHandler;
import io.shareddata.logging.RequestLoggingCompletionListener;
import io.shareddata.logging.RequestLoggingCompletionValve;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What finishes the lines of errors the container answers itself, on the server of the context
 * that imports it: a {@link RequestLoggingCompletionValve} on embedded Tomcat, a
 * {@link RequestLoggingCompletionHandler} on embedded Jetty, a
 * {@link RequestLoggingCompletionListener} anywhere else. Imported by the application's
 * context and by the management context of a separate management port, since each builds a
 * server of its own.
 */
@Configuration(proxyBeanMethods = false)
class RequestLoggingCompletionConfiguration {

	@Bean
	RequestLoggingCompletionRegistration sharedDataRequestLoggingCompletion() {
		return new RequestLoggingCompletionRegistration();
	}

	/**
	 * On embedded Tomcat, request lines of errors the container answers itself are finished by
	 * an engine valve rather than a request listener.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
	static class TomcatCompletionConfiguration {

		@Bean
		TomcatCompletionValveCustomizer sharedDataRequestLoggingCompletionValve(
				RequestLoggingCompletionRegistration registration) {
			return new TomcatCompletionValveCustomizer(registration);
		}

	}

	/**
	 * On embedded Jetty, request lines of errors the container answers itself are finished by
	 * a handler around the server's: Jetty calls request listeners after every dispatch.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, ConfigurableJettyWebServerFactory.class })
	static class JettyCompletionConfiguration {

		@Bean
		JettyCompletionHandlerCustomizer sharedDataRequestLoggingCompletionHandler(
				RequestLoggingCompletionRegistration registration) {
			return new JettyCompletionHandlerCustomizer(registration);
		}

	}

}
