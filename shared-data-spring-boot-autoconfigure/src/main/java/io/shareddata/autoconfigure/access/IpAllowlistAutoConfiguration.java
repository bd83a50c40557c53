package io.shareddata.autoconfigure.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.shareddata.access.AccessPaths;
import io.shareddata.access.DeniedResponse;
import io.shareddata.access.IpAllowlistFilter;
import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.SharedDataFilters;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.autoconfigure.net.ConfiguredAddresses;
import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.IpAddressSet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Auto-configuration of the IP allow-list filter ({@code shareddata.ip-allowlist.*}). The
 * filter is registered only when {@code addresses} is not empty: an empty list means "no
 * allow-list", never "deny everyone".
 */
@AutoConfiguration(after = ClientAddressAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Filter.class, PathPatternParser.class })
@ConditionalOnBooleanProperty(name = "shareddata.ip-allowlist.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IpAllowlistProperties.class)
public final class IpAllowlistAutoConfiguration {

	private static final String PREFIX = "shareddata.ip-allowlist.";

	/**
	 * The registration name of the filter.
	 */
	public static final String FILTER_NAME = "sharedDataIpAllowlistFilter";

	@Bean
	@ConditionalOnMissingFilterBean(IpAllowlistFilter.class)
	@Conditional(OnAddressesCondition.class)
	FilterRegistrationBean<IpAllowlistFilter> sharedDataIpAllowlistFilter(IpAllowlistProperties properties,
			ClientAddressResolver clientAddressResolver) {
		IpAddressSet allowed = ConfiguredAddresses.parse(PREFIX + "addresses", properties.getAddresses());
		AccessPaths paths = new AccessPaths(pathPatterns(PREFIX + "paths", properties.getPaths()),
				pathPatterns(PREFIX + "exclude-paths", properties.getExcludePaths()));
		IpAllowlistFilter filter = new IpAllowlistFilter(allowed, clientAddressResolver, paths,
				deniedResponse(properties));
		// REQUEST only: see IpAllowlistFilter for why forwards, includes and error dispatches
		// need no check of their own.
		return SharedDataFilters.register(filter, FILTER_NAME, properties.getOrder(), DispatcherType.REQUEST);
	}

	private static List<PathPattern> pathPatterns(String property, List<String> patterns) {
		List<PathPattern> parsed = new ArrayList<>(patterns.size());
		for (int i = 0; i < patterns.size(); i++) {
			// A YAML "~" entry binds as null.
			String pattern = Objects.requireNonNullElse(patterns.get(i), "");
			if (!pattern.startsWith("/")) {
				throw new SharedDataConfigurationException(property + "[" + i + "]", pattern,
						"a path pattern must start with '/'", "write it as '/" + pattern + "'");
			}
			try {
				parsed.add(PathPatternParser.defaultInstance.parse(pattern));
			}
			catch (PatternParseException ex) {
				throw new SharedDataConfigurationException(property + "[" + i + "]", pattern,
						ex.getMessage() + " (at position " + ex.getPosition() + ")",
						"use a Spring path pattern such as /admin/** or /reports/*.csv");
			}
		}
		return parsed;
	}

	private static DeniedResponse deniedResponse(IpAllowlistProperties properties) {
		int status = properties.getDenyStatus();
		if (status != 403 && status != 404) {
			throw new SharedDataConfigurationException(PREFIX + "deny-status", status,
					"a denied request is answered with 403 or 404 only", "set it to 403 or 404");
		}
		String body = properties.getDenyBody();
		if (body != null && body.length() > DeniedResponse.MAX_BODY_LENGTH) {
			throw new SharedDataConfigurationException(PREFIX + "deny-body", body.substring(0, 40) + "...",
					"the body is " + body.length() + " characters long, more than "
							+ DeniedResponse.MAX_BODY_LENGTH,
					"keep it to a short sentence");
		}
		return DeniedResponse.of(status, body);
	}

	/**
	 * Matches when {@code shareddata.ip-allowlist.addresses} has at least one entry, in list
	 * ({@code addresses[0]}) or comma-separated form.
	 */
	static class OnAddressesCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean configured = Binder.get(context.getEnvironment())
				.bind(PREFIX + "addresses", Bindable.listOf(String.class))
				.map((addresses) -> !addresses.isEmpty())
				.orElse(false);
			return configured ? ConditionOutcome.match("shareddata.ip-allowlist.addresses is configured")
					: ConditionOutcome.noMatch("shareddata.ip-allowlist.addresses is empty, so there is no allow-list");
		}

	}

}
