package io.shareddata.sample;

import io.shareddata.sampleapp2.App2Configuration;

import org.springframework.boot.web.servlet.ServletRegistration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The targets of the sample's dispatch mounts (see {@code shareddata.dispatch} in
 * {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class DispatchMountsConfiguration {

	/**
	 * A second Spring MVC application with its own context (a child of this one), mounted at
	 * {@code /app2}. The mount initialises and destroys it; Spring Boot must not also
	 * register it with the container.
	 */
	@Bean
	@ServletRegistration(enabled = false)
	DispatcherServlet app2Servlet() {
		AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
		context.register(App2Configuration.class);
		return new DispatcherServlet(context);
	}

	/**
	 * A small HTTP server on a loopback port for the proxy mount to talk to, so the mount
	 * works when the sample runs on its own.
	 */
	@Bean(destroyMethod = "stop")
	DemoUpstream demoUpstream(Environment environment) {
		return DemoUpstream.start(environment.getProperty("sample.demo-upstream.port", Integer.class, 9090));
	}

}
