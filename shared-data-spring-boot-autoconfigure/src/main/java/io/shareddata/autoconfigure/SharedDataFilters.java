package io.shareddata.autoconfigure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

/**
 * Registers a shareddata filter the same way for every feature: a stable name, an explicit
 * order and explicit dispatcher types, mapped to every path.
 */
public final class SharedDataFilters {

	private SharedDataFilters() {
	}

	/**
	 * Creates the registration of a shareddata filter.
	 * @param <F> the filter type
	 * @param filter the filter
	 * @param name the registration name, stable so users can refer to it
	 * @param order the filter order
	 * @param dispatcherTypes the dispatcher types the filter sees
	 * @return the registration
	 */
	public static <F extends Filter> SharedDataFilterRegistrationBean<F> register(F filter, String name, int order,
			DispatcherType... dispatcherTypes) {
		SharedDataFilterRegistrationBean<F> registration = new SharedDataFilterRegistrationBean<>(filter);
		registration.setName(name);
		registration.setOrder(order);
		registration.setDispatcherTypes(dispatcherTypes[0], dispatcherTypes);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
