package io.shareddata.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import io.shareddata.access.IpAllowlistFilter;
import io.shareddata.autoconfigure.access.IpAllowlistAutoConfiguration;
import io.shareddata.autoconfigure.chain.SharedDataChainAutoConfiguration;
import io.shareddata.autoconfigure.dispatch.DispatchAutoConfiguration;
import io.shareddata.autoconfigure.files.FilesAutoConfiguration;
import io.shareddata.autoconfigure.headers.HeadersAutoConfiguration;
import io.shareddata.autoconfigure.logging.RequestLoggingAutoConfiguration;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.dispatch.DispatchFilter;
import io.shareddata.files.Export;
import io.shareddata.files.SharedDataFilter;
import io.shareddata.headers.HeadersFilter;
import io.shareddata.logging.RequestLoggingFilter;
import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration examples, each copied here as the property list its YAML binds
 * to, run with every auto-configuration of the starter: each starts, registers the filters it
 * describes, and does what the text beside it says. (The sample app's {@code ReadmeExamplesTests}
 * reads the YAML blocks from the README itself and checks they still bind as written.)
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadmeExampleBehaviourTests {

	/** Surefire runs in the module folder and sets {@code basedir}; an IDE usually runs there too. */
	private static final Path README = Path.of(System.getProperty("basedir", ""))
		.toAbsolutePath()
		.resolve("../README.md")
		.normalize();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ClientAddressAutoConfiguration.class,
				RequestLoggingAutoConfiguration.class, HeadersAutoConfiguration.class,
				IpAllowlistAutoConfiguration.class, DispatchAutoConfiguration.class, FilesAutoConfiguration.class,
				SharedDataChainAutoConfiguration.class));

	/** Stands in for the working directory that the examples' {@code file:} locations are relative to. */
	@TempDir
	Path workingDirectory;

	@Test
	void sharedData() throws Exception {
		// README "Shared data (`shareddata.files`)"
		String[] example = { "shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=file:shared/",
				"shareddata.files.exports[1].path=/robots.txt",
				"shareddata.files.exports[1].location=classpath:/site/robots.txt",
				"shareddata.files.exports[2].path=/app",
				"shareddata.files.exports[2].location=file:spa-dist/",
				"shareddata.files.exports[2].spa-fallback=/index.html",
				"shareddata.files.disallow[0]=*.secret",
				"shareddata.files.disallow[1]=private/*",
				"shareddata.files.cache-timeout=12h",
				"shareddata.files.index-file=index.html" };
		Path shared = Files.createDirectories(this.workingDirectory.resolve("shared"));
		Files.createDirectories(shared.resolve("docs"));
		Files.createDirectories(shared.resolve("private"));
		Files.writeString(shared.resolve("docs/index.html"), "<h1>docs</h1>");
		Files.writeString(shared.resolve("private/notes.txt"), "private");
		Files.writeString(shared.resolve("key.secret"), "secret");
		Path spa = Files.createDirectories(this.workingDirectory.resolve("spa-dist"));
		Files.writeString(spa.resolve("index.html"), "<h1>app</h1>");
		this.contextRunner.withPropertyValues(inWorkingDirectory(example)).run((context) -> {
			SharedDataFilter filter = onlyFilter(context, SharedDataFilter.class);
			assertThat(filter.getExports()).extracting(Export::path).containsExactly("/static", "/robots.txt", "/app");
			MockHttpServletResponse robots = get(filter, "/robots.txt");
			assertThat(robots.getContentAsString()).startsWith("User-agent: *");
			assertThat(robots.getHeader("Cache-Control")).isEqualTo("max-age=43200, public");
			assertThat(get(filter, "/robots.txt/anything").getContentAsString()).as("falls through").isEmpty();
			assertThat(get(filter, "/static/key.secret").getContentAsString()).as("disallowed").isEmpty();
			assertThat(get(filter, "/static/private/notes.txt").getContentAsString()).as("disallowed").isEmpty();
			// index-file: "/docs/" serves docs/index.html, "/docs" redirects to "docs/"
			assertThat(get(filter, "/static/docs/").getContentAsString()).isEqualTo("<h1>docs</h1>");
			assertThat(get(filter, "/static/docs").getHeader("Location")).isEqualTo("docs/");
			// spa-fallback: client-side routes of a single-page app get this file
			MockHttpServletRequest route = request("/app/users/42");
			route.addHeader("Accept", "text/html");
			MockHttpServletResponse routed = new MockHttpServletResponse();
			filter.doFilter(route, routed, (req, res) -> ((HttpServletResponse) res).sendError(404));
			assertThat(routed.getStatus()).isEqualTo(200);
			assertThat(routed.getContentAsString()).isEqualTo("<h1>app</h1>");
		});
	}

	@Test
	void cacheControlIsQuotedAsSent() throws Exception {
		// README "Shared data", Caching: the values users copy into their CDN rules and tests
		Path shared = Files.createDirectories(this.workingDirectory.resolve("shared"));
		Files.writeString(shared.resolve("app.3f9a1c2b.js"), "js");
		Files.writeString(shared.resolve("report-20261121.pdf"), "pdf");
		this.contextRunner
			.withPropertyValues("shareddata.files.exports[0].path=/static",
					"shareddata.files.exports[0].location=file:" + shared, "shareddata.files.cache-timeout=12h")
			.run((context) -> {
				SharedDataFilter filter = onlyFilter(context, SharedDataFilter.class);
				String fingerprinted = get(filter, "/static/app.3f9a1c2b.js").getHeader("Cache-Control");
				String plain = get(filter, "/static/report-20261121.pdf").getHeader("Cache-Control");
				assertThat(plain).contains("max-age=43200");
				String readme = Files.readString(README, StandardCharsets.UTF_8);
				assertThat(readme).contains("`Cache-Control: " + fingerprinted + "`")
					.contains("`Cache-Control: " + plain.replace("43200", "<cache-timeout in seconds>") + "`");
				// The property's description, which IDEs show, quotes it too.
				assertThat(metadataDescription("shareddata.files.immutable-pattern"))
					.contains("'Cache-Control: " + fingerprinted + "'");
			});
	}

	@Test
	void dispatchMounts(CapturedOutput output) throws Exception {
		// README "Dispatch mounts (`shareddata.dispatch`)"
		String[] example = { "shareddata.dispatch.mounts[0].path=/app2",
				"shareddata.dispatch.mounts[0].servlet=app2Servlet",
				"shareddata.dispatch.mounts[1].path=/legacy",
				"shareddata.dispatch.mounts[1].forward=/internal/legacy",
				"shareddata.dispatch.mounts[2].path=/api-v1",
				"shareddata.dispatch.mounts[2].url=http://127.0.0.1:9000/base",
				"shareddata.dispatch.mounts[2].connect-timeout=2s",
				"shareddata.dispatch.mounts[2].read-timeout=30s" };
		this.contextRunner.withPropertyValues(example)
			.withBean("app2Servlet", App2Servlet.class, App2Servlet::new)
			.run((context) -> {
				DispatchFilter filter = onlyFilter(context, DispatchFilter.class);
				assertThat(output).contains("dispatch mounts: /app2 -> servlet app2Servlet, "
						+ "/legacy -> forward /internal/legacy, /api-v1 -> proxy http://127.0.0.1:9000/base");
				// "/legacy/x is forwarded to /internal/legacy/x"
				MockHttpServletResponse forwarded = get(filter, "/legacy/x");
				assertThat(forwarded.getForwardedUrl()).isEqualTo("/internal/legacy/x");
				assertThat(get(filter, "/app2/x").getContentAsString()).isEqualTo("app2 /x");
			});
	}

	@Test
	void requestLogging(CapturedOutput output) {
		// README "Request logging (`shareddata.request-logging`)"
		String[] example = { "shareddata.request-logging.enabled=true",
				"shareddata.request-logging.format=text",
				"shareddata.request-logging.headers[0]=User-Agent",
				"shareddata.request-logging.headers[1]=Referer",
				"shareddata.request-logging.exclude[0]=/actuator/**",
				"shareddata.request-logging.slow-threshold=2s" };
		this.contextRunner.withPropertyValues(example).run((context) -> {
			onlyFilter(context, RequestLoggingFilter.class);
			assertThat(output)
				.contains("request logging: text lines to logger io.shareddata.request, 1 exclude pattern, slow above 2s");
		});
	}

	@Test
	void customHeaders() throws Exception {
		// README "Custom headers (`shareddata.headers`)"
		String[] example = { "shareddata.headers.security-preset=true",
				"shareddata.headers.rules[0].name=X-Powered-By",
				"shareddata.headers.rules[0].value=MyAwesomeApp",
				"shareddata.headers.rules[0].mode=set",
				"shareddata.headers.rules[1].name=Cache-Control",
				"shareddata.headers.rules[1].value=no-store",
				"shareddata.headers.rules[1].mode=set",
				"shareddata.headers.rules[1].paths[0]=/api/**",
				"shareddata.headers.rules[2].name=X-Debug-Token",
				"shareddata.headers.rules[2].mode=remove" };
		this.contextRunner.withPropertyValues(example).run((context) -> {
			HeadersFilter filter = onlyFilter(context, HeadersFilter.class);
			MockHttpServletResponse api = new MockHttpServletResponse();
			filter.doFilter(request("/api/x"), api, (req, res) -> {
				((HttpServletResponse) res).setHeader("X-Powered-By", "Tomcat");
				((HttpServletResponse) res).setHeader("X-Debug-Token", "abc");
			});
			assertThat(api.getHeaders("X-Powered-By")).containsExactly("MyAwesomeApp");
			assertThat(api.getHeader("Cache-Control")).isEqualTo("no-store");
			assertThat(api.containsHeader("X-Debug-Token")).isFalse();
			assertThat(api.getHeader("X-Content-Type-Options")).as("security preset").isEqualTo("nosniff");
			assertThat(api.containsHeader("Strict-Transport-Security")).as("plain HTTP").isFalse();
			MockHttpServletResponse other = new MockHttpServletResponse();
			filter.doFilter(request("/other"), other, new MockFilterChain());
			assertThat(other.containsHeader("Cache-Control")).isFalse();
		});
	}

	@Test
	void overlappingHeaderRules() throws Exception {
		// README "Custom headers (`shareddata.headers`)", "Overlapping path rules"
		String[] example = { "shareddata.headers.rules[0].name=Cache-Control",
				"shareddata.headers.rules[0].value=no-store",
				"shareddata.headers.rules[0].mode=set",
				"shareddata.headers.rules[1].name=X-Frame-Options",
				"shareddata.headers.rules[1].value=DENY",
				"shareddata.headers.rules[1].mode=set",
				"shareddata.headers.rules[2].name=Cache-Control",
				"shareddata.headers.rules[2].value=max-age=3600",
				"shareddata.headers.rules[2].mode=set",
				"shareddata.headers.rules[2].paths[0]=/docs/**",
				"shareddata.headers.rules[3].name=X-Frame-Options",
				"shareddata.headers.rules[3].mode=remove",
				"shareddata.headers.rules[3].paths[0]=/embed/**" };
		this.contextRunner.withPropertyValues(example).run((context) -> {
			HeadersFilter filter = onlyFilter(context, HeadersFilter.class);
			// "/docs/guide.html gets Cache-Control: max-age=3600 and still X-Frame-Options: DENY"
			MockHttpServletResponse docs = get(filter, "/docs/guide.html");
			assertThat(docs.getHeader("Cache-Control")).isEqualTo("max-age=3600");
			assertThat(docs.getHeader("X-Frame-Options")).isEqualTo("DENY");
			// "/embed/x gets Cache-Control: no-store and no X-Frame-Options"
			MockHttpServletResponse embed = get(filter, "/embed/x");
			assertThat(embed.getHeader("Cache-Control")).isEqualTo("no-store");
			assertThat(embed.containsHeader("X-Frame-Options")).isFalse();
		});
	}

	@Test
	void ipAllowlist() throws Exception {
		// README "IP allow-list (`shareddata.ip-allowlist`)"
		String[] example = { "shareddata.ip-allowlist.addresses[0]=127.0.0.1",
				"shareddata.ip-allowlist.addresses[1]=::1",
				"shareddata.ip-allowlist.addresses[2]=10.0.0.0/8",
				"shareddata.ip-allowlist.addresses[3]=2001:db8::/32",
				"shareddata.ip-allowlist.paths[0]=/admin/**",
				"shareddata.ip-allowlist.exclude-paths[0]=/admin/health",
				"shareddata.ip-allowlist.deny-status=403" };
		this.contextRunner.withPropertyValues(example).run((context) -> {
			IpAllowlistFilter filter = onlyFilter(context, IpAllowlistFilter.class);
			assertThat(status(filter, "192.0.2.1", "/admin/users")).isEqualTo(403);
			assertThat(status(filter, "192.0.2.1", "/admin/health")).isEqualTo(200);
			assertThat(status(filter, "192.0.2.1", "/hello")).isEqualTo(200);
			assertThat(status(filter, "127.0.0.1", "/admin/users")).isEqualTo(200);
			assertThat(status(filter, "0:0:0:0:0:0:0:1", "/admin/users")).isEqualTo(200);
			assertThat(status(filter, "10.20.30.40", "/admin/users")).isEqualTo(200);
			assertThat(status(filter, "2001:db8:0:0:0:0:0:7", "/admin/users")).isEqualTo(200);
		});
	}

	@Test
	void clientAddressBehindTrustedProxies() {
		// README "Client address and trusted proxies"
		String[] example = { "shareddata.ip-allowlist.trusted-proxies[0]=10.0.0.0/8",
				"shareddata.ip-allowlist.client-address-source=x-forwarded-for" };
		this.contextRunner.withPropertyValues(example).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(FilterRegistrationBean.class)).as("no allow-list without addresses")
				.isEmpty();
			MockHttpServletRequest request = request("/");
			request.setRemoteAddr("10.0.0.1");
			request.addHeader("X-Forwarded-For", "192.0.2.1");
			assertThat(context.getBean(ClientAddressResolver.class).resolveClientAddress(request))
				.isEqualTo("192.0.2.1");
		});
	}

	@Test
	void startUpLinesOfTheSampleApp(CapturedOutput output) throws IOException {
		// README "The onion": "one INFO line per active feature, in chain order", for the
		// sample app's application.yml, copied here.
		String[] sample = { "shareddata.files.exports[0].path=/",
				"shareddata.files.exports[0].location=file:site/",
				"shareddata.files.exports[1].path=/static",
				"shareddata.files.exports[1].location=file:site/",
				"shareddata.files.exports[2].path=/packaged",
				"shareddata.files.exports[2].location=classpath:/site/",
				"shareddata.files.exports[3].path=/robots.txt",
				"shareddata.files.exports[3].location=classpath:/site/robots.txt",
				"shareddata.files.exports[4].path=/spa",
				"shareddata.files.exports[4].location=file:site/spa/",
				"shareddata.files.exports[4].spa-fallback=/index.html",
				"shareddata.files.disallow[0]=*.secret",
				"shareddata.files.disallow[1]=private/*",
				"shareddata.files.cache-timeout=12h",
				"shareddata.files.index-file=index.html",
				"shareddata.dispatch.mounts[0].path=/app2",
				"shareddata.dispatch.mounts[0].servlet=app2Servlet",
				"shareddata.dispatch.mounts[1].path=/legacy",
				"shareddata.dispatch.mounts[1].forward=/internal/legacy",
				"shareddata.dispatch.mounts[2].path=/upstream",
				"shareddata.dispatch.mounts[2].url=http://127.0.0.1:9090/demo",
				"shareddata.dispatch.mounts[2].connect-timeout=2s",
				"shareddata.dispatch.mounts[2].read-timeout=30s",
				"shareddata.request-logging.enabled=true",
				"shareddata.request-logging.format=text",
				"shareddata.request-logging.headers[0]=User-Agent",
				"shareddata.request-logging.headers[1]=Referer",
				"shareddata.request-logging.headers[2]=Authorization",
				"shareddata.request-logging.exclude[0]=/actuator/**",
				"shareddata.request-logging.slow-threshold=2s",
				"shareddata.headers.security-preset=true",
				"shareddata.headers.rules[0].name=X-Powered-By",
				"shareddata.headers.rules[0].value=MyAwesomeApp",
				"shareddata.headers.rules[0].mode=set",
				"shareddata.headers.rules[1].name=Cache-Control",
				"shareddata.headers.rules[1].value=no-cache",
				"shareddata.headers.rules[1].paths[0]=/hello",
				"shareddata.ip-allowlist.addresses[0]=127.0.0.1",
				"shareddata.ip-allowlist.addresses[1]=::1",
				"shareddata.ip-allowlist.paths[0]=/admin/**" };
		Files.createDirectories(this.workingDirectory.resolve("site/spa"));
		List<String> readmeLines = startUpLinesInReadme();
		assertThat(readmeLines).hasSize(5);
		this.contextRunner.withPropertyValues(inWorkingDirectory(sample))
			.withBean("app2Servlet", App2Servlet.class, App2Servlet::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// The log names the locations as configured, not as this test rewrote them.
				String log = output.getOut().replace("file:" + this.workingDirectory + "/", "file:");
				int previous = -1;
				for (String line : readmeLines) {
					// "..." in the README leaves out the rest of a long line.
					String[] parts = line.split(Pattern.quote("..."), -1);
					String regex = String.join(".*?", Arrays.stream(parts).map(Pattern::quote).toList());
					Matcher match = Pattern.compile(regex).matcher(log);
					assertThat(match.find()).as("README start-up line in the log:%n%s%nlog:%n%s", line, log).isTrue();
					assertThat(match.start()).as("in chain order: %s", line).isGreaterThan(previous);
					previous = match.start();
				}
			});
	}

	private static String metadataDescription(String property) throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			List<String> descriptions = JsonPath.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
					"$.properties[?(@.name == '" + property + "')].description");
			assertThat(descriptions).as("description of %s", property).hasSize(1);
			return descriptions.get(0);
		}
	}

	/** The README's block of start-up lines, the one after "logs one INFO line per active feature". */
	private static List<String> startUpLinesInReadme() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		int intro = readme.indexOf("logs one INFO line per active feature");
		assertThat(intro).isNotNegative();
		int start = readme.indexOf("```\n", intro) + 4;
		int end = readme.indexOf("```", start);
		List<String> lines = new ArrayList<>();
		for (String line : readme.substring(start, end).split("\n")) {
			if (!line.isBlank()) {
				lines.add(line);
			}
		}
		return lines;
	}

	/**
	 * The example's relative {@code file:} locations, resolved against
	 * {@link #workingDirectory}; nothing else is changed.
	 */
	private String[] inWorkingDirectory(String[] properties) {
		return Arrays.stream(properties)
			.map((property) -> property.replaceFirst("=file:(?!/)", "=file:" + this.workingDirectory + "/"))
			.toArray(String[]::new);
	}

	/** The one filter the example registers, which must be of the given type. */
	private static <F extends Filter> F onlyFilter(AssertableWebApplicationContext context, Class<F> type) {
		assertThat(context).hasNotFailed();
		FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
		assertThat(registration.getFilter()).isInstanceOf(type);
		return type.cast(registration.getFilter());
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		return request;
	}

	private static MockHttpServletResponse get(Filter filter, String path) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request(path), response, new MockFilterChain());
		return response;
	}

	private static int status(Filter filter, String client, String path) throws Exception {
		MockHttpServletRequest request = request(path);
		request.setRemoteAddr(client);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
	}

	/** The servlet the dispatch example mounts, declared as the README says: the mount owns it. */
	@ServletRegistration(enabled = false)
	static final class App2Servlet extends HttpServlet {

		@Override
		protected void doGet(HttpServletRequest request, HttpServletResponse response)
				throws IOException {
			response.getWriter().write("app2 " + request.getPathInfo());
		}

	}

}
