package io.shareddata.autoconfigure.access;

import io.shareddata.access.AccessPaths;
import io.shareddata.access.DeniedResponse;
import io.shareddata.access.IpAllowlistFilter;
import io.shareddata.autoconfigure.SharedDataFilterOrder;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.net.IpAddressSet;
import io.shareddata.net.PeerClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.ApplicationContextAssert.Scope;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.pattern.PathPatternParser;

import static io.shareddata.access.FilterExchanges.request;
import static io.shareddata.access.FilterExchanges.status;
import static io.shareddata.autoconfigure.StartupFailures.assertConfigurationFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpAllowlistAutoConfiguration}.
 */
class IpAllowlistAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ClientAddressAutoConfiguration.class, IpAllowlistAutoConfiguration.class));

	@Test
	void filterIsAutoConfiguredWhenAddressesAreSet() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1,::1").run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(IpAllowlistFilter.class);
			assertThat(registration.getFilterName()).isEqualTo(IpAllowlistAutoConfiguration.FILTER_NAME);
			assertThat(registration.getOrder()).isEqualTo(SharedDataFilterOrder.IP_ALLOWLIST);
			assertThat(registration.getUrlPatterns()).containsExactly("/*");
			assertThat(registration).extracting("dispatcherTypes")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
				.containsExactly(DispatcherType.REQUEST);
			assertThat(status(registration.getFilter(), "127.0.0.1", "/x")).isEqualTo(200);
			assertThat(status(registration.getFilter(), "127.0.0.2", "/x")).isEqualTo(403);
		});
	}

	@Test
	void filterIsAutoConfiguredFromYamlStyleList() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses[0]=10.0.0.0/8",
					"shareddata.ip-allowlist.addresses[1]=2001:db8::/32", "shareddata.ip-allowlist.paths[0]=/admin/**",
					"shareddata.ip-allowlist.exclude-paths[0]=/admin/health", "shareddata.ip-allowlist.deny-status=404",
					"shareddata.ip-allowlist.order=5")
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getOrder()).isEqualTo(5);
				Filter filter = registration.getFilter();
				assertThat(status(filter, "2001:db8::1", "/admin")).isEqualTo(200);
				assertThat(status(filter, "192.0.2.1", "/admin")).isEqualTo(404);
				assertThat(status(filter, "192.0.2.1", "/admin/health")).isEqualTo(200);
				assertThat(status(filter, "192.0.2.1", "/public")).isEqualTo(200);
			});
	}

	@Test
	void filterUsesTheSharedClientAddressResolver() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses=203.0.113.0/24",
					"shareddata.ip-allowlist.trusted-proxies=10.0.0.1",
					"shareddata.ip-allowlist.client-address-source=x-forwarded-for")
			.run((context) -> {
				Filter filter = context.getBean(FilterRegistrationBean.class).getFilter();
				MockHttpServletRequest viaProxy = request("10.0.0.1", "/");
				viaProxy.addHeader("X-Forwarded-For", "203.0.113.5");
				assertThat(status(filter, viaProxy)).isEqualTo(200);
				MockHttpServletRequest spoofed = request("198.51.100.1", "/");
				spoofed.addHeader("X-Forwarded-For", "203.0.113.5");
				assertThat(status(filter, spoofed)).isEqualTo(403);
			});
	}

	@Test
	void filterIsNotRegisteredWithoutAddresses() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.paths=/admin/**")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void filterIsNotRegisteredWithEmptyAddresses() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void addressesEmptiedByAHigherPropertySourceMeanNoAllowList() {
		// application.yml lists addresses; an environment variable (SHAREDDATA_IPALLOWLIST_ADDRESSES=)
		// empties the list for one deployment. The bound list is empty, so there is no allow-list,
		// never one that denies everyone.
		this.contextRunner.withSystemProperties("shareddata.ip-allowlist.addresses[0]=10.0.0.1")
			.withPropertyValues("shareddata.ip-allowlist.addresses=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(IpAllowlistProperties.class).getAddresses()).isEmpty();
				assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			});
	}

	@Test
	void filterCanBeDisabled() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.enabled=false", "shareddata.ip-allowlist.addresses=127.0.0.1")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.hasSingleBean(io.shareddata.net.ClientAddressResolver.class));
	}

	@Test
	void filterCanBeOverridden() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1")
			.withBean("myAllowlist", IpAllowlistFilter.class,
					() -> new IpAllowlistFilter(IpAddressSet.empty(), new PeerClientAddressResolver(),
							AccessPaths.all(), DeniedResponse.of(403, null)))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.hasSingleBean(IpAllowlistFilter.class)
				.hasBean("myAllowlist"));
	}

	@Test
	void aManagementChildContextRegistersTheAllowListToo() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1")
			// The child's own bean: getBean on the child would find the parent's
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child)
				.getBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
				.isSameAs(parent.getBean(IpAllowlistAutoConfiguration.FILTER_NAME))));
	}

	@Test
	void aManagementChildContextRegistersNothingWithoutAnAllowList() {
		this.contextRunner.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
			.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)));
	}

	@Test
	void aManagementChildContextLeavesAFilterBeanNamedLikeTheRegistrationOnTheApplicationsPort() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1")
			.withBean(IpAllowlistAutoConfiguration.FILTER_NAME, IpAllowlistFilter.class,
					() -> new IpAllowlistFilter(IpAddressSet.empty(), new PeerClientAddressResolver(),
							AccessPaths.all(), DeniedResponse.of(403, null)))
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
				.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
				.doesNotHaveBean(IpAllowlistFilter.class, Scope.NO_ANCESTORS)));
	}

	private static WebApplicationContextRunner managementChildOf(ApplicationContext parent) {
		return new WebApplicationContextRunner().withParent(parent)
			.withUserConfiguration(IpAllowlistManagementChildContextConfiguration.class);
	}

	@Test
	void filterBacksOffWithoutWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ClientAddressAutoConfiguration.class, IpAllowlistAutoConfiguration.class))
			.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void filterBacksOffWithoutSpringWeb() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1")
			.withClassLoader(new FilteredClassLoader(PathPatternParser.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void invalidAddressFailsStartUpNamingTheEntry() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1,localhost")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.addresses[1]", "'localhost'",
					"host names are never resolved"));
	}

	@Test
	void shorthandAddressFailsStartUp() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses[0]=::1",
				"shareddata.ip-allowlist.addresses[1]=10.0.0.0/8", "shareddata.ip-allowlist.addresses[2]=127.1")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.addresses[2]", "'127.1'",
					"192.0.2.1"));
	}

	@Test
	void hostBitsFailStartUpWithTheCorrection() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=2001:db8::1/32")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.addresses[0]",
					"did you mean 2001:db8::/32?", "write it as 2001:db8::/32"));
	}

	@Test
	void badPrefixLengthFailsStartUp() {
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.addresses=10.0.0.0/33")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.addresses[0]", "0 to 32 for IPv4",
					"CIDR range"));
	}

	@Test
	void invalidDenyStatusFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1", "shareddata.ip-allowlist.deny-status=401")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.deny-status", "'401'", "403 or 404"));
	}

	@Test
	void oversizedDenyBodyFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1",
					"shareddata.ip-allowlist.deny-body=" + "x".repeat(5000))
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.deny-body", "5000 characters",
					"short sentence"));
	}

	@Test
	void denyBodyOfAtMost4096CharactersIsAccepted() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1",
					"shareddata.ip-allowlist.deny-body=" + "x".repeat(4096))
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1",
					"shareddata.ip-allowlist.deny-body=" + "x".repeat(4097))
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.deny-body", "4097 characters",
					"short sentence"));
	}

	@Test
	void pathWithoutSlashFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1",
					"shareddata.ip-allowlist.paths=/ok,admin/**")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.paths[1]", "must start with '/'",
					"'/admin/**'"));
	}

	@Test
	void invalidPathPatternFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1",
					"shareddata.ip-allowlist.exclude-paths=/a/**/b")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.exclude-paths[0]",
					"at position", "Spring path pattern"));
	}

	@Test
	void emptyAddressEntryFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.addresses[0]=127.0.0.1", "shareddata.ip-allowlist.addresses[1]=")
			.run((context) -> assertConfigurationFailure(context, "shareddata.ip-allowlist.addresses[1]",
					"an entry is empty", "remove it"));
	}

}
