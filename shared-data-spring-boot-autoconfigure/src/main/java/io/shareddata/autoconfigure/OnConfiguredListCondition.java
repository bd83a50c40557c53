package io.shareddata.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ObjectUtils;

/**
 * Condition behind {@link ConditionalOnConfiguredList}: the list has an entry as the binder
 * sees it. Like the binder, it takes the list from the first property source that has it,
 * written with elements ({@code name[0]...}, as YAML writes it) or comma-separated
 * ({@code name=a,b}, as an environment variable does), so an empty value in a higher source
 * ({@code SHAREDDATA_IPALLOWLIST_ADDRESSES=}) empties a list that a lower one fills.
 */
class OnConfiguredListCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnConfiguredList.class.getName());
		String name = (String) attributes.get("value");
		ConfigurationPropertyName list = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
			ConfigurationProperty whole = source.getConfigurationProperty(list);
			if (whole != null) {
				// Comma-separated: the binder reads this source only, empty or not.
				Object value = whole.getValue();
				boolean empty = (value instanceof CharSequence text) ? text.toString().isBlank()
						: ObjectUtils.isEmpty(value);
				return empty ? ConditionOutcome.noMatch("'" + name + "' is empty")
						: ConditionOutcome.match("'" + name + "' has entries");
			}
			if (source.containsDescendantOf(list) == ConfigurationPropertyState.PRESENT) {
				return ConditionOutcome.match("'" + name + "' has entries");
			}
		}
		return ConditionOutcome.noMatch("'" + name + "' is empty");
	}

}
