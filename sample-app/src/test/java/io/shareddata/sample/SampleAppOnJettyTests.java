package io.shareddata.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.shareddata.access.DeniedResponse;
import io.shareddata.logging.RequestLoggingCompletionHandler;
import jakarta.servlet.ServletRequestListener;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample app as configured (its {@code application.yml}, every feature on) on embedded
 * Jetty, the other servlet container Spring Boot supports, over real connections. The build
 * runs this class alone on a test classpath without Tomcat (see the surefire executions in
 * {@code pom.xml}), as an application that swapped {@code spring-boot-starter-tomcat} for
 * Jetty has it; the Tomcat-aware parts of the starter (sendfile, the completion valve) must
 * then fall back to plain servlet code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(FinishedRequests.Hooks.class)
class SampleAppOnJettyTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Path ROOT;

	private static final Path EXPORT;

	/** Far above the memory cache (64 KB) and Tomcat's sendfile threshold (48 KiB). */
	private static final byte[] LARGE = new byte[8 * 1024 * 1024];

	private static final String ADMIN_PAGE = "Admin area";

	static {
		try {
			ROOT = Files.createTempDirectory("shared-data-jetty");
			EXPORT = Files.createDirectories(ROOT.resolve("export"));
			new Random(42).nextBytes(LARGE);
			Files.write(EXPORT.resolve("large.bin"), LARGE);
		}
		catch (IOException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		// A list property comes whole from one source: the sample's exports are copied from
		// application.yml, and one more (a temporary folder with a large file) is added.
		EnumerablePropertySource<?> yaml = (EnumerablePropertySource<?>) new YamlPropertySourceLoader()
			.load("application.yml", new ClassPathResource("application.yml"))
			.get(0);
		String exports = "shareddata.files.exports[";
		int count = 0;
		for (String name : yaml.getPropertyNames()) {
			if (name.startsWith(exports)) {
				String value = String.valueOf(yaml.getProperty(name));
				registry.add(name, () -> value);
				count = Math.max(count, Integer.parseInt(name.substring(exports.length(), name.indexOf(']'))) + 1);
			}
		}
		assertThat(count).as("exports in application.yml").isPositive();
		registry.add(exports + count + "].path", () -> "/large");
		registry.add(exports + count + "].location", () -> "file:" + EXPORT);
		// The sample's demo upstream, behind the /upstream mount, on a free port.
		try (ServerSocket socket = new ServerSocket(0)) {
			int upstreamPort = socket.getLocalPort();
			registry.add("sample.demo-upstream.port", () -> upstreamPort);
		}
	}

	@AfterAll
	static void deleteTheFolder() throws IOException {
		FileSystemUtils.deleteRecursively(ROOT);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ServletWebServerApplicationContext context;

	@Autowired
	private FinishedRequests finishedRequests;

	private LocalHttp http;

	@RegisterExtension
	final CapturedRequestLog log = new CapturedRequestLog();

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("127.0.0.1", this.port);
	}

	@Test
	void theSampleRunsOnEmbeddedJettyWithoutTomcat() {
		assertThat(this.context.getWebServer()).isInstanceOf(JettyWebServer.class);
		assertThat(ClassUtils.isPresent("org.apache.catalina.startup.Tomcat", null)).isFalse();
	}

	@Test
	void requestLinesAreFinishedByAHandlerNotARequestListener() {
		// Jetty calls request listeners after every dispatch, before the error page is rendered.
		Server server = ((JettyWebServer) this.context.getWebServer()).getServer();
		assertThat(server.getDescendant(RequestLoggingCompletionHandler.class)).isNotNull();
		assertThat(server.getDescendant(ServletContextHandler.class).getEventListeners())
			.noneMatch((listener) -> listener instanceof ServletRequestListener);
	}

	// --- shared data ---

	@Test
	void aFileIsServedWithItsValidatorsAndEveryOuterLayer() throws Exception {
		HttpResponse<String> response = this.http.get("/static/css/site.css");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(Files.readString(Path.of("site/css/site.css")));
		assertThat(response.headers().firstValue("ETag")).isPresent();
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/css;charset=UTF-8");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=43200, public");
		assertThat(response.headers().firstValue("X-Powered-By")).hasValue("MyAwesomeApp");
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
	}

	@Test
	void aMatchingEtagGivesNotModified() throws Exception {
		String etag = this.http.get("/static/js/site.js").headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> notModified = this.http.get("/static/js/site.js", "If-None-Match", etag,
				"X-Request-Id", "jetty-304");
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
		assertThat(notModified.headers().firstValue("Cache-Control")).hasValue("max-age=43200, public");
		assertThat(singleLine("jetty-304")).startsWith("GET /static/js/site.js 304 0B ");
	}

	@Test
	void aSingleRangeGivesPartialContent() throws Exception {
		String css = Files.readString(Path.of("site/css/site.css"));
		HttpResponse<String> partial = this.http.get("/static/css/site.css", "Range", "bytes=2-11", "X-Request-Id",
				"jetty-range");
		assertThat(partial.statusCode()).isEqualTo(206);
		assertThat(partial.body()).isEqualTo(css.substring(2, 12));
		assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 2-11/" + css.length());
		assertThat(singleLine("jetty-range")).startsWith("GET /static/css/site.css 206 10B ");
	}

	@Test
	void aLargeFileArrivesWholeAndByteForByteWithoutSendfile() throws Exception {
		HttpResponse<byte[]> response = this.http.send(
				this.http.request("/large/large.bin").header("X-Request-Id", "jetty-large").build(),
				BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(LARGE.length));
		assertThat(response.headers().firstValue("ETag")).isPresent();
		assertThat(MessageDigest.getInstance("SHA-256").digest(response.body()))
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(LARGE));
		assertThat(singleLine("jetty-large")).startsWith("GET /large/large.bin 200 " + LARGE.length + "B ");
	}

	@Test
	void aRangeOfTheLargeFileIsCopiedFromDisk() throws Exception {
		HttpResponse<byte[]> response = this.http.send(
				this.http.request("/large/large.bin").header("Range", "bytes=1000000-1999999").build(),
				BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(response.body()).isEqualTo(Arrays.copyOfRange(LARGE, 1_000_000, 2_000_000));
	}

	@Test
	void theClasspathExportsAreServed() throws Exception {
		assertThat(this.http.get("/packaged/about.txt").body()).contains("packaged inside the application jar");
		assertThat(this.http.get("/robots.txt").body()).startsWith("User-agent: *");
	}

	// --- fall-through, custom headers, request ids ---

	@Test
	void otherRequestsFallThroughToTheControllerWithTheCustomHeaders() throws Exception {
		HttpResponse<String> response = this.http.get("/hello", "X-Request-Id", "jetty-hello", "User-Agent", "jetty/1.0");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("Hello from the application\n");
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("jetty-hello");
		assertThat(response.headers().firstValue("X-Powered-By")).hasValue("MyAwesomeApp");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
		assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(response.headers().firstValue("ETag")).isEmpty();
		assertThat(singleLine("jetty-hello")).matches(
				"GET /hello 200 27B \\d+\\.\\d\\dms client=127\\.0\\.0\\.1 id=jetty-hello User-Agent=\"jetty/1\\.0\"");
	}

	@Test
	void aMissFallsThroughToTheApplicationsNotFound() throws Exception {
		HttpResponse<String> response = this.http.get("/static/missing.txt", "X-Request-Id", "jetty-miss");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("json"));
		assertThat(response.headers().firstValue("X-Powered-By")).hasValue("MyAwesomeApp");
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("jetty-miss");
		assertThat(singleLine("jetty-miss")).startsWith("GET /static/missing.txt 404 " + bytes(response) + "B ");
	}

	// --- dispatch mounts ---

	@Test
	void aSecondSpringMvcApplicationIsMounted() throws Exception {
		LocalHttp localhost = new LocalHttp("localhost", this.port);
		assertThat(localhost.get("/app2/").body()).isEqualTo("Hello from app2, mounted at /app2\n");
		HttpResponse<String> redirect = localhost.get("/app2/go");
		assertThat(redirect.statusCode()).isEqualTo(302);
		// Jetty sends a relative Location (its HttpConfiguration allows them), Tomcat an absolute one.
		assertThat(redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow()))
			.isEqualTo(localhost.uri("/app2/hello"));
	}

	@Test
	void aForwardMountReachesTheHandlerInside() throws Exception {
		assertThat(this.http.get("/legacy/page?id=7").body())
			.isEqualTo("Legacy handler at /internal/legacy/page, forwarded from /legacy/page, query id=7\n");
	}

	@Test
	void theProxyMountReachesTheDemoUpstream() throws Exception {
		HttpResponse<String> response = this.http.get("/upstream/", "X-Request-Id", "jetty-proxy");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("Demo upstream: GET /demo/\nX-Forwarded-For: 127.0.0.1\n"
				+ "X-Forwarded-Prefix: /upstream\n");
		assertThat(response.headers().firstValue("X-Powered-By")).hasValue("MyAwesomeApp");
		assertThat(singleLine("jetty-proxy")).startsWith("GET /upstream/ 200 " + bytes(response) + "B ");
		HttpResponse<String> redirect = this.http.get("/upstream/go");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + this.port + "/upstream/");
	}

	@Test
	void aProxiedResponseHasOneDate() throws Exception {
		// Jetty puts its own Date on every response before the application runs.
		RawHttp.Response response = RawHttp.get(this.port, "/upstream/");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().lines().filter((line) -> line.regionMatches(true, 0, "Date:", 0, 5)))
			.hasSize(1);
	}

	@Test
	void theProxyMountPassesOnAQueryThatJettyAccepts() throws Exception {
		// Browsers send '|', '{' and '}' in a query unencoded; Jetty takes them, java.net.URI does not.
		assertThat(RawHttp.get(this.port, "/hello?q={a|b}").status()).isEqualTo(200);
		assertThat(RawHttp.get(this.port, "/upstream/?q={a|b}&p=100%").status()).isEqualTo(200);
	}

	// --- IP allow-list ---

	@Test
	void adminIsServedToTheLoopbackAddress() throws Exception {
		HttpResponse<String> response = this.http.get("/admin");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(ADMIN_PAGE);
	}

	@Test
	void adminIsServedToIpv6Loopback() throws Exception {
		assumeTrue(hasIpv6Loopback(), "no ::1 on this machine");
		RawHttp.Response response = RawHttp.get("::1", "::1", this.port, "/admin", "X-Request-Id: jetty-ipv6");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains(ADMIN_PAGE);
		assertThat(singleLine("jetty-ipv6")).contains(" client=0:0:0:0:0:0:0:1 ");
	}

	@Test
	void adminIsDeniedToAClientTheListDoesNotName() throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/admin",
				"X-Request-Id: jetty-denied");
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.body()).isEqualTo(DeniedResponse.FORBIDDEN_BODY);
		assertThat(response.header("X-Powered-By")).isEqualTo("MyAwesomeApp");
		assertThat(response.header("X-Request-Id")).isEqualTo("jetty-denied");
		assertThat(singleLine("jetty-denied")).startsWith("GET /admin 403 " + response.bytes().length + "B ")
			.contains(" client=127.0.0.2 ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin/", "/admin;x", "//admin", "/./admin", "/%61dmin", "/admin/../admin",
			"/hello/../admin", "/admin/%2e%2e/hello", "/admin/./x", "/admin//x", "/%2e/admin" })
	void spellingsOfAdminAreDeniedToThatClient(String target) throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, target);
		assertThat(response.status()).as(target).isIn(400, 403);
		assertThat(response.body()).doesNotContain(ADMIN_PAGE);
	}

	@Test
	void theDeniedClientReachesUnprotectedPaths() throws Exception {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, "/hello");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("Hello from the application\n");
	}

	// --- request logging: one line per request, with what was sent ---

	@Test
	void headIsLoggedWithoutABody() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/hello")
			.header("X-Request-Id", "jetty-head")
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(singleLine("jetty-head")).startsWith("HEAD /hello 200 0B ");
	}

	@Test
	void anApplicationNotFoundIsLoggedOnceWithItsErrorPage() throws Exception {
		HttpResponse<String> response = this.http.get("/no/such/page", "X-Request-Id", "jetty-404");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isNotEmpty();
		assertThat(response.headers().firstValue("X-Powered-By")).hasValue("MyAwesomeApp");
		assertThat(singleLine("jetty-404")).startsWith("GET /no/such/page 404 " + bytes(response) + "B ");
	}

	@Test
	void sendErrorIsLoggedOnceWithItsErrorPage() throws Exception {
		HttpResponse<String> response = this.http.get("/demo/teapot", "X-Request-Id", "jetty-418");
		assertThat(response.statusCode()).isEqualTo(418);
		assertThat(response.body()).isNotEmpty();
		assertThat(singleLine("jetty-418")).startsWith("GET /demo/teapot 418 " + bytes(response) + "B ");
	}

	@Test
	void anExceptionIsLoggedOnceWithTheErrorPage() throws Exception {
		HttpResponse<String> response = this.http.get("/demo/fail", "X-Request-Id", "jetty-500");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isNotEmpty();
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("jetty-500");
		assertThat(singleLine("jetty-500")).startsWith("GET /demo/fail 500 " + bytes(response) + "B ");
	}

	@Test
	void aFailureAfterCommitIsLoggedOnceWithTheStatusSent() throws Exception {
		// No error page can follow a committed response: the container ends the request itself,
		// and the completion listener writes the line.
		RawHttp.Response response = RawHttp.get(this.port, "/test/fail-after-commit",
				"X-Request-Id: jetty-fail-after-commit");
		assertThat(response.status()).isEqualTo(200);
		assertThat(singleLine("jetty-fail-after-commit")).startsWith("GET /test/fail-after-commit 200 8B ");
	}

	@Test
	void aDeferredResultIsLoggedOnceWhenItIsAnswered() throws Exception {
		HttpResponse<String> response = this.http.get("/demo/deferred?delayMs=50", "X-Request-Id", "jetty-deferred");
		assertThat(response.body()).isEqualTo("Answered after 50 ms\n");
		assertThat(singleLine("jetty-deferred")).startsWith("GET /demo/deferred 200 " + bytes(response) + "B ");
	}

	@Test
	void anAsyncTimeoutIsLoggedOnceWithItsErrorPage() throws Exception {
		HttpResponse<String> response = this.http.get("/test/deferred-timeout", "X-Request-Id", "jetty-async-503");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).isNotEmpty();
		assertThat(singleLine("jetty-async-503"))
			.startsWith("GET /test/deferred-timeout 503 " + bytes(response) + "B ");
	}

	@Test
	void aStreamIsLoggedOnceAfterItsLastLine() throws Exception {
		HttpResponse<InputStream> response = this.http.send(
				this.http.request("/demo/stream?lines=3&intervalMs=1").header("X-Request-Id", "jetty-stream").build(),
				BodyHandlers.ofInputStream());
		byte[] body;
		try (InputStream in = response.body()) {
			body = in.readAllBytes();
		}
		assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("line 1\nline 2\nline 3\n");
		assertThat(singleLine("jetty-stream")).startsWith("GET /demo/stream 200 21B ");
	}

	// --- hostile input: HostileInputTests' cases, on Jetty ---

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.shareddata.sample.HostileInputTests#hostilePaths")
	void hostilePathsNeverServeProtectedContentOrFail(String target) throws IOException {
		HostileInputTests.assertHarmless(RawHttp.get(this.port, target), target);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.shareddata.sample.HostileInputTests#malformedHeaders")
	void malformedHeadersNeverServeProtectedContentOrFail(String target, List<String> headers) throws IOException {
		HostileInputTests.assertHarmless(RawHttp.get(this.port, target, headers.toArray(String[]::new)),
				target + " " + headers);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.shareddata.sample.HostileInputTests#oversizedHeaders")
	void oversizedHeadersAreRefusedWithAClientError(List<String> headers) throws IOException {
		RawHttp.Response response = RawHttp.get(this.port, "/static/css/site.css", headers.toArray(String[]::new));
		HostileInputTests.assertHarmless(response, headers.get(0));
		if (headers.stream().mapToInt((header) -> header.length() + 2).sum() > 8 * 1024) {
			// server.max-http-request-header-size
			assertThat(response.status()).isIn(400, 431);
		}
		else {
			// 200 short headers: Jetty has no limit on their number (Tomcat's maxHeaderCount is 100)
			assertThat(response.status()).isEqualTo(200);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.shareddata.sample.HostileInputTests#adminSpellings")
	void spellingsOfTheProtectedAdminPathNeverReachItFromANonAllowedClient(String target, List<String> headers)
			throws IOException {
		RawHttp.Response response = RawHttp.get("127.0.0.2", "127.0.0.1", this.port, target,
				headers.toArray(String[]::new));
		HostileInputTests.assertHarmless(response, target);
		assertThat(new String(response.bytes(), StandardCharsets.ISO_8859_1)).as(target).doesNotContain(ADMIN_PAGE);
	}

	/**
	 * Waits until Jetty has finished the request, after which none of its lines can still
	 * come, and returns its only line.
	 */
	private String singleLine(String requestId) throws Exception {
		this.finishedRequests.await(requestId, WAIT);
		List<CapturedRequestLog.Line> lines = this.log.linesOf(requestId);
		assertThat(lines).as("lines of " + requestId).hasSize(1);
		assertThat(lines.get(0).level()).isEqualTo("INFO");
		return lines.get(0).message();
	}

	private static int bytes(HttpResponse<String> response) {
		return response.body().getBytes(StandardCharsets.UTF_8).length;
	}

	private static boolean hasIpv6Loopback() throws IOException {
		return NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) != null;
	}

	/**
	 * Request logging's own test handlers: a failure after commit and an async timeout.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@Import({ RequestLoggingTests.FailsAfterCommit.class, RequestLoggingTests.DeferredTimeout.class })
	static class LoggingCases {

	}

}
