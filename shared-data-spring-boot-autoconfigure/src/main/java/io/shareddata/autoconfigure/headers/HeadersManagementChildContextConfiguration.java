package io.shareddata.autoconfigure.headers;

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
 * Writes the custom headers on the responses of Spring Boot Actuator when it listens on a port
 * of its own ({@code management.server.port}). That server gets its servlet context from a
 * child application context, which the application's filter registrations never reach, so the
 * security preset would protect every response but {@code /actuator/health}. The child gets
 * the application's registration itself, as the IP allow-list's
 * ({@link io.shareddata.autoconfigure.access.IpAllowlistManagementChildContextConfiguration}):
 * one filter, one set of rules, one start-up line.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(Filter.class)
public final class HeadersManagementChildContextConfiguration {

	@Bean
	@ConditionalOnParentFilterRegistration(HeadersAutoConfiguration.FILTER_NAME)
	FilterRegistrationBean<?> sharedDataHeadersFilter(HierarchicalBeanFactory beanFactory) {
		return ParentFilterRegistrations.carriedOver(beanFactory, HeadersAutoConfiguration.FILTER_NAME);
	}

}
