package io.shareddata.autoconfigure.dispatch;

import io.shareddata.autoconfigure.SharedDataFilters;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.dispatch.DispatchFilter;
import io.shareddata.dispatch.ProxyTransport;
import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.HttpRequestHandler;

/**
 * Auto-configuration of dispatch mounts: registers the {@link DispatchFilter} when
 * {@code shareddata.dispatch.mounts} lists at least one mount, after checking every mount.
 */
@AutoConfiguration(after = ClientAddressAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ HttpServletRequest.class, HttpRequestHandler.class })
@ConditionalOnBooleanProperty(name = "shareddata.dispatch.enabled", matchIfMissing = true)
@Conditional(DispatchAutoConfiguration.OnMountsCondition.class)
@EnableConfigurationProperties(DispatchProperties.class)
public final class DispatchAutoConfiguration {

	/**
	 * Name of the dispatch filter's registration.
	 */
	public static final String FILTER_NAME = "sharedDataDispatchFilter";

	@Bean
	@ConditionalOnMissingBean
	ProxyTransport sharedDataDispatchProxyTransport() {
		return new ProxyTransport();
	}

	@Bean
	@ConditionalOnMissingFilterBean(DispatchFilter.class)
	FilterRegistrationBean<DispatchFilter> sharedDataDispatchFilter(DispatchProperties properties,
			ListableBeanFactory beanFactory, ObjectProvider<ProxyTransport> transport,
			ClientAddressResolver clientAddressResolver) {
		MountFactory factory = new MountFactory(beanFactory, transport::getObject, clientAddressResolver);
		DispatchFilter filter = new DispatchFilter(factory.createMounts(properties.getMounts()));
		return SharedDataFilters.register(filter, FILTER_NAME, properties.getOrder(), DispatcherType.REQUEST,
				DispatcherType.ASYNC);
	}

	/**
	 * Matches when at least one mount is configured: with none, there is nothing to filter.
	 */
	static class OnMountsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean hasMounts = Binder.get(context.getEnvironment())
				.bind("shareddata.dispatch.mounts", Bindable.listOf(DispatchProperties.Mount.class))
				.map((mounts) -> !mounts.isEmpty())
				.orElse(false);
			return hasMounts ? ConditionOutcome.match("shareddata.dispatch.mounts is not empty")
					: ConditionOutcome.noMatch("shareddata.dispatch.mounts is empty");
		}

	}

}
