package io.shareddata.autoconfigure.dispatch;

import java.util.List;

import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.StartUpFailures;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.dispatch.DispatchFilter;
import io.shareddata.dispatch.ProxyTransport;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ClientAddressAutoConfiguration.class, DispatchAutoConfiguration.class))
		.withUserConfiguration(Targets.class);

	@Test
	void filterIsAutoConfigured() {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/app2", "shareddata.dispatch.mounts[0].servlet=app2",
					"shareddata.dispatch.mounts[1].path=/legacy",
					"shareddata.dispatch.mounts[1].forward=/internal/legacy",
					"shareddata.dispatch.mounts[2].path=/api", "shareddata.dispatch.mounts[2].url=http://127.0.0.1:9/b",
					"shareddata.dispatch.mounts[3].path=/handler", "shareddata.dispatch.mounts[3].servlet=handler",
					"shareddata.dispatch.mounts[4].path=/app2/again", "shareddata.dispatch.mounts[4].servlet=app2")
			.run((context) -> {
				assertThat(context).hasSingleBean(ProxyTransport.class);
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isInstanceOf(DispatchFilter.class);
				assertThat(registration.getFilterName()).isEqualTo("sharedDataDispatchFilter");
				assertThat(registration.getOrder()).isEqualTo(-60);
			});
	}

	@Test
	void filterDisabledWithoutMounts() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context).doesNotHaveBean(ProxyTransport.class);
		});
	}

	@Test
	void filterCanBeDisabled() {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.enabled=false", "shareddata.dispatch.mounts[0].path=/app2",
					"shareddata.dispatch.mounts[0].servlet=unknown")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void filterOrderCanBeChanged() {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.order=7", "shareddata.dispatch.mounts[0].path=/legacy",
					"shareddata.dispatch.mounts[0].forward=/internal")
			.run((context) -> assertThat(context.getBean(FilterRegistrationBean.class).getOrder()).isEqualTo(7));
	}

	@Test
	void filterCanBeOverridden() {
		this.contextRunner.withUserConfiguration(CustomFilter.class)
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/app2",
					"shareddata.dispatch.mounts[0].servlet=unknown")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(DispatchFilter.class)
				.isSameAs(context.getBean(CustomFilter.class).filter));
	}

	@Test
	void proxyTransportCanBeOverridden() {
		this.contextRunner.withBean("customTransport", ProxyTransport.class, ProxyTransport::new)
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/api",
					"shareddata.dispatch.mounts[0].url=https://example.org")
			.run((context) -> assertThat(context).hasSingleBean(ProxyTransport.class)
				.hasBean("customTransport")
				.hasSingleBean(FilterRegistrationBean.class));
	}

	@Test
	void filterBacksOffInANonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ClientAddressAutoConfiguration.class, DispatchAutoConfiguration.class))
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/legacy",
					"shareddata.dispatch.mounts[0].forward=/internal")
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchProperties.class)
				.doesNotHaveBean(ProxyTransport.class));
	}

	@Test
	void filterBacksOffWithoutSpringWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpRequestHandler.class))
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/legacy",
					"shareddata.dispatch.mounts[0].forward=/internal")
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchProperties.class));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			path    | app2         | shareddata.dispatch.mounts[0].path      | write it as '/app2'
			path    | /app2/       | shareddata.dispatch.mounts[0].path      | write it as '/app2'
			path    | /            | shareddata.dispatch.mounts[0].path      | mount under a prefix
			path    | /a//b        | shareddata.dispatch.mounts[0].path      | as the container normalises it
			path    | /a\\b        | shareddata.dispatch.mounts[0].path      | as the container normalises it
			servlet | unknown      | shareddata.dispatch.mounts[0].servlet   | define a Servlet or HttpRequestHandler bean named 'unknown'
			servlet | notAServlet  | shareddata.dispatch.mounts[0].servlet   | name a Servlet or HttpRequestHandler bean
			servlet | registered   | shareddata.dispatch.mounts[0].servlet   | @ServletRegistration(enabled = false)
			servlet | registeredByBean | shareddata.dispatch.mounts[0].servlet | @ServletRegistration(enabled = false)
			forward | internal     | shareddata.dispatch.mounts[0].forward   | '/internal/legacy'
			forward | /a/../b      | shareddata.dispatch.mounts[0].forward   | '/internal/legacy'
			url     | ftp://h/x    | shareddata.dispatch.mounts[0].url       | http or https URL
			url     | 127.0.0.1:9  | shareddata.dispatch.mounts[0].url       | http or https URL
			url     | http://h/x?q | shareddata.dispatch.mounts[0].url       | scheme://host
			url     | http:///x    | shareddata.dispatch.mounts[0].url       | scheme://host
			url     | http://u:p@h/x | shareddata.dispatch.mounts[0].url     | scheme://host
			""")
	void invalidMountFailsAtStartUp(String key, String value, String property, String action) {
		String path = key.equals("path") ? value : "/m";
		String target = key.equals("path") ? "forward=/internal" : key + "=" + value;
		this.contextRunner.withUserConfiguration(RegisteredServlets.class)
			.withPropertyValues("shareddata.dispatch.mounts[0].path=" + path, "shareddata.dispatch.mounts[0]." + target)
			.run(failsWith(property, action));
	}

	@Test
	void twoMountsWithTheSamePathFailAtStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a", "shareddata.dispatch.mounts[0].forward=/x",
					"shareddata.dispatch.mounts[1].path=/b", "shareddata.dispatch.mounts[1].forward=/y",
					"shareddata.dispatch.mounts[2].path=/a", "shareddata.dispatch.mounts[2].forward=/z")
			.run(failsWith("shareddata.dispatch.mounts[2].path", "give each mount its own path"));
	}

	@Test
	void mountWithoutTargetFailsAtStartUp() {
		this.contextRunner.withPropertyValues("shareddata.dispatch.mounts[0].path=/a")
			.run(failsWith("shareddata.dispatch.mounts[0]", "set exactly one of"));
	}

	@Test
	void mountWithSeveralTargetsFailsAtStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a", "shareddata.dispatch.mounts[0].forward=/x",
					"shareddata.dispatch.mounts[0].url=http://127.0.0.1:9")
			.run(failsWith("shareddata.dispatch.mounts[0]", "set exactly one of"));
	}

	@Test
	void mountWithoutPathFailsAtStartUp() {
		this.contextRunner.withPropertyValues("shareddata.dispatch.mounts[0].forward=/x")
			.run(failsWith("shareddata.dispatch.mounts[0].path", "set it to the path prefix"));
	}

	@Test
	void nonPositiveTimeoutFailsAtStartUp() {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a",
					"shareddata.dispatch.mounts[0].url=http://127.0.0.1:9", "shareddata.dispatch.mounts[0].read-timeout=0s")
			.run(failsWith("shareddata.dispatch.mounts[0].read-timeout", "positive"));
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a",
					"shareddata.dispatch.mounts[0].url=http://127.0.0.1:9",
					"shareddata.dispatch.mounts[0].connect-timeout=-1s")
			.run(failsWith("shareddata.dispatch.mounts[0].connect-timeout", "positive"));
	}

	@Test
	void maxResponseHeaderSizeDefaultsToSixKilobytesAndCanBeSetPerMount() {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a",
					"shareddata.dispatch.mounts[0].url=http://127.0.0.1:9", "shareddata.dispatch.mounts[1].path=/b",
					"shareddata.dispatch.mounts[1].url=http://127.0.0.1:9",
					"shareddata.dispatch.mounts[1].max-response-header-size=12KB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<DispatchProperties.Mount> mounts = context.getBean(DispatchProperties.class).getMounts();
				assertThat(mounts.get(0).getMaxResponseHeaderSize()).isEqualTo(DataSize.ofKilobytes(6));
				assertThat(mounts.get(1).getMaxResponseHeaderSize()).isEqualTo(DataSize.ofKilobytes(12));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "0B", "-1KB" })
	void nonPositiveMaxResponseHeaderSizeFailsAtStartUp(String size) {
		StartUpFailures.assertStartUpFailure(
				this.contextRunner.withPropertyValues("shareddata.dispatch.mounts[0].path=/a",
						"shareddata.dispatch.mounts[0].url=http://127.0.0.1:9",
						"shareddata.dispatch.mounts[0].max-response-header-size=" + size),
				"shareddata.dispatch.mounts[0].max-response-header-size", "positive size");
	}

	@ParameterizedTest
	@ValueSource(strings = { "read-timeout=110000d", "connect-timeout=3651d" })
	void aTimeoutBeyondTenYearsFailsAtStartUp(String setting) {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a",
					"shareddata.dispatch.mounts[0].url=http://127.0.0.1:9", "shareddata.dispatch.mounts[0]." + setting)
			.run(failsWith("shareddata.dispatch.mounts[0]." + setting.substring(0, setting.indexOf('=')),
					"at most '3650d'"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:99999/base", "http://127.0.0.1:0/base" })
	void aProxyPortOutOfRangeFailsAtStartUp(String url) {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a", "shareddata.dispatch.mounts[0].url=" + url)
			.run(failsWith("shareddata.dispatch.mounts[0].url", "1 to 65535"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://user:s3cr@t@127.0.0.1:9/base | shareddata.dispatch.mounts[0].forward=/x
			http://user:s3cr@t@127.0.0.1:9/base | shareddata.dispatch.mounts[0].read-timeout=0s
			http://user:s3cr@t@127.0.0.1:9/base | shareddata.dispatch.mounts[0].connect-timeout=2s
			http://user:s3cr/t@127.0.0.1:9/base | shareddata.dispatch.mounts[0].connect-timeout=2s
			http://user:s3cr#t@127.0.0.1:9/base | shareddata.dispatch.mounts[0].connect-timeout=2s
			http://user:s3cr?t@127.0.0.1:9/base | shareddata.dispatch.mounts[0].forward=/x
			http://127.0.0.1:9/base?access_token=s3cr | shareddata.dispatch.mounts[0].connect-timeout=2s
			http://127.0.0.1:9/base?access_token=s3cr | shareddata.dispatch.mounts[0].forward=/x
			http://127.0.0.1:9/base#access_token=s3cr | shareddata.dispatch.mounts[0].connect-timeout=2s
			http://127.0.0.1:9/base?key=s3cr^t | shareddata.dispatch.mounts[0].connect-timeout=2s
			http://127.0.0.1:9/base?user=me@example.com&key=s3cr | shareddata.dispatch.mounts[0].connect-timeout=2s
			http://127.0.0.1:9/base?user=me@example.com&key=s3cr^t | shareddata.dispatch.mounts[0].connect-timeout=2s
			""")
	void theStartUpReportNeverShowsProxyCredentials(String url, String otherSetting) {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a", "shareddata.dispatch.mounts[0].url=" + url,
					otherSetting)
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null) {
					assertThat(failure.getMessage()).doesNotContain("s3cr");
					failure = failure.getCause();
				}
			});
	}

	@Test
	void theStartUpReportShowsTheHostOfAProxyUrlWithAnAtSignInItsQuery() {
		this.contextRunner
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/a",
					"shareddata.dispatch.mounts[0].url=http://127.0.0.1:9/base?user=me@example.com&key=s3cr")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(SharedDataConfigurationException.class,
						(ex) -> assertThat(ex.getValue()).isEqualTo("http://127.0.0.1:9/base?****")));
	}

	private static ContextConsumer<AssertableWebApplicationContext> failsWith(String property, String action) {
		return (context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOfSatisfying(SharedDataConfigurationException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getAction()).contains(action);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Targets {

		@Bean
		@ServletRegistration(enabled = false)
		Servlet app2() {
			return new HttpServlet() {
			};
		}

		@Bean
		HttpRequestHandler handler() {
			return (request, response) -> response.setStatus(204);
		}

		@Bean
		String notAServlet() {
			return "not a servlet";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RegisteredServlets {

		@Bean
		Servlet registered() {
			return new HttpServlet() {
			};
		}

		@Bean
		@ServletRegistration(enabled = false)
		Servlet registeredByBean() {
			return new HttpServlet() {
			};
		}

		@Bean
		ServletRegistrationBean<Servlet> registeredByBeanRegistration(Servlet registeredByBean) {
			return new ServletRegistrationBean<>(registeredByBean, "/elsewhere/*");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFilter {

		final DispatchFilter filter = new DispatchFilter(java.util.List.of());

		@Bean
		DispatchFilter customDispatchFilter() {
			return this.filter;
		}

	}

}
