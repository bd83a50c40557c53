package io.shareddata.autoconfigure;

import java.util.List;

import org.springframework.core.env.PropertyResolver;

/**
 * The {@code shareddata.<feature>.enabled} switches, which Spring Boot's
 * {@code @ConditionalOnBooleanProperty} reads: {@code true} or {@code false} in any case, and
 * any other value as false. A typo ({@code ture}), a stray space or an empty environment
 * variable would then switch a feature off, an allow-list among them, without a word; so such a
 * value fails start-up instead.
 */
public final class FeatureSwitches {

	/** Every feature's switch, in chain order. */
	static final List<String> PROPERTIES = List.of("shareddata.request-logging.enabled", "shareddata.headers.enabled",
			"shareddata.ip-allowlist.enabled", "shareddata.dispatch.enabled", "shareddata.files.enabled");

	private FeatureSwitches() {
	}

	/**
	 * Checks that every switch that is set reads as {@code true} or {@code false}.
	 * @param properties the environment
	 * @throws SharedDataConfigurationException for the first switch with any other value
	 */
	public static void check(PropertyResolver properties) {
		for (String property : PROPERTIES) {
			String value = properties.getProperty(property);
			if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
				throw new SharedDataConfigurationException(property, value,
						"neither true nor false, which Spring Boot would read as false and switch the feature off",
						"write true or false");
			}
		}
	}

}
