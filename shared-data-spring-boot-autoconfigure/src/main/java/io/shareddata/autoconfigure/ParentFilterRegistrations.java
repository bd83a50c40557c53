package io.shareddata.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.HierarchicalBeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.util.Assert;

/**
 * Hands Spring Boot Actuator's child context (a separate {@code management.server.port}) the
 * application context's own filter registration, so the management server runs the same filter
 * with the same settings, and the start-up report and the {@code shareddata} endpoint still
 * count it once. Use it under {@link ConditionalOnParentFilterRegistration} with the same name.
 */
public final class ParentFilterRegistrations {

	private ParentFilterRegistrations() {
	}

	/**
	 * Returns the parent context's registration of that name.
	 * @param beanFactory the child context's bean factory
	 * @param name the registration's bean name in the parent context
	 * @return the registration
	 */
	public static FilterRegistrationBean<?> carriedOver(HierarchicalBeanFactory beanFactory, String name) {
		BeanFactory parent = beanFactory.getParentBeanFactory();
		Assert.state(parent != null, "'parent' must not be null");
		return parent.getBean(name, FilterRegistrationBean.class);
	}

}
