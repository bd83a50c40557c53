package io.shareddata.autoconfigure.headers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.shareddata.autoconfigure.ConditionalOnConfiguredBoolean;
import io.shareddata.autoconfigure.ConditionalOnConfiguredList;
import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.SharedDataFilters;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.headers.HeaderRule;
import io.shareddata.headers.HeadersFilter;
import io.shareddata.headers.InvalidHeaderRuleException;
import io.shareddata.headers.SecureRequestPredicate;
import io.shareddata.headers.SecurityHeaders;
import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Auto-configuration of custom response headers: registers a {@link HeadersFilter} when
 * {@code shareddata.headers.rules} has rules or {@code shareddata.headers.security-preset} is
 * on. Every rule is validated here, so an invalid one stops start-up with the property name.
 */
@AutoConfiguration(after = ClientAddressAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Filter.class, PathPattern.class })
@ConditionalOnBooleanProperty(name = "shareddata.headers.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HeadersProperties.class)
public final class HeadersAutoConfiguration {

	/**
	 * The registration name of the filter.
	 */
	public static final String FILTER_NAME = "sharedDataHeadersFilter";

	@Bean
	@ConditionalOnMissingFilterBean(HeadersFilter.class)
	@Conditional(HeadersConfiguredCondition.class)
	FilterRegistrationBean<HeadersFilter> sharedDataHeadersFilter(HeadersProperties properties,
			ClientAddressResolver clientAddressResolver) {
		Predicate<HttpServletRequest> secureRequest = new SecureRequestPredicate(clientAddressResolver);
		List<HeaderRule> rules = new ArrayList<>();
		if (properties.isSecurityPreset()) {
			rules.addAll(SecurityHeaders.preset(secureRequest));
		}
		List<HeadersProperties.Rule> configured = properties.getRules();
		for (int i = 0; i < configured.size(); i++) {
			rules.add(SecurityHeaders.secureOnlyIfHsts(toHeaderRule(configured.get(i), i), secureRequest));
		}
		return SharedDataFilters
			.register(new HeadersFilter(rules), FILTER_NAME, properties.getOrder(), DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR, DispatcherType.FORWARD)
			.describedAs("custom headers", summary(properties, rules), settings(properties, rules));
	}

	private static HeaderRule toHeaderRule(HeadersProperties.Rule rule, int index) {
		try {
			String name = (rule.getName() != null) ? rule.getName() : "";
			return HeaderRule.of(name, rule.getValue(), rule.getMode(), rule.getPaths());
		}
		catch (InvalidHeaderRuleException ex) {
			throw new SharedDataConfigurationException("shareddata.headers.rules[" + index + "]." + ex.getPart(),
					ex.getValue(), ex.getMessage(), ex.getAction());
		}
	}

	/**
	 * Matches when there is something to write: at least one rule, or the security preset.
	 */
	static final class HeadersConfiguredCondition extends AnyNestedCondition {

		HeadersConfiguredCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		// Not @ConditionalOnBooleanProperty: HeadersProperties binds 'on' or 'yes' as true, and
		// the preset must not be on with a rule yet off without one
		@ConditionalOnConfiguredBoolean("shareddata.headers.security-preset")
		static final class SecurityPreset {

		}

		@ConditionalOnConfiguredList("shareddata.headers.rules")
		static final class HasRules {

		}

	}

	/** For example {@code 2 rules (X-Powered-By set, Cache-Control set-if-absent on [/hello]), security preset}. */
	private static String summary(HeadersProperties properties, List<HeaderRule> rules) {
		int configured = properties.getRules().size();
		return configured + ((configured == 1) ? " rule" : " rules")
				+ (properties.isSecurityPreset() ? ", security preset" : "") + " (" + rules.size() + " headers in all)";
	}

	private static Map<String, Object> settings(HeadersProperties properties, List<HeaderRule> rules) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("rules", rules.stream().map(HeaderRule::toString).toList());
		settings.put("security-preset", properties.isSecurityPreset());
		settings.put("order", properties.getOrder());
		return settings;
	}

}
