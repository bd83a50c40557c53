package io.shareddata.autoconfigure.logging;

import io.shareddata.autoconfigure.ConditionalOnParentFilterRegistration;
import io.shareddata.autoconfigure.ParentFilterRegistrations;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;

import org.springframework.beans.factory.HierarchicalBeanFactory;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Logs the requests of Spring Boot Actuator when it listens on a port of its own
 * ({@code management.server.port}). That server gets its servlet context from a child
 * application context, which the application's filter registrations never reach, and is built
 * by a server factory of its own, which the application's customizers never reach. The child
 * gets the application's registration itself, as the IP allow-list's
 * ({@link io.shareddata.autoconfigure.access.IpAllowlistManagementChildContextConfiguration}):
 * one filter, one configuration, one start-up line. It also gets its own valve, handler or
 * listener, since that server must finish the lines of the errors it answers itself.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ HttpServletRequest.class, Logger.class })
@ConditionalOnParentFilterRegistration(RequestLoggingAutoConfiguration.FILTER_NAME)
@Import(RequestLoggingCompletionConfiguration.class)
public final class RequestLoggingManagementChildContextConfiguration {

	@Bean
	FilterRegistrationBean<?> sharedDataRequestLoggingFilter(HierarchicalBeanFactory beanFactory) {
		return ParentFilterRegistrations.carriedOver(beanFactory, RequestLoggingAutoConfiguration.FILTER_NAME);
	}

}
