package io.shareddata.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

/**
 * Tells an auto-configured bean from one the user declared in its place (a
 * {@code FileAccessPolicy}, a {@code ClientAddressResolver}), so that the start-up summary and
 * the {@code shareddata} endpoint name the user's bean instead of showing the properties it
 * replaces as if they applied.
 */
public final class ReplacedBeans {

	private ReplacedBeans() {
	}

	/**
	 * Returns the class name of a bean the user declared in place of an auto-configured one.
	 * @param beanFactory the application's bean factory
	 * @param autoConfiguredName the name of the auto-configured bean
	 * @param bean the bean in use
	 * @return the bean's class name, or {@code null} if it is the auto-configured bean
	 */
	public static @Nullable String replacement(BeanFactory beanFactory, String autoConfiguredName, Object bean) {
		if (beanFactory.containsBean(autoConfiguredName) && beanFactory.getBean(autoConfiguredName) == bean) {
			return null;
		}
		return bean.getClass().getName();
	}

}
