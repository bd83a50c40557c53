package io.shareddata.autoconfigure.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.shareddata.autoconfigure.SharedDataFilterRegistrationBean;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;

/**
 * The active layers of the onion, outermost first: every shareddata filter registered in the
 * context, and Spring Security's filter chain where it sits among them.
 *
 * @param layers the layers in chain order
 */
public record SharedDataChain(List<Layer> layers) {

	/** Names Spring Boot gives the registration of Spring Security's filter chain and the chain itself. */
	private static final java.util.Set<String> SPRING_SECURITY_NAMES = java.util.Set.of("securityFilterChainRegistration",
			"springSecurityFilterChain");

	/**
	 * Reads the chain from the registrations in a bean factory.
	 * @param beanFactory the application's bean factory
	 * @return the chain
	 */
	@SuppressWarnings("rawtypes")
	static SharedDataChain of(ListableBeanFactory beanFactory) {
		List<Layer> layers = new ArrayList<>();
		for (SharedDataFilterRegistrationBean<?> registration : beanFactory
			.getBeansOfType(SharedDataFilterRegistrationBean.class, false, false)
			.values()) {
			if (registration.isEnabled()) {
				layers.add(new Layer(registration.getFeature(), registration.getFilterName(), registration.getOrder(),
						registration.getSummary(), registration.getSettings()));
			}
		}
		for (Map.Entry<String, DelegatingFilterProxyRegistrationBean> entry : beanFactory
			.getBeansOfType(DelegatingFilterProxyRegistrationBean.class, false, false)
			.entrySet()) {
			DelegatingFilterProxyRegistrationBean registration = entry.getValue();
			if (SPRING_SECURITY_NAMES.contains(entry.getKey()) || SPRING_SECURITY_NAMES.contains(registration.getFilterName())) {
				layers.add(new Layer("spring security", registration.getFilterName(), registration.getOrder(),
						"Spring Security's filter chain", Map.of()));
			}
		}
		layers.sort(Comparator.comparingInt(Layer::order));
		return new SharedDataChain(List.copyOf(layers));
	}

	/**
	 * One layer of the onion.
	 *
	 * @param feature the feature's name
	 * @param filterName the filter's registration name
	 * @param order the filter order
	 * @param summary a one-line summary
	 * @param settings the effective settings
	 */
	public record Layer(String feature, String filterName, int order, String summary, Map<String, Object> settings) {
	}

}
