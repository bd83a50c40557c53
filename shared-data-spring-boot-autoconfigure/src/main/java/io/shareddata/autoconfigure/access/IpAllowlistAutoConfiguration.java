package io.shareddata.autoconfigure.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.shareddata.access.AccessPaths;
import io.shareddata.access.DeniedResponse;
import io.shareddata.access.IpAllowlistFilter;
import io.shareddata.autoconfigure.ConditionalOnConfiguredList;
import io.shareddata.autoconfigure.ConfiguredPathPatterns;
import io.shareddata.autoconfigure.ReplacedBeans;
import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.SharedDataFilters;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.autoconfigure.net.ConfiguredAddresses;
import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.IpAddressSet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.util.pattern.PathPatternParser;

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
	@ConditionalOnConfiguredList("shareddata.ip-allowlist.addresses")
	FilterRegistrationBean<IpAllowlistFilter> sharedDataIpAllowlistFilter(IpAllowlistProperties properties,
			ClientAddressResolver clientAddressResolver, ListableBeanFactory beanFactory) {
		IpAddressSet allowed = ConfiguredAddresses.parse(PREFIX + "addresses", properties.getAddresses());
		AccessPaths paths = new AccessPaths(ConfiguredPathPatterns.parse(PREFIX + "paths", properties.getPaths()),
				ConfiguredPathPatterns.parse(PREFIX + "exclude-paths", properties.getExcludePaths()));
		IpAllowlistFilter filter = new IpAllowlistFilter(allowed, clientAddressResolver, paths,
				deniedResponse(properties));
		// A resolver of the user's replaces trusted-proxies and client-address-source: report it, not them.
		String customResolver = ReplacedBeans.replacement(beanFactory, "sharedDataClientAddressResolver",
				ClientAddressResolver.class, clientAddressResolver);
		// REQUEST only: see IpAllowlistFilter for why forwards, includes and error dispatches
		// need no check of their own.
		return SharedDataFilters.register(filter, FILTER_NAME, properties.getOrder(), DispatcherType.REQUEST)
			.describedAs("ip allow-list", summary(properties, customResolver), settings(properties, customResolver));
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

	private static String clientAddressSource(IpAllowlistProperties properties) {
		return properties.getClientAddressSource().name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** For example {@code 4 addresses on [/admin/**] except [/health], client from peer, deny 403}. */
	private static String summary(IpAllowlistProperties properties, @Nullable String customResolver) {
		int addresses = properties.getAddresses().size();
		return addresses + ((addresses == 1) ? " address" : " addresses") + " on "
				+ (properties.getPaths().isEmpty() ? "every path" : properties.getPaths().toString())
				+ (properties.getExcludePaths().isEmpty() ? "" : " except " + properties.getExcludePaths())
				+ ", client from " + ((customResolver != null) ? customResolver : clientAddressSource(properties))
				+ ", deny " + properties.getDenyStatus();
	}

	private static Map<String, Object> settings(IpAllowlistProperties properties, @Nullable String customResolver) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("addresses", List.copyOf(properties.getAddresses()));
		settings.put("paths", List.copyOf(properties.getPaths()));
		settings.put("exclude-paths", List.copyOf(properties.getExcludePaths()));
		if (customResolver != null) {
			settings.put("client-address-resolver", customResolver);
		}
		else {
			settings.put("trusted-proxies", List.copyOf(properties.getTrustedProxies()));
			settings.put("client-address-source", clientAddressSource(properties));
		}
		settings.put("deny-status", properties.getDenyStatus());
		settings.put("order", properties.getOrder());
		return settings;
	}

}
