package io.shareddata.autoconfigure.chain;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that makes the onion visible: an INFO line per active feature at start-up
 * and, when Spring Boot Actuator is present, the {@code shareddata} endpoint.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(Filter.class)
public final class SharedDataChainAutoConfiguration {

	@Bean
	static SharedDataChainReporter sharedDataChainReporter(ListableBeanFactory beanFactory) {
		return new SharedDataChainReporter(beanFactory);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class SharedDataEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		SharedDataEndpoint sharedDataEndpoint(ListableBeanFactory beanFactory) {
			return new SharedDataEndpoint(beanFactory);
		}

	}

}
