package io.shareddata.autoconfigure.net;

import java.util.Locale;

import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.access.IpAllowlistProperties;
import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.ClientAddressSource;
import io.shareddata.net.IpAddressSet;
import io.shareddata.net.TrustedProxyClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ClientAddressResolver} shared by every shareddata feature,
 * from {@code shareddata.ip-allowlist.trusted-proxies} and
 * {@code shareddata.ip-allowlist.client-address-source}. It applies even when the allow-list
 * itself is disabled, since request logging, custom headers and mounts use it too.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(HttpServletRequest.class)
@EnableConfigurationProperties(IpAllowlistProperties.class)
public final class ClientAddressAutoConfiguration {

	private static final String PREFIX = "shareddata.ip-allowlist.";

	@Bean
	@ConditionalOnMissingBean
	ClientAddressResolver sharedDataClientAddressResolver(IpAllowlistProperties properties) {
		IpAddressSet trustedProxies = ConfiguredAddresses.parse(PREFIX + "trusted-proxies",
				properties.getTrustedProxies());
		ClientAddressSource source = properties.getClientAddressSource();
		if (source != ClientAddressSource.PEER && trustedProxies.isEmpty()) {
			// Otherwise the setting would silently do nothing: without a trusted proxy no
			// forwarding header is ever believed.
			throw new SharedDataConfigurationException(PREFIX + "client-address-source",
					source.name().toLowerCase(Locale.ROOT).replace('_', '-'),
					"forwarding headers are only believed from trusted proxies, and "
							+ PREFIX + "trusted-proxies is empty",
					"list your reverse proxies' addresses under " + PREFIX
							+ "trusted-proxies, or set client-address-source to peer");
		}
		return new TrustedProxyClientAddressResolver(source, trustedProxies);
	}

}
