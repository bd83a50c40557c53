package io.shareddata.autoconfigure.logging;

import java.util.EnumSet;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.logging.RequestLoggingCompletionHandler;
import io.shareddata.logging.RequestLoggingCompletionListener;
import io.shareddata.logging.RequestLoggingCompletionValve;
import io.shareddata.logging.RequestLoggingConfig;
import io.shareddata.logging.RequestLoggingFilter;
import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssert.Scope;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link RequestLoggingAutoConfiguration}.
 */
class RequestLoggingAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ClientAddressAutoConfiguration.class, RequestLoggingAutoConfiguration.class));

	@Test
	void filterDisabledByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(RequestLoggingProperties.class);
			assertThat(context).doesNotHaveBean("sharedDataRequestLoggingFilter");
			assertThat(context).doesNotHaveBean(RequestLoggingCompletionRegistration.class);
			assertThat(context).doesNotHaveBean(TomcatCompletionValveCustomizer.class);
			assertThat(context).doesNotHaveBean(JettyCompletionHandlerCustomizer.class);
		});
	}

	@Test
	void filterCanBeEnabled() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true").run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("sharedDataRequestLoggingFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(RequestLoggingFilter.class);
			assertThat(registration.getFilterName()).isEqualTo("sharedDataRequestLoggingFilter");
			assertThat(registration.getOrder()).isEqualTo(Integer.MIN_VALUE + 10);
			assertThat(registration.getUrlPatterns()).containsExactly("/*");
			assertThat(registration).extracting("dispatcherTypes")
				.isEqualTo(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR,
						DispatcherType.FORWARD));
			assertThat(context).hasSingleBean(RequestLoggingCompletionRegistration.class);
		});
	}

	@Test
	void completionListenerIsRegisteredOnAServerWithoutTheValve() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true").run((context) -> {
			ServletContext servletContext = mock(ServletContext.class);
			context.getBean(RequestLoggingCompletionRegistration.class).onStartup(servletContext);
			then(servletContext).should().addListener(any(RequestLoggingCompletionListener.class));
		});
	}

	@Test
	void completionValveReplacesTheListenerOnEmbeddedTomcat() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true").run((context) -> {
			TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
			context.getBean(TomcatCompletionValveCustomizer.class).customize(factory);
			assertThat(factory.getEngineValves()).singleElement().isInstanceOf(RequestLoggingCompletionValve.class);
			ServletContext servletContext = mock(ServletContext.class);
			context.getBean(RequestLoggingCompletionRegistration.class).onStartup(servletContext);
			then(servletContext).shouldHaveNoInteractions();
		});
	}

	@Test
	void completionValveNeedsTomcat() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true")
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TomcatCompletionValveCustomizer.class);
				assertThat(context).hasSingleBean(RequestLoggingCompletionRegistration.class);
			});
	}

	@Test
	void completionHandlerReplacesTheListenerOnEmbeddedJetty() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true").run((context) -> {
			ConfigurableJettyWebServerFactory factory = mock(ConfigurableJettyWebServerFactory.class);
			context.getBean(JettyCompletionHandlerCustomizer.class).customize(factory);
			ArgumentCaptor<JettyServerCustomizer> customizer = ArgumentCaptor.captor();
			then(factory).should().addServerCustomizers(customizer.capture());
			Server server = new Server();
			Handler application = new Handler.Abstract() {

				@Override
				public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
						org.eclipse.jetty.util.Callback callback) {
					return false;
				}

			};
			server.setHandler(application);
			customizer.getValue().customize(server);
			assertThat(server.getHandler()).isInstanceOfSatisfying(RequestLoggingCompletionHandler.class,
					(handler) -> assertThat(handler.getHandler()).isSameAs(application));
			ServletContext servletContext = mock(ServletContext.class);
			context.getBean(RequestLoggingCompletionRegistration.class).onStartup(servletContext);
			then(servletContext).shouldHaveNoInteractions();
		});
	}

	@Test
	void completionHandlerNeedsJetty() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true")
			.withClassLoader(new FilteredClassLoader(Server.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(JettyCompletionHandlerCustomizer.class);
				assertThat(context).hasSingleBean(RequestLoggingCompletionRegistration.class);
			});
	}

	@Test
	void aManagementChildContextRegistersTheRequestLoggingFilterToo() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true")
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child)
				.getBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
				.isSameAs(parent.getBean(RequestLoggingAutoConfiguration.FILTER_NAME))));
	}

	@Test
	void aManagementChildContextFinishesLinesOnItsOwnServer() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true")
			.run((parent) -> managementChildOf(parent).run((child) -> {
				RequestLoggingCompletionRegistration registration = child
					.getBean(RequestLoggingCompletionRegistration.class, Scope.NO_ANCESTORS);
				assertThat(registration).isNotSameAs(parent.getBean(RequestLoggingCompletionRegistration.class));
				assertThat(child).getBean(JettyCompletionHandlerCustomizer.class, Scope.NO_ANCESTORS).isNotNull();
				// The management server's factory: a valve on its engine, so no listener
				TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
				child.getBean(TomcatCompletionValveCustomizer.class, Scope.NO_ANCESTORS).customize(factory);
				assertThat(factory.getEngineValves()).singleElement()
					.isInstanceOf(RequestLoggingCompletionValve.class);
				ServletContext servletContext = mock(ServletContext.class);
				registration.onStartup(servletContext);
				then(servletContext).shouldHaveNoInteractions();
			}));
	}

	@Test
	void aManagementChildContextRegistersNothingWhenRequestLoggingIsOff() {
		this.contextRunner.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
			.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
			.doesNotHaveBean(RequestLoggingCompletionRegistration.class, Scope.NO_ANCESTORS)
			.doesNotHaveBean(TomcatCompletionValveCustomizer.class, Scope.NO_ANCESTORS)
			.doesNotHaveBean(JettyCompletionHandlerCustomizer.class, Scope.NO_ANCESTORS)));
	}

	@Test
	void aManagementChildContextLeavesAReplacementUnderAnotherNameOnTheApplicationsPort() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true")
			.withUserConfiguration(CustomFilterConfiguration.class)
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
				.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
				.doesNotHaveBean(RequestLoggingFilter.class, Scope.NO_ANCESTORS)
				.doesNotHaveBean(RequestLoggingCompletionRegistration.class, Scope.NO_ANCESTORS)));
	}

	@Test
	void aManagementChildContextCarriesAReplacementRegisteredUnderTheFiltersName() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true")
			.withUserConfiguration(SameNameRegistrationConfiguration.class)
			.run((parent) -> managementChildOf(parent).run((child) -> {
				assertThat(child).getBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
					.isSameAs(parent.getBean(RequestLoggingAutoConfiguration.FILTER_NAME))
					.extracting(FilterRegistrationBean::getFilterName)
					.isEqualTo("mine");
				assertThat(child).getBean(RequestLoggingCompletionRegistration.class, Scope.NO_ANCESTORS).isNotNull();
			}));
	}

	@Test
	void aManagementChildContextLeavesAFilterBeanNamedLikeTheRegistrationOnTheApplicationsPort() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true")
			.withBean(RequestLoggingAutoConfiguration.FILTER_NAME, RequestLoggingFilter.class,
					() -> new RequestLoggingFilter(RequestLoggingConfig.builder().build()))
			.run((parent) -> managementChildOf(parent).run((child) -> assertThat(child).hasNotFailed()
				.doesNotHaveBean(FilterRegistrationBean.class, Scope.NO_ANCESTORS)
				.doesNotHaveBean(RequestLoggingFilter.class, Scope.NO_ANCESTORS)
				.doesNotHaveBean(RequestLoggingCompletionRegistration.class, Scope.NO_ANCESTORS)));
	}

	private static WebApplicationContextRunner managementChildOf(ApplicationContext parent) {
		return new WebApplicationContextRunner().withParent(parent)
			.withUserConfiguration(RequestLoggingManagementChildContextConfiguration.class);
	}

	@Test
	void filterCanBeDisabled() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("sharedDataRequestLoggingFilter"));
	}

	@Test
	void filterCanBeOverridden() {
		this.contextRunner.withPropertyValues("shareddata.request-logging.enabled=true")
			.withUserConfiguration(CustomFilterConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("sharedDataRequestLoggingFilter");
				assertThat(context).hasSingleBean(RequestLoggingFilter.class);
				assertThat(context).hasBean("customRequestLoggingFilter");
			});
	}

	@Test
	void orderCanBeConfigured() {
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true", "shareddata.request-logging.order=42")
			.run((context) -> assertThat(
					context.getBean("sharedDataRequestLoggingFilter", FilterRegistrationBean.class).getOrder())
				.isEqualTo(42));
	}

	@Test
	void propertiesConfigureTheFilter() {
		this.contextRunner.withUserConfiguration(FixedClientAddressConfiguration.class)
			.withPropertyValues("shareddata.request-logging.enabled=true", "shareddata.request-logging.format=json",
					"shareddata.request-logging.include-query=true",
					"shareddata.request-logging.headers=User-Agent,Authorization",
					"shareddata.request-logging.masked-headers=X-Api-Key",
					"shareddata.request-logging.request-id.header=X-Trace",
					"shareddata.request-logging.request-id.mdc-key=trace",
					"shareddata.request-logging.exclude=/actuator/**", "shareddata.request-logging.logger=test.access",
					"shareddata.request-logging.slow-threshold=1ns")
			.run(logged("test.access", (context, events) -> {
				RequestLoggingFilter filter = filter(context);
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hello");
				request.setServletPath("/hello");
				request.setQueryString("a=1");
				request.addHeader("User-Agent", "curl");
				request.addHeader("Authorization", "Bearer secret");
				request.addHeader("X-Trace", "t-1");
				MockHttpServletResponse response = new MockHttpServletResponse();
				filter.doFilter(request, response, (req, res) -> res.getWriter().write("hi"));
				MockHttpServletRequest excluded = new MockHttpServletRequest("GET", "/actuator/health");
				excluded.setServletPath("/actuator/health");
				filter.doFilter(excluded, new MockHttpServletResponse(), (req, res) -> {
				});
				assertThat(response.getHeader("X-Trace")).isEqualTo("t-1");
				assertThat(events).singleElement().satisfies((event) -> {
					assertThat(event.getLevel()).isEqualTo(Level.WARN);
					assertThat(event.getMDCPropertyMap()).containsEntry("trace", "t-1");
					assertThat(event.getFormattedMessage()).startsWith(
							"{\"method\":\"GET\",\"path\":\"/hello\",\"query\":\"a=1\",\"status\":200,\"bytes\":2,")
						.endsWith(",\"client\":\"198.51.100.1\",\"requestId\":\"t-1\","
								+ "\"headers\":{\"User-Agent\":\"curl\",\"Authorization\":\"****\"}}");
				});
			}));
	}

	@Test
	void filterBacksOffInNonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ClientAddressAutoConfiguration.class, RequestLoggingAutoConfiguration.class))
			.withPropertyValues("shareddata.request-logging.enabled=true")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RequestLoggingProperties.class);
				assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			});
	}

	@Test
	void filterBacksOffWithoutSpringWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(PathPatternParser.class))
			.withPropertyValues("shareddata.request-logging.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestLoggingProperties.class));
	}

	@Test
	void filterBacksOffWithoutSlf4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(org.slf4j.Logger.class))
			.withPropertyValues("shareddata.request-logging.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestLoggingProperties.class));
	}

	@Test
	void jsonFormatWithoutJacksonFailsAtStartup() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson.core"))
			.withPropertyValues("shareddata.request-logging.enabled=true", "shareddata.request-logging.format=json")
			.run(failsWith("shareddata.request-logging.format", "tools.jackson.core:jackson-core"));
	}

	@Test
	void textFormatNeedsNoJackson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson.core"))
			.withPropertyValues("shareddata.request-logging.enabled=true")
			.run((context) -> assertThat(context).hasBean("sharedDataRequestLoggingFilter"));
	}

	@Test
	void invalidExcludePatternFailsAtStartup() {
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true",
					"shareddata.request-logging.exclude=/ok/**,/a/**/b/{x")
			.run(failsWith("shareddata.request-logging.exclude[1]", "path pattern"));
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true", "shareddata.request-logging.exclude=health")
			.run(failsWith("shareddata.request-logging.exclude[0]", "'/health'"));
	}

	@Test
	void invalidHeaderNameFailsAtStartup() {
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true",
					"shareddata.request-logging.headers=User-Agent,User Agent")
			.run(failsWith("shareddata.request-logging.headers[1]", "header name"));
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true",
					"shareddata.request-logging.request-id.header=X-Id:")
			.run(failsWith("shareddata.request-logging.request-id.header", "header name"));
	}

	@Test
	void headerNamedTwiceFailsAtStartup() {
		// Header names ignore case: the value would be logged twice, under two names of one header.
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true",
					"shareddata.request-logging.headers=User-Agent,Referer,user-agent")
			.run(failsWith("shareddata.request-logging.headers[2]", "headers[0]"));
	}

	@Test
	void invalidSlowThresholdFailsAtStartup() {
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true",
					"shareddata.request-logging.slow-threshold=-1s")
			.run(failsWith("shareddata.request-logging.slow-threshold", "positive"));
	}

	@Test
	void slowThresholdBeyondTenYearsFailsAtStartup() {
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true",
					"shareddata.request-logging.slow-threshold=110000d")
			.run(failsWith("shareddata.request-logging.slow-threshold", "at most '3650d'"));
	}

	@Test
	void tooSmallMaxValueLengthFailsAtStartup() {
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true",
					"shareddata.request-logging.max-value-length=3")
			.run(failsWith("shareddata.request-logging.max-value-length", "at least 16"));
	}

	@Test
	void blankMdcKeyFailsAtStartup() {
		this.contextRunner
			.withPropertyValues("shareddata.request-logging.enabled=true",
					"shareddata.request-logging.request-id.mdc-key= ")
			.run(failsWith("shareddata.request-logging.request-id.mdc-key", "blank"));
	}

	private static RequestLoggingFilter filter(AssertableWebApplicationContext context) {
		return (RequestLoggingFilter) context.getBean("sharedDataRequestLoggingFilter", FilterRegistrationBean.class)
			.getFilter();
	}

	private static ContextConsumer<AssertableWebApplicationContext> failsWith(String property, String text) {
		return (context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(SharedDataConfigurationException.class)
				.satisfies((ex) -> assertThat(((SharedDataConfigurationException) ex).getProperty()).isEqualTo(property))
				.satisfies((ex) -> assertThat(ex.getMessage() + " "
						+ ((SharedDataConfigurationException) ex).getAction()).contains(text));
		};
	}

	private static ContextConsumer<AssertableWebApplicationContext> logged(String loggerName,
			LoggedAssertion assertion) {
		return (context) -> {
			Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
			ListAppender<ILoggingEvent> appender = new ListAppender<>();
			appender.start();
			logger.addAppender(appender);
			try {
				assertion.accept(context, appender.list);
			}
			finally {
				logger.detachAppender(appender);
			}
		};
	}

	interface LoggedAssertion {

		void accept(AssertableWebApplicationContext context, List<ILoggingEvent> events) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFilterConfiguration {

		@Bean
		RequestLoggingFilter customRequestLoggingFilter() {
			return new RequestLoggingFilter(RequestLoggingConfig.builder().build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SameNameRegistrationConfiguration {

		@Bean(RequestLoggingAutoConfiguration.FILTER_NAME)
		FilterRegistrationBean<RequestLoggingFilter> myRequestLoggingFilterRegistration() {
			FilterRegistrationBean<RequestLoggingFilter> registration = new FilterRegistrationBean<>(
					new RequestLoggingFilter(RequestLoggingConfig.builder().build()));
			registration.setName("mine");
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FixedClientAddressConfiguration {

		@Bean
		ClientAddressResolver clientAddressResolver() {
			return new ClientAddressResolver() {

				@Override
				public String resolveClientAddress(HttpServletRequest request) {
					return "198.51.100.1";
				}

				@Override
				public boolean isFromTrustedProxy(HttpServletRequest request) {
					return false;
				}

			};
		}

	}

}
