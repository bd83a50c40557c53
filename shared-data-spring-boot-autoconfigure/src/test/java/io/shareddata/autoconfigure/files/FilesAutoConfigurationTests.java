package io.shareddata.autoconfigure.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.shareddata.autoconfigure.dispatch.DispatchAutoConfiguration;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.dispatch.DispatchFilter;
import io.shareddata.files.DisallowRulesPolicy;
import io.shareddata.files.FileAccessPolicy;
import io.shareddata.files.SharedDataFilter;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static io.shareddata.autoconfigure.StartUpFailures.assertStartUpFailure;
import static org.assertj.core.api.Assertions.assertThat;

class FilesAutoConfigurationTests {

	@TempDir
	static Path site;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FilesAutoConfiguration.class));

	private WebApplicationContextRunner withExport() {
		return this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=file:" + site);
	}

	@Test
	void filterIsAutoConfiguredWhenAnExportIsConfigured() throws Exception {
		Files.writeString(site.resolve("a.txt"), "a");
		withExport().withPropertyValues("shareddata.files.order=42").run((context) -> {
			assertThat(context).hasSingleBean(FileAccessPolicy.class);
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(SharedDataFilter.class);
			assertThat(registration.getFilterName()).isEqualTo("sharedDataFilter");
			assertThat(registration.getOrder()).isEqualTo(42);
			assertThat(registration.getUrlPatterns()).containsExactly("/*");
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/static/a.txt");
			request.setServletPath("/static/a.txt");
			MockHttpServletResponse response = new MockHttpServletResponse();
			registration.getFilter().doFilter(request, response, new MockFilterChain());
			assertThat(response.getContentAsString()).isEqualTo("a");
		});
	}

	@Test
	void filterIsNotConfiguredWithoutExports() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
			.doesNotHaveBean(FileAccessPolicy.class));
	}

	@Test
	void filterCanBeDisabled() {
		withExport().withPropertyValues("shareddata.files.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void filterCanBeOverridden() {
		withExport().withBean("sharedDataFilter", SharedDataFilter.class, () -> new SharedDataFilter(java.util.List.of(),
				io.shareddata.files.SharedDataOptions.defaults()))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.hasSingleBean(SharedDataFilter.class));
	}

	@Test
	void immutablePatternPropertyDefaultsToTheFiltersOwn() {
		// The property's default is a literal for the IDE metadata: it must not drift from the constant
		assertThat(new FilesProperties().getImmutablePattern())
			.isEqualTo(io.shareddata.files.SharedDataOptions.DEFAULT_IMMUTABLE_PATTERN);
	}

	@Test
	void accessPolicyCanBeOverridden() {
		FileAccessPolicy custom = (exportPath, relativePath) -> relativePath.endsWith(".css");
		withExport().withBean(FileAccessPolicy.class, () -> custom)
			.run((context) -> assertThat(context.getBean(FileAccessPolicy.class)).isSameAs(custom));
	}

	@Test
	void defaultAccessPolicyAppliesDisallowAndHiddenRules() {
		withExport().withPropertyValues("shareddata.files.disallow=*.secret").run((context) -> {
			FileAccessPolicy policy = context.getBean(FileAccessPolicy.class);
			assertThat(policy).isInstanceOf(DisallowRulesPolicy.class);
			assertThat(policy.isAllowed("/static", "x.SECRET")).isFalse();
			assertThat(policy.isAllowed("/static", ".env")).isFalse();
			assertThat(policy.isAllowed("/static", "x.txt")).isTrue();
		});
	}

	@Test
	void filterIsNotConfiguredInANonWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FilesAutoConfiguration.class))
			.withPropertyValues("shareddata.files.exports[0].path=/static",
					"shareddata.files.exports[0].location=file:" + site)
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void filterIsNotConfiguredWithoutTheServletApi() {
		withExport().withClassLoader(new FilteredClassLoader(Filter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void classpathExportsAreConfigured() {
		this.contextRunner
			.withPropertyValues("shareddata.files.exports[0].path=/cp",
					"shareddata.files.exports[0].location=classpath:/site-test/",
					"shareddata.files.exports[1].path=/hello.txt",
					"shareddata.files.exports[1].location=classpath:site-test/hello.txt")
			.run((context) -> assertThat(
					((SharedDataFilter) context.getBean(FilterRegistrationBean.class).getFilter()).getExports())
				.extracting(Object::toString)
				.containsExactly("/cp -> classpath:/site-test/", "/hello.txt -> classpath:/site-test/hello.txt"));
	}

	@Test
	void exportPathWithoutLeadingSlashFailsAtStartUp() {
		assertStartUpFailure(this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=static",
				"shareddata.files.exports[0].location=file:" + site), "shareddata.files.exports[0].path",
				"write it as '/static'");
	}

	@Test
	void missingFileFolderFailsAtStartUp() {
		assertStartUpFailure(this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=file:" + site.resolve("nope")),
				"shareddata.files.exports[0].location", "create it, or correct the path");
	}

	@Test
	void unknownLocationSchemeFailsAtStartUp() {
		assertStartUpFailure(this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=http://example.com/"), "shareddata.files.exports[0].location",
				"'file:'");
	}

	@Test
	void missingClasspathLocationFailsAtStartUp() {
		assertStartUpFailure(this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=classpath:/no-such-folder/"),
				"shareddata.files.exports[0].location", "src/main/resources/no-such-folder/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "classpath:", "classpath:/", "classpath:./", "classpath:/./", "classpath:/site-test/../",
			"classpath:/site-test/..", "classpath:site-test\\..\\" })
	void theClasspathRootFailsAtStartUpHoweverItIsSpelled(String location) {
		assertStartUpFailure(this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=/cp",
				"shareddata.files.exports[0].location=" + location), "shareddata.files.exports[0].location",
				"'classpath:/static/'");
	}

	@Test
	void invalidMimetypeFailsAtStartUp() {
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.fallback-mimetype=not a type"),
				"shareddata.files.fallback-mimetype", "application/octet-stream");
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.fallback-mimetype=*/*"),
				"shareddata.files.fallback-mimetype", "concrete type");
	}

	@Test
	void negativeTimeoutFailsAtStartUp() {
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.cache-timeout=-1s"),
				"shareddata.files.cache-timeout", "zero or a positive duration");
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.refresh-interval=-1s"),
				"shareddata.files.refresh-interval", "zero or a positive duration");
	}

	@Test
	void invalidImmutablePatternOrIndexFileFailsAtStartUp() {
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.immutable-pattern=[a-"),
				"shareddata.files.immutable-pattern", "fix the expression");
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.index-file=../index.html"),
				"shareddata.files.index-file", "index.html");
	}

	@ParameterizedTest
	@ValueSource(strings = { "index.html.", "index:html", "NUL\u0000.html" })
	void anIndexFileTheFilterWouldRefuseFailsAtStartUp(String indexFile) {
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.index-file=" + indexFile),
				"shareddata.files.index-file", "index.html");
	}

	@ParameterizedTest
	@ValueSource(strings = { "cache-timeout=3651d", "refresh-interval=110000d", "cache-timeout=106751991168d" })
	void aDurationBeyondTenYearsFailsAtStartUp(String setting) {
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files." + setting),
				"shareddata.files." + setting.substring(0, setting.indexOf('=')), "at most '3650d'");
	}

	@Test
	void aFallbackMimetypeWithControlCharactersFailsAtStartUp() {
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.fallback-mimetype=text/plain;a=\"x\r\ny\""),
				"shareddata.files.fallback-mimetype", "a concrete type");
	}

	@Test
	void aMemoryCacheFileSizeNoArrayCanHoldFailsAtStartUp() {
		assertStartUpFailure(withExport().withPropertyValues("shareddata.files.memory-cache.max-file-size=3GB"),
				"shareddata.files.memory-cache.max-file-size", "'2047MB'");
	}

	@Test
	void anEmptyFileLocationFailsAtStartUpInsteadOfExportingTheWorkingDirectory() {
		assertStartUpFailure(this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=file:"), "shareddata.files.exports[0].location", "'file:.'");
	}


	@ParameterizedTest
	@ValueSource(strings = { "/a\\b", "/static\\", "/a\u0000b", "/a\ud800b", "/a//b", "/a/../b", "/a//", "//" })
	void exportPathNoRequestCanHaveFailsAtStartUp(String path) {
		// The container refuses a decoded backslash, NUL or non-UTF-8 with 400 and merges '//' and '..' away.
		assertStartUpFailure(this.contextRunner.withPropertyValues("shareddata.files.exports[0].path=" + path,
				"shareddata.files.exports[0].location=file:" + site), "shareddata.files.exports[0].path",
				"as the container normalises it");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a;b", "/100%", "/a?b" })
	void exportPathThatOnlyAnEncodedRequestReachesStarts(String path) throws Exception {
		// '/a%3Bb/a.txt', '/100%25/a.txt' and '/a%3Fb/a.txt' reach the filter decoded as these paths.
		Files.writeString(site.resolve("a.txt"), "a");
		this.contextRunner
			.withPropertyValues("shareddata.files.exports[0].path=" + path,
					"shareddata.files.exports[0].location=file:" + site)
			.run((context) -> {
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/encoded");
				request.setServletPath(path + "/a.txt");
				MockHttpServletResponse response = new MockHttpServletResponse();
				context.getBean(FilterRegistrationBean.class).getFilter().doFilter(request, response, new MockFilterChain());
				assertThat(response.getContentAsString()).isEqualTo("a");
			});
	}

	private WebApplicationContextRunner withMountsAndExports(String... exportPaths) {
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ClientAddressAutoConfiguration.class,
					DispatchAutoConfiguration.class, FilesAutoConfiguration.class))
			.withPropertyValues("shareddata.dispatch.mounts[0].path=/legacy",
					"shareddata.dispatch.mounts[0].forward=/internal/legacy", "shareddata.dispatch.mounts[1].path=/app2",
					"shareddata.dispatch.mounts[1].forward=/internal/app2");
		for (int i = 0; i < exportPaths.length; i++) {
			runner = runner.withPropertyValues("shareddata.files.exports[" + i + "].path=" + exportPaths[i],
					"shareddata.files.exports[" + i + "].location=file:" + site);
		}
		return runner;
	}

	@ParameterizedTest
	@ValueSource(strings = { "/app2", "/app2/", "/app2/static" })
	void exportAtOrBelowAMountThatRunsFirstFailsAtStartUp(String path) {
		assertStartUpFailure(withMountsAndExports("/static", path), "shareddata.files.exports[1].path",
				"move the export out of '/app2', remove the mount shareddata.dispatch.mounts[1], or let shared data "
						+ "run first with 'shareddata.files.order' below 'shareddata.dispatch.order' (-60)");
	}

	@Test
	void exportBelowAMountWithTheSameOrderFailsAtStartUp() {
		assertStartUpFailure(withMountsAndExports("/app2/static").withPropertyValues("shareddata.files.order=-60"),
				"shareddata.files.exports[0].path", "'shareddata.files.order' below 'shareddata.dispatch.order'");
	}

	@Test
	void exportBesideAMountStarts() {
		withMountsAndExports("/", "/app20", "/app2x/static", "/legacy2")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("sharedDataFilter"));
	}

	@Test
	void exportBelowAMountStartsWhenSharedDataRunsFirst() {
		withMountsAndExports("/app2/static").withPropertyValues("shareddata.files.order=-70")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("sharedDataFilter"));
		withMountsAndExports("/app2/static").withPropertyValues("shareddata.dispatch.order=-40")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("sharedDataFilter"));
	}

	@Test
	void exportBelowAMountIsNotCheckedWhenTheDispatchFilterIsReplaced() {
		withMountsAndExports("/app2/static")
			.withBean("sharedDataDispatchFilter", DispatchFilter.class, () -> new DispatchFilter(List.of()))
			.run((context) -> assertThat(context).hasNotFailed().hasBean("sharedDataFilter"));
	}

	@Test
	void exportBelowAMountIsNotCheckedWhenDispatchIsDisabled() {
		withMountsAndExports("/app2/static").withPropertyValues("shareddata.dispatch.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("sharedDataFilter"));
	}

}
