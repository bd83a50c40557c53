package io.shareddata.autoconfigure.net;

import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.PeerClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ClientAddressResolver} shared by every shareddata feature.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(HttpServletRequest.class)
public final class ClientAddressAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientAddressResolver sharedDataClientAddressResolver() {
		return new PeerClientAddressResolver();
	}

}
