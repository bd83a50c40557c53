package io.shareddata.autoconfigure;

import java.util.Map;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnParentFilterRegistration}. The parent context is fully
 * refreshed before Spring Boot creates the management context, so its beans are all there.
 */
class OnParentFilterRegistrationCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnParentFilterRegistration.class.getName());
		String name = (String) attributes.get("value");
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		BeanFactory parent = (beanFactory != null) ? beanFactory.getParentBeanFactory() : null;
		if (parent == null || !parent.containsBean(name)) {
			return ConditionOutcome.noMatch("no bean '" + name + "' in a parent context");
		}
		if (!parent.isTypeMatch(name, FilterRegistrationBean.class)) {
			return ConditionOutcome.noMatch("bean '" + name + "' in the parent context is no FilterRegistrationBean");
		}
		return ConditionOutcome.match("filter registration '" + name + "' in the parent context");
	}

}
