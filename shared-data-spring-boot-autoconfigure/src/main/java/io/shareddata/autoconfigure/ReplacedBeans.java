package io.shareddata.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.util.ClassUtils;

/**
 * Tells an auto-configured bean from one the user declared in its place (a
 * {@code FileAccessPolicy}, a {@code ClientAddressResolver}), so that the start-up summary and
 * the {@code shareddata} endpoint name the user's bean instead of showing the properties it
 * replaces as if they applied.
 */
public final class ReplacedBeans {

	/** What the JVM puts in the name of a lambda's class, after the class that declared it. */
	private static final String LAMBDA_MARKER = "$$Lambda";

	private ReplacedBeans() {
	}

	/**
	 * Describes a bean the user declared in place of an auto-configured one, as
	 * {@code bean 'name' (its class)}, the class behind a proxy for a proxy; for a lambda,
	 * whose class name the JVM makes up, as {@code bean 'name' (a lambda in the declaring class)}.
	 * @param beanFactory the application's bean factory
	 * @param autoConfiguredName the name of the auto-configured bean
	 * @param type the type both beans are injected as
	 * @param bean the bean in use
	 * @return the description, or {@code null} if the bean is the auto-configured one
	 */
	public static @Nullable String replacement(ListableBeanFactory beanFactory, String autoConfiguredName,
			Class<?> type, Object bean) {
		if (beanFactory.containsBean(autoConfiguredName) && beanFactory.getBean(autoConfiguredName) == bean) {
			return null;
		}
		String name = nameOf(beanFactory, type, bean);
		return ((name != null) ? "bean '" + name + "' (" : "(") + classOf(bean) + ")";
	}

	/**
	 * The name of the bean in use among the singletons of its type. Only one created already can
	 * be it: asking for any other would create it for a log line (a {@code @Lazy} one, a
	 * {@code @Primary} one's rivals not yet needed), or fail start-up where it cannot be created
	 * yet. A {@code FactoryBean}'s object not made yet may still fail: then it is not the one.
	 */
	private static @Nullable String nameOf(ListableBeanFactory beanFactory, Class<?> type, Object bean) {
		if (!(beanFactory instanceof SingletonBeanRegistry singletons)) {
			return null;
		}
		for (String candidate : beanFactory.getBeanNamesForType(type, false, false)) {
			try {
				if (singletons.containsSingleton(candidate) && beanFactory.getBean(candidate) == bean) {
					return candidate;
				}
			}
			catch (BeansException ex) {
				// Not the bean in use, which exists already.
			}
		}
		return null;
	}

	private static String classOf(Object bean) {
		// A proxy's class is made up too: an aspect's CGLIB subclass (Policy$$SpringCGLIB$$0), a
		// JDK proxy (jdk.proxy2.$Proxy56) or an enhanced @Configuration class stands for the user's.
		Class<?> beanClass = ClassUtils.getUserClass(AopProxyUtils.ultimateTargetClass(bean));
		String className = beanClass.getName();
		int lambda = className.indexOf(LAMBDA_MARKER);
		if (beanClass.isSynthetic() && lambda > 0) {
			return "a lambda in " + className.substring(0, lambda);
		}
		return className;
	}

}
