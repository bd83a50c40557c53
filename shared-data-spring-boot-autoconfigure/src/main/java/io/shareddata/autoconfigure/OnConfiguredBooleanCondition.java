package io.shareddata.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnConfiguredBoolean}: binds the property as a
 * {@link Boolean}, as the properties class binds it. Spring Boot's
 * {@code @ConditionalOnBooleanProperty} compares the text with {@code "true"} instead, so a
 * value the binder takes as true ({@code on}) could leave a feature off, and one it refuses
 * ({@code maybe}) switched the feature off without a word.
 */
class OnConfiguredBooleanCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnConfiguredBoolean.class.getName());
		String name = (String) attributes.get("value");
		Boolean value;
		try {
			value = Binder.get(context.getEnvironment()).bind(name, Boolean.class).orElse(null);
		}
		catch (BindException ex) {
			ConfigurationProperty property = ex.getProperty();
			throw new SharedDataConfigurationException(name,
					(property != null) ? property.getValue() : context.getEnvironment().getProperty(name),
					"not a boolean", "write true or false");
		}
		if (value == null) {
			return ((boolean) attributes.get("matchIfMissing")) ? ConditionOutcome.match("'" + name + "' is not set")
					: ConditionOutcome.noMatch("'" + name + "' is not set");
		}
		return value ? ConditionOutcome.match("'" + name + "' is true")
				: ConditionOutcome.noMatch("'" + name + "' is false");
	}

}
