package io.shareddata.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import io.shareddata.autoconfigure.access.IpAllowlistAutoConfiguration;
import io.shareddata.autoconfigure.chain.SharedDataChainAutoConfiguration;
import io.shareddata.autoconfigure.dispatch.DispatchAutoConfiguration;
import io.shareddata.autoconfigure.files.FilesAutoConfiguration;
import io.shareddata.autoconfigure.headers.HeadersAutoConfiguration;
import io.shareddata.autoconfigure.logging.RequestLoggingAutoConfiguration;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.headers.HeadersFilter;
import io.shareddata.logging.RequestLoggingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static io.shareddata.autoconfigure.StartUpFailures.assertStartUpFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature switches ({@code shareddata.<feature>.enabled}) are read by Spring Boot's
 * {@code @ConditionalOnBooleanProperty}, which takes any value but {@code true} as false: every
 * other value fails start-up instead of silently switching the feature off. The security
 * preset ({@code shareddata.headers.security-preset}) is a setting, read as the binder reads
 * the properties class, so its condition and its bound value never disagree.
 */
class FeatureSwitchesTests {

	@TempDir
	static Path site;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SharedDataChainAutoConfiguration.class,
				ClientAddressAutoConfiguration.class,
				RequestLoggingAutoConfiguration.class, HeadersAutoConfiguration.class,
				IpAllowlistAutoConfiguration.class, DispatchAutoConfiguration.class, FilesAutoConfiguration.class))
		.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1", "shareddata.dispatch.mounts[0].path=/legacy",
				"shareddata.dispatch.mounts[0].forward=/internal", "shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=file:" + site);

	@ParameterizedTest
	@ValueSource(strings = { "shareddata.files.enabled", "shareddata.dispatch.enabled", "shareddata.headers.enabled",
			"shareddata.request-logging.enabled", "shareddata.headers.security-preset" })
	void aSwitchThatIsNotABooleanFailsStartUp(String property) {
		assertStartUpFailure(this.contextRunner.withPropertyValues(property + "=maybe"), property, "true or false");
	}

	@Test
	void anAllowListSwitchThatIsNotABooleanFailsStartUp() {
		// The client address resolver binds the allow-list's properties even when it is off, so
		// Spring Boot's own binding failure may name the property first
		this.contextRunner.withPropertyValues("shareddata.ip-allowlist.enabled=maybe").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maybe");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("shareddata.ip-allowlist.enabled");
		});
	}

	@Test
	void theSecurityPresetIsOnWithoutRulesAsWithThem() {
		// The binder reads 'on' as true, so with a rule the preset's headers were written;
		// without one the condition compared the text with "true" and registered no filter.
		this.contextRunner.withPropertyValues("shareddata.headers.security-preset=on").run((context) -> {
			assertThat(context).hasBean("sharedDataHeadersFilter");
			HeadersFilter filter = (HeadersFilter) context.getBean("sharedDataHeadersFilter", FilterRegistrationBean.class)
				.getFilter();
			assertThat(filter.getRules()).isNotEmpty();
		});
	}

	@Test
	void aSwitchSetAsAnEnvironmentVariableApplies() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("SHAREDDATA_FILES_ENABLED", "false", "SHAREDDATA_REQUESTLOGGING_ENABLED", "TRUE"))))
			.run((context) -> assertThat(context).hasBean("sharedDataRequestLoggingFilter")
				.hasBean("sharedDataDispatchFilter")
				.doesNotHaveBean("sharedDataFilter"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "on", "1", "", "ture" })
	void aFeatureSwitchOtherThanTrueOrFalseFailsStartUp(String value) {
		// Spring Boot's condition would read each of these as false and leave the feature off
		assertStartUpFailure(this.contextRunner.withPropertyValues("shareddata.files.enabled=" + value),
				"shareddata.files.enabled", "true or false");
	}

	@Test
	void aFeatureSwitchIgnoresCase() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=TRUE", "shareddata.files.enabled=False")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("sharedDataRequestLoggingFilter").doesNotHaveBean("sharedDataFilter");
				assertThat(context.getBean("sharedDataRequestLoggingFilter", FilterRegistrationBean.class).getFilter())
					.isInstanceOf(RequestLoggingFilter.class);
			});
	}

	@Test
	void theSecurityPresetIsReadAsTheBinderReadsABoolean() {
		this.contextRunner.withPropertyValues("shareddata.headers.security-preset=yes")
			.run((context) -> assertThat(context).hasBean("sharedDataHeadersFilter"));
	}

}
