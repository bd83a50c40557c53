package io.shareddata.autoconfigure.net;

import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.PeerClientAddressResolver;
import io.shareddata.net.TrustedProxyClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;

import static io.shareddata.autoconfigure.StartupFailures.assertConfigurationFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientAddressAutoConfiguration}.
 */
class ClientAddressAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ClientAddressAutoConfiguration.class));

	@Test
	void resolverIsAutoConfiguredForThePeer() {
		this.contextRunner.run((context) -> {
			ClientAddressResolver resolver = context.getBean(ClientAddressResolver.class);
			assertThat(resolver).isInstanceOf(TrustedProxyClientAddressResolver.class);
			MockHttpServletRequest request = request("127.0.0.1", "203.0.113.9");
			assertThat(resolver.resolveClientAddress(request)).isEqualTo("127.0.0.1");
			assertThat(resolver.isFromTrustedProxy(request)).isFalse();
		});
	}

	@Test
	void resolverUsesTrustedProxiesAndSource() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.trusted-proxies=10.0.0.0/8,::1",
					"shareddata.ip-allowlist.client-address-source=x-forwarded-for")
			.run((context) -> {
				ClientAddressResolver resolver = context.getBean(ClientAddressResolver.class);
				assertThat(resolver.resolveClientAddress(request("10.1.2.3", "203.0.113.9"))).isEqualTo("203.0.113.9");
				assertThat(resolver.resolveClientAddress(request("::1", "203.0.113.9"))).isEqualTo("203.0.113.9");
				assertThat(resolver.resolveClientAddress(request("192.0.2.1", "203.0.113.9"))).isEqualTo("192.0.2.1");
				assertThat(resolver.isFromTrustedProxy(request("10.1.2.3", "x"))).isTrue();
			});
	}

	@Test
	void resolverIsConfiguredWhenAllowlistIsDisabled() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.enabled=false", "shareddata.ip-allowlist.trusted-proxies=10.0.0.1",
					"shareddata.ip-allowlist.client-address-source=forwarded")
			.run((context) -> {
				ClientAddressResolver resolver = context.getBean(ClientAddressResolver.class);
				MockHttpServletRequest request = request("10.0.0.1", "ignored");
				request.addHeader("Forwarded", "for=\"[2001:db8::7]:443\"");
				assertThat(resolver.resolveClientAddress(request)).isEqualTo("2001:db8::7");
			});
	}

	@Test
	void resolverCanBeOverridden() {
		this.contextRunner.withBean("myResolver", ClientAddressResolver.class, PeerClientAddressResolver::new)
			.withPropertyValues("shareddata.ip-allowlist.trusted-proxies=not-validated-when-overridden")
			.run((context) -> assertThat(context).hasSingleBean(ClientAddressResolver.class)
				.getBean(ClientAddressResolver.class)
				.isInstanceOf(PeerClientAddressResolver.class));
	}

	@Test
	void invalidTrustedProxyFailsStartUpNamingTheEntry() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.trusted-proxies=10.0.0.1,proxy.internal")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.trusted-proxies[1]", "proxy.internal",
					"host names are never resolved"));
	}

	@Test
	void trustedProxyWithHostBitsFailsStartUpWithTheCorrection() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.trusted-proxies=10.1.2.3/8")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.trusted-proxies[0]",
					"10.1.2.3/8 has host bits set; did you mean 10.0.0.0/8?", "write it as 10.0.0.0/8"));
	}

	@Test
	void headerSourceWithoutTrustedProxiesFailsStartUp() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.client-address-source=x-forwarded-for")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.client-address-source",
					"'x-forwarded-for'", "set client-address-source to peer"));
	}

	@Test
	void resolverBacksOffWithoutWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ClientAddressAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientAddressResolver.class));
	}

	@Test
	void resolverBacksOffWithoutServletApi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServletRequest.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientAddressResolver.class));
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		request.addHeader("X-Forwarded-For", forwardedFor);
		return request;
	}

}
