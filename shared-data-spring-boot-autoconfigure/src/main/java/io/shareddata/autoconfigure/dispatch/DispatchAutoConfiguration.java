package io.shareddata.autoconfigure.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.shareddata.autoconfigure.ConditionalOnConfiguredList;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.HttpRequestHandler;

/**
 * Auto-configuration of dispatch mounts: registers the {@link DispatchFilter} when
 * {@code shareddata.dispatch.mounts} lists at least one mount, after checking every mount.
 */
@AutoConfiguration(after = ClientAddressAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ HttpServletRequest.class, HttpRequestHandler.class })
@ConditionalOnBooleanProperty(name = "shareddata.dispatch.enabled", matchIfMissing = true)
@ConditionalOnConfiguredList("shareddata.dispatch.mounts")
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
		return SharedDataFilters
			.register(filter, FILTER_NAME, properties.getOrder(), DispatcherType.REQUEST, DispatcherType.ASYNC)
			.describedAs("dispatch mounts", summary(properties), settings(properties));
	}

	/** For example {@code /app2 -> servlet app2Servlet, /api -> proxy http://127.0.0.1:9000/base}. */
	private static String summary(DispatchProperties properties) {
		return properties.getMounts().stream().map(DispatchAutoConfiguration::describe).collect(Collectors.joining(", "));
	}

	private static String describe(DispatchProperties.Mount mount) {
		if (mount.getServlet() != null) {
			return mount.getPath() + " -> servlet " + mount.getServlet();
		}
		if (mount.getForward() != null) {
			return mount.getPath() + " -> forward " + mount.getForward();
		}
		return mount.getPath() + " -> proxy " + MountFactory.withMaskedSecrets(String.valueOf(mount.getUrl()));
	}

	private static Map<String, Object> settings(DispatchProperties properties) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("mounts", properties.getMounts().stream().map(DispatchAutoConfiguration::describe).toList());
		settings.put("order", properties.getOrder());
		return settings;
	}

}
