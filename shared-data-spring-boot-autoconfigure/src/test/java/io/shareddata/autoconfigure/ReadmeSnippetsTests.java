package io.shareddata.autoconfigure;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.shareddata.access.AccessPaths;
import io.shareddata.access.DeniedResponse;
import io.shareddata.access.IpAllowlistFilter;
import io.shareddata.autoconfigure.access.IpAllowlistAutoConfiguration;
import io.shareddata.autoconfigure.chain.SharedDataChainAutoConfiguration;
import io.shareddata.autoconfigure.dispatch.DispatchAutoConfiguration;
import io.shareddata.autoconfigure.files.FilesAutoConfiguration;
import io.shareddata.autoconfigure.headers.HeadersAutoConfiguration;
import io.shareddata.autoconfigure.logging.RequestLoggingAutoConfiguration;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.dispatch.DispatchFilter;
import io.shareddata.dispatch.ProxyTransport;
import io.shareddata.files.Export;
import io.shareddata.files.FileAccessPolicy;
import io.shareddata.files.SharedDataFilter;
import io.shareddata.files.SharedDataOptions;
import io.shareddata.headers.HeaderMode;
import io.shareddata.headers.HeaderRule;
import io.shareddata.headers.HeadersFilter;
import io.shareddata.logging.RequestLogFormat;
import io.shareddata.logging.RequestLoggingConfig;
import io.shareddata.logging.RequestLoggingFilter;
import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.ClientAddressSource;
import io.shareddata.net.IpAddressSet;
import io.shareddata.net.PeerClientAddressResolver;
import io.shareddata.net.TrustedProxyClientAddressResolver;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java snippets, compiled against the current API and run: each {@code ```java}
 * block and each {@code `new …Filter(…)`} of the README is copied here as written (the first
 * test fails when one is not), and each test checks that the bean it declares replaces the
 * starter's own, as the README says it does.
 */
class ReadmeSnippetsTests {

	/** Surefire runs in the module folder and sets {@code basedir}; an IDE usually runs there too. */
	private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

	private static final Path README = MODULE.resolve("../README.md").normalize();

	private static final Path THIS_SOURCE = MODULE
		.resolve("src/test/java/io/shareddata/autoconfigure/ReadmeSnippetsTests.java");

	@TempDir
	static Path site;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ClientAddressAutoConfiguration.class,
				RequestLoggingAutoConfiguration.class, HeadersAutoConfiguration.class,
				IpAllowlistAutoConfiguration.class, DispatchAutoConfiguration.class, FilesAutoConfiguration.class,
				SharedDataChainAutoConfiguration.class));

	@Test
	void everyJavaSnippetOfTheReadmeIsCompiledHere() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		List<String> snippets = new ArrayList<>();
		Matcher blocks = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL).matcher(readme);
		while (blocks.find()) {
			snippets.add(blocks.group(1));
		}
		Matcher inline = Pattern.compile("`(new [^`]+)`").matcher(readme);
		while (inline.find()) {
			snippets.add(inline.group(1));
		}
		assertThat(snippets).as("Java snippets in the README").hasSizeGreaterThanOrEqualTo(7);
		String source = withoutWhitespace(Files.readString(THIS_SOURCE, StandardCharsets.UTF_8));
		assertThat(snippets).allSatisfy((snippet) -> {
			// "..." in the README stands for whatever the reader adds.
			String[] parts = withoutWhitespace(snippet).split(Pattern.quote("..."), -1);
			String regex = Stream.of(parts).map(Pattern::quote).reduce((a, b) -> a + ".*?").orElseThrow();
			assertThat(Pattern.compile(regex).matcher(source).find()).as("README snippet compiled here:%n%s", snippet)
				.isTrue();
		});
	}

	// README: "Shared data" > "Your own allow rule"

	@Configuration(proxyBeanMethods = false)
	static class OwnAllowRuleConfiguration {

		@Bean
		FileAccessPolicy onlyPublicAssets() {
			// relativePath is below the export, '/'-separated, already free of '.', '..' and empty segments
			return (exportPath, relativePath) -> !relativePath.startsWith("drafts/") && !relativePath.endsWith(".map");
		}

	}

	@Test
	void ownAllowRuleReplacesDisallowAndServeHidden() throws Exception {
		Files.createDirectories(site.resolve("drafts"));
		Files.writeString(site.resolve("drafts/a.txt"), "draft");
		Files.writeString(site.resolve("app.js.map"), "map");
		Files.writeString(site.resolve("x.secret"), "secret");
		Files.writeString(site.resolve(".env"), "env");
		withExport().withPropertyValues("shareddata.files.disallow=*.secret")
			.withUserConfiguration(OwnAllowRuleConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(FileAccessPolicy.class).hasBean("onlyPublicAssets");
				Filter filter = context.getBean(FilterRegistrationBean.class).getFilter();
				assertThat(get(filter, "/static/drafts/a.txt").getContentAsString()).isEmpty();
				assertThat(get(filter, "/static/app.js.map").getContentAsString()).isEmpty();
				// The disallow and serve-hidden rules are replaced, not added to.
				assertThat(get(filter, "/static/x.secret").getContentAsString()).isEqualTo("secret");
				assertThat(get(filter, "/static/.env").getContentAsString()).isEqualTo("env");
			});
	}

	// README: "Dispatch mounts", "servlet: a second Spring MVC application"

	@Configuration(proxyBeanMethods = false)
	static class App2ServletConfiguration {

		@Bean
		@ServletRegistration(enabled = false)   // the mount owns it; start-up fails without this
		DispatcherServlet app2Servlet() {
			AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
			context.register(App2Configuration.class);   // @EnableWebMvc + its controllers, outside the main component scan
			return new DispatcherServlet(context);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class App2Configuration {

		@Bean
		App2Controller app2Controller() {
			return new App2Controller();
		}

	}

	@RestController
	static class App2Controller {

		@GetMapping("/hello")
		String hello() {
			return "hello from app2";
		}

	}

	@Test
	void secondSpringMvcApplicationIsMounted() {
		this.contextRunner.withUserConfiguration(App2ServletConfiguration.class)
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/app2",
					"shareddata.dispatch.mounts[0].servlet=app2Servlet")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Filter filter = context.getBean(FilterRegistrationBean.class).getFilter();
				assertThat(filter).isInstanceOf(DispatchFilter.class);
				MockHttpServletRequest request = new MockHttpServletRequest(context.getServletContext(), "GET",
						"/app2/hello");
				request.setServletPath("/app2/hello");
				MockHttpServletResponse response = new MockHttpServletResponse();
				filter.doFilter(request, response, new MockFilterChain());
				assertThat(response.getStatus()).isEqualTo(200);
				assertThat(response.getContentAsString()).isEqualTo("hello from app2");
				filter.destroy();
			});
	}

	// README: "Client address and trusted proxies", "Replacing the resolver"

	@Configuration(proxyBeanMethods = false)
	static class OwnResolverConfiguration {

		@Bean
		ClientAddressResolver clientAddressResolver() {
			return new TrustedProxyClientAddressResolver(ClientAddressSource.FORWARDED,
					IpAddressSet.parse(List.of("10.0.0.0/8", "fd00::/8")));
		}

	}

	@Test
	void ownResolverIsUsedByEveryFeature() {
		this.contextRunner.withUserConfiguration(OwnResolverConfiguration.class)
			.withPropertyValues("shareddata.ip-allowlist.addresses=192.0.2.1",
					// Ignored once a resolver of the user's replaces them: would fail start-up otherwise.
					"shareddata.ip-allowlist.client-address-source=x-forwarded-for")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ClientAddressResolver.class)
					.hasBean("clientAddressResolver");
				Filter filter = context.getBean(FilterRegistrationBean.class).getFilter();
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin");
				request.setServletPath("/admin");
				request.setRemoteAddr("10.1.2.3");
				request.addHeader("Forwarded", "for=192.0.2.1");
				MockHttpServletResponse response = new MockHttpServletResponse();
				filter.doFilter(request, response, new MockFilterChain());
				assertThat(response.getStatus()).as("client named by Forwarded from a trusted proxy").isEqualTo(200);
			});
	}

	// README: "Dispatch mounts", url: "declare your own (for example overriding clientBuilder for TLS settings)"

	static class OwnProxyTransport extends ProxyTransport {

		@Override
		protected HttpClient.Builder clientBuilder(Duration connectTimeout) {
			return super.clientBuilder(connectTimeout).priority(1);
		}

	}

	@Test
	void ownProxyTransportIsUsedByProxyMounts() {
		this.contextRunner.withBean("ownTransport", ProxyTransport.class, OwnProxyTransport::new)
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/api-v1",
					"shareddata.dispatch.mounts[0].url=http://127.0.0.1:9000/base")
			.run((context) -> assertThat(context).hasSingleBean(ProxyTransport.class)
				.getBean(ProxyTransport.class)
				.isInstanceOf(OwnProxyTransport.class));
	}

	// README: "Replacing a piece": a whole feature, by its filter or a FilterRegistrationBean of it.
	// The filters are built as each feature's section says they can be built by hand.

	static Stream<Arguments> ownFilters() {
		return Stream.of(
				Arguments.of(SharedDataFilter.class, (Supplier<Filter>) () -> new SharedDataFilter(List.of(Export.directory("/static", site)), SharedDataOptions.defaults()),
						new String[] { "shareddata.files.exports[0].path=/static",
								"shareddata.files.exports[0].location=file:" + site }),
				Arguments.of(DispatchFilter.class, (Supplier<Filter>) () -> new DispatchFilter(List.of()),
						new String[] { "shareddata.dispatch.mounts[0].path=/legacy",
								"shareddata.dispatch.mounts[0].forward=/internal/legacy" }),
				Arguments.of(RequestLoggingFilter.class, (Supplier<Filter>) () -> new RequestLoggingFilter(
						RequestLoggingConfig.builder().format(RequestLogFormat.JSON).build()),
						new String[] { "shareddata.request-logging.enabled=true" }),
				Arguments.of(HeadersFilter.class, (Supplier<Filter>) () -> new HeadersFilter(List.of(HeaderRule.of("X-Powered-By",
						"MyAwesomeApp", HeaderMode.SET))),
						new String[] { "shareddata.headers.security-preset=true" }),
				Arguments.of(IpAllowlistFilter.class, (Supplier<Filter>) () -> new IpAllowlistFilter(IpAddressSet.parse(List.of("127.0.0.1")),
						new PeerClientAddressResolver(), AccessPaths.all(), DeniedResponse.of(403, null)),
						new String[] { "shareddata.ip-allowlist.addresses=10.0.0.1" }));
	}

	/** As the README writes it; run above with a folder of the test's, since 'shared' is the reader's. */
	static SharedDataFilter readmeSharedDataFilter() {
		return new SharedDataFilter(List.of(Export.directory("/static", Path.of("shared"))), SharedDataOptions.defaults());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ownFilters")
	<F extends Filter> void ownFilterBeanReplacesTheFeature(Class<F> type, Supplier<Filter> own, String[] properties) {
		this.contextRunner.withPropertyValues(properties)
			.withBean("own", type, () -> type.cast(own.get()))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(type).hasBean("own");
				assertThat(context.getBeansOfType(FilterRegistrationBean.class)).isEmpty();
			});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ownFilters")
	void ownRegistrationReplacesTheFeature(Class<? extends Filter> type, Supplier<Filter> own, String[] properties) {
		// As a @Bean method declares it: FilterRegistrationBean<TheFilter>
		RootBeanDefinition registration = new RootBeanDefinition(FilterRegistrationBean.class,
				() -> new FilterRegistrationBean<>(own.get()));
		registration.setTargetType(ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, type));
		this.contextRunner.withPropertyValues(properties)
			.withInitializer((context) -> ((GenericApplicationContext) context).registerBeanDefinition("ownRegistration",
					registration))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(FilterRegistrationBean.class)).containsOnlyKeys("ownRegistration");
			});
	}

	private WebApplicationContextRunner withExport() {
		return this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=file:" + site);
	}

	private static MockHttpServletResponse get(Filter filter, String path) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	private static String withoutWhitespace(String text) {
		return text.replaceAll("\\s+", "");
	}

}
