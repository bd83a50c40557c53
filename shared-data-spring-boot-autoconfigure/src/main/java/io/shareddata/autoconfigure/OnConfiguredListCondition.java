package io.shareddata.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnConfiguredList}: any property source has an element of
 * the list ({@code name[0]...}), or the list is written comma-separated, whether it comes from
 * YAML, properties or the environment.
 */
class OnConfiguredListCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnConfiguredList.class.getName());
		String name = (String) attributes.get("value");
		ConfigurationPropertyName list = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
			if (source.containsDescendantOf(list) == ConfigurationPropertyState.PRESENT) {
				return ConditionOutcome.match("'" + name + "' has entries");
			}
		}
		// The comma-separated form: "shareddata.ip-allowlist.addresses=127.0.0.1,::1".
		String scalar = context.getEnvironment().getProperty(name);
		if (scalar != null && !scalar.isBlank()) {
			return ConditionOutcome.match("'" + name + "' has entries");
		}
		return ConditionOutcome.noMatch("'" + name + "' is empty");
	}

}
