package io.shareddata.autoconfigure.headers;

import java.util.List;

import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.headers.HeaderMode;
import io.shareddata.headers.HeaderRule;
import io.shareddata.headers.HeadersFilter;
import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssert.Scope;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HeadersAutoConfiguration}.
 */
class HeadersAutoConfigurationTests {

	private static final String[] ONE_RULE = { "shareddata.headers.rules[0].name=X-Powered-By",
			"shareddata.headers.rules[0].value=MyAwesomeApp" };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeadersAutoConfiguration.class, ClientAddressAutoConfiguration.class));

	@Test
	void filterIsAutoConfiguredWhenThereAreRules() {
		this.contextRunner.withPropertyValues(ONE_RULE).run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(HeadersFilter.class);
			assertThat(registration.getFilterName()).isEqualTo("sharedDataHeadersFilter");
			assertThat(registration.getOrder()).isEqualTo(-2147483628);
			assertThat(registration.getUrlPatterns()).containsExactly("/*");
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR, DispatcherType.FORWARD);
			HeaderRule rule = ((HeadersFilter) registration.getFilter()).getRules().get(0);
			assertThat(rule.getName()).isEqualTo("X-Powered-By");
			assertThat(rule.getValue()).isEqualTo("MyAwesomeApp");
			assertThat(rule.getMode()).isEqualTo(HeaderMode.SET_IF_ABSENT);
		});
	}

	@Test
	void modeIsBoundFromItsKebabCaseName() {
		this.contextRunner
			.withPropertyValues("shareddata.headers.rules[0].name=X-A", "shareddata.headers.rules[0].value=1",
					"shareddata.headers.rules[0].mode=set", "shareddata.headers.rules[1].name=X-B",
					"shareddata.headers.rules[1].mode=remove", "shareddata.headers.rules[2].name=X-C",
					"shareddata.headers.rules[2].value=3", "shareddata.headers.rules[2].mode=set-if-absent")
			.run((context) -> assertThat(filter(context).getRules()).extracting(HeaderRule::getMode)
				.containsExactly(HeaderMode.SET, HeaderMode.REMOVE, HeaderMode.SET_IF_ABSENT));
	}

	@Test
	void filterIsAutoConfiguredWithTheSecurityPresetAlone() {
		this.contextRunner.withPropertyValues("shareddata.headers.security-preset=true")
			.run((context) -> assertThat(filter(context).getRules()).extracting(HeaderRule::getName)
				.containsExactly("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
						"Cross-Origin-Opener-Policy", "Strict-Transport-Security"));
	}

	@Test
	void securityPresetComesBeforeTheRules() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withPropertyValues("shareddata.headers.security-preset=true")
			.run((context) -> assertThat(filter(context).getRules()).extracting(HeaderRule::getName)
				.endsWith("Strict-Transport-Security", "X-Powered-By"));
	}

	@Test
	void filterNotRegisteredWithoutRulesOrPreset() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context).hasSingleBean(HeadersProperties.class);
		});
	}

	@Test
	void filterCanBeDisabled() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withPropertyValues("shareddata.headers.enabled=false", "shareddata.headers.security-preset=true")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(HeadersProperties.class));
	}

	@Test
	void filterOrderCanBeChanged() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withPropertyValues("shareddata.headers.order=42")
			.run((context) -> assertThat(context.getBean(FilterRegistrationBean.class).getOrder()).isEqualTo(42));
	}

	@Test
	void filterCanBeOverriddenByAFilterBean() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withUserConfiguration(CustomFilterConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
				assertThat(context).hasSingleBean(HeadersFilter.class);
				assertThat(context.getBean(HeadersFilter.class).getRules()).isEmpty();
			});
	}

	@Test
	void filterCanBeOverriddenByARegistration() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withUserConfiguration(CustomRegistrationConfiguration.class)
			.run((context) -> assertThat(context.getBean(FilterRegistrationBean.class).getFilterName())
				.isEqualTo("custom"));
	}

	@Test
	void aManagementChildContextRegistersTheHeadersFilterToo() {
		this.contextRunner.withPropertyValues("shareddata.headers.security-preset=true")
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child)
				.getBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
				.isSameAs(parent.getBean(HeadersAutoConfiguration.FILTER_NAME))));
	}

	@Test
	void aManagementChildContextRegistersNothingWithoutRulesOrPreset() {
		this.contextRunner.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
			.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)));
	}

	@Test
	void aManagementChildContextRegistersNothingWhenHeadersAreDisabled() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withPropertyValues("shareddata.headers.enabled=false")
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
				.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)));
	}

	@Test
	void aManagementChildContextLeavesAReplacementUnderAnotherNameOnTheApplicationsPort() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withUserConfiguration(CustomRegistrationConfiguration.class)
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
				.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)));
	}

	@Test
	void aManagementChildContextCarriesAReplacementRegisteredUnderTheFiltersName() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withUserConfiguration(SameNameRegistrationConfiguration.class)
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child)
				.getBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
				.isSameAs(parent.getBean(HeadersAutoConfiguration.FILTER_NAME))
				.extracting(FilterRegistrationBean::getFilterName)
				.isEqualTo("mine")));
	}

	@Test
	void aManagementChildContextLeavesAFilterBeanNamedLikeTheRegistrationOnTheApplicationsPort() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withBean(HeadersAutoConfiguration.FILTER_NAME, HeadersFilter.class, () -> new HeadersFilter(List.of()))
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
				.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
				.doesNotHaveBean(HeadersFilter.class, Scope.NO_ANCESTORS)));
	}

	private static WebApplicationContextRunner managementChildOf(ApplicationContext parent) {
		return new WebApplicationContextRunner().withParent(parent)
			.withUserConfiguration(HeadersManagementChildContextConfiguration.class);
	}

	@Test
	void hstsUsesTheSharedClientAddressResolver() {
		this.contextRunner.withPropertyValues("shareddata.headers.security-preset=true")
			.withBean(ClientAddressResolver.class, () -> {
				ClientAddressResolver resolver = mock(ClientAddressResolver.class);
				given(resolver.isFromTrustedProxy(any())).willReturn(true);
				return resolver;
			})
			.run((context) -> {
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
				request.addHeader("X-Forwarded-Proto", "https");
				MockHttpServletResponse response = new MockHttpServletResponse();
				filter(context).doFilter(request, response, (req, res) -> {
				});
				assertThat(response.getHeader("Strict-Transport-Security"))
					.isEqualTo("max-age=31536000; includeSubDomains");
			});
	}

	@Test
	void hstsIgnoresForwardedProtoWithTheDefaultResolver() {
		this.contextRunner.withPropertyValues("shareddata.headers.security-preset=true").run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
			request.addHeader("X-Forwarded-Proto", "https");
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter(context).doFilter(request, response, (req, res) -> {
			});
			assertThat(response.containsHeader("Strict-Transport-Security")).isFalse();
			assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		});
	}

	@Test
	void userHstsRuleIsRestrictedToSecureRequests() {
		this.contextRunner
			.withPropertyValues("shareddata.headers.rules[0].name=Strict-Transport-Security",
					"shareddata.headers.rules[0].value=max-age=600", "shareddata.headers.rules[0].mode=set")
			.run((context) -> {
				MockHttpServletResponse response = new MockHttpServletResponse();
				filter(context).doFilter(new MockHttpServletRequest("GET", "/"), response, (req, res) -> {
				});
				assertThat(response.containsHeader("Strict-Transport-Security")).isFalse();
			});
	}

	@Test
	void valueWithCrlfFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.headers.rules[0].name=X-A", "shareddata.headers.rules[1].name=X-B",
					"shareddata.headers.rules[0].value=ok", "shareddata.headers.rules[1].value=a\r\nSet-Cookie: x=1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(SharedDataConfigurationException.class)
					.hasMessageContaining("'shareddata.headers.rules[1].value'")
					.hasMessageContaining("control characters");
				SharedDataConfigurationException ex = (SharedDataConfigurationException) rootCause(context.getStartupFailure());
				assertThat(ex.getProperty()).isEqualTo("shareddata.headers.rules[1].value");
				assertThat(ex.getValue()).isEqualTo("a\r\nSet-Cookie: x=1");
				// What is shown (the start-up report) carries the value escaped, never a raw line break.
				assertThat(ex.getMessage()).doesNotContain("\r", "\n").contains("'a\\r\\nSet-Cookie: x=1'");
				assertThat(ex.getAction()).contains("remove the character");
			});
	}

	@Test
	void nameWithASpaceFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.headers.rules[0].name=X Powered By", "shareddata.headers.rules[0].value=1")
			.run((context) -> {
				assertThat(context).hasFailed();
				SharedDataConfigurationException ex = (SharedDataConfigurationException) rootCause(context.getStartupFailure());
				assertThat(ex.getProperty()).isEqualTo("shareddata.headers.rules[0].name");
				assertThat(ex.getMessage()).contains("RFC 9110 token").contains("a space");
				assertThat(ex.getAction()).contains("no spaces");
			});
	}

	@Test
	void missingValueFailsStartUp() {
		this.contextRunner.withPropertyValues("shareddata.headers.rules[0].name=X-A", "shareddata.headers.rules[0].mode=add")
			.run((context) -> assertThat(rootCause(context.getStartupFailure()))
				.isInstanceOf(SharedDataConfigurationException.class)
				.hasMessageContaining("'shareddata.headers.rules[0].value'")
				.hasMessageContaining("needs a value"));
	}

	@Test
	void invalidPathFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.headers.rules[0].name=X-A", "shareddata.headers.rules[0].value=1",
					"shareddata.headers.rules[0].paths=/ok,docs/**")
			.run((context) -> assertThat(rootCause(context.getStartupFailure()))
				.hasMessageContaining("'shareddata.headers.rules[0].paths[1]'"));
	}

	@Test
	void unknownModeFailsStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.headers.rules[0].name=X-A", "shareddata.headers.rules[0].value=1",
					"shareddata.headers.rules[0].mode=append")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("shareddata.headers.rules[0].mode");
			});
	}

	@Test
	void ruleWithoutANameFailsStartUp() {
		this.contextRunner.withPropertyValues("shareddata.headers.rules[0].value=1")
			.run((context) -> assertThat(rootCause(context.getStartupFailure()))
				.hasMessageContaining("'shareddata.headers.rules[0].name'"));
	}

	@Test
	void filterBacksOffInANonWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeadersAutoConfiguration.class))
			.withPropertyValues(ONE_RULE)
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(HeadersProperties.class));
	}

	@Test
	void filterBacksOffWithoutSpringWeb() {
		this.contextRunner.withPropertyValues(ONE_RULE)
			.withClassLoader(new FilteredClassLoader(PathPattern.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	private static HeadersFilter filter(org.springframework.context.ApplicationContext context) {
		return (HeadersFilter) context.getBean(FilterRegistrationBean.class).getFilter();
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFilterConfiguration {

		@Bean
		HeadersFilter customHeadersFilter() {
			return new HeadersFilter(List.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SameNameRegistrationConfiguration {

		@Bean(HeadersAutoConfiguration.FILTER_NAME)
		FilterRegistrationBean<HeadersFilter> myHeadersFilterRegistration() {
			FilterRegistrationBean<HeadersFilter> registration = new FilterRegistrationBean<>(
					new HeadersFilter(List.of()));
			registration.setName("mine");
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomRegistrationConfiguration {

		@Bean
		FilterRegistrationBean<HeadersFilter> customHeadersFilterRegistration() {
			FilterRegistrationBean<HeadersFilter> registration = new FilterRegistrationBean<>(
					new HeadersFilter(List.of()));
			registration.setName("custom");
			return registration;
		}

	}

}
