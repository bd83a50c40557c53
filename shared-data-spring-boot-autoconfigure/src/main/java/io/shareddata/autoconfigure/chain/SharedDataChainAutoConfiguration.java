package io.shareddata.autoconfigure.chain;

import io.shareddata.autoconfigure.FeatureSwitches;
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
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that makes the onion visible: an INFO line per active feature at start-up
 * and, when Spring Boot Actuator is present, the {@code shareddata} endpoint.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(Filter.class)
public final class SharedDataChainAutoConfiguration {

	/**
	 * The reporter of which features are on, so also the check that every switch can be read:
	 * a feature left off by an unreadable switch would be missing from the report unexplained.
	 */
	@Bean
	static SharedDataChainReporter sharedDataChainReporter(ListableBeanFactory beanFactory, Environment environment) {
		FeatureSwitches.check(environment);
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
