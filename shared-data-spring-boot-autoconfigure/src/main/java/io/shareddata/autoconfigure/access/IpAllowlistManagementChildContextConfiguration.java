package io.shareddata.autoconfigure.access;

import io.shareddata.autoconfigure.ConditionalOnParentFilterRegistration;
import io.shareddata.autoconfigure.ParentFilterRegistrations;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.HierarchicalBeanFactory;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Puts the IP allow-list in front of Spring Boot Actuator when it listens on a port of its own
 * ({@code management.server.port}). That server gets its servlet context from a child
 * application context, which the application's filter registrations never reach, so
 * {@code shareddata.ip-allowlist.paths: /actuator/**} would guard the actuator on the
 * application's port and leave it open on its own. Spring Boot carries Spring Security's
 * filter chain over to that context in the same way, and so do
 * {@link io.shareddata.autoconfigure.logging.RequestLoggingManagementChildContextConfiguration}
 * with request logging and
 * {@link io.shareddata.autoconfigure.headers.HeadersManagementChildContextConfiguration} with
 * custom headers. Dispatch mounts and shared data stay on the application's port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(Filter.class)
public final class IpAllowlistManagementChildContextConfiguration {

	@Bean
	@ConditionalOnParentFilterRegistration(IpAllowlistAutoConfiguration.FILTER_NAME)
	FilterRegistrationBean<?> sharedDataIpAllowlistFilter(HierarchicalBeanFactory beanFactory) {
		return ParentFilterRegistrations.carriedOver(beanFactory, IpAllowlistAutoConfiguration.FILTER_NAME);
	}

}
