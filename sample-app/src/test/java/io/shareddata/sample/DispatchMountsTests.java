package io.shareddata.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Dispatch mounts over real HTTP: werkzeug's own dispatcher cases, a mounted second Spring
 * MVC application, a forward, and proxy mounts in front of a real upstream server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DispatchMountsTests {

	private static final TestUpstream upstream = startUpstream();

	private static final TestUpstream.UnansweredListener unanswered = listenWithoutAnswering();

	@LocalServerPort
	private int port;

	private LocalHttp http;

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("localhost", this.port);
	}

	@Autowired
	private ApplicationContext context;

	@Autowired
	private DispatcherServlet app2Servlet;

	@DynamicPropertySource
	static void mounts(DynamicPropertyRegistry registry) throws IOException {
		String[][] mounts = { { "/test1", "servlet", "contextPathServlet" },
				{ "/test2/very", "servlet", "contextPathServlet" }, { "/app2", "servlet", "app2Servlet" },
				{ "/legacy", "forward", "/internal/legacy" }, { "/proxy", "url", upstream.url("/base") },
				{ "/slow", "url", upstream.url("/base/slow") }, { "/stall", "url", upstream.url("/base/stall") },
				{ "/dead", "url", "http://127.0.0.1:" + TestUpstream.deadPort() },
				{ "/unanswered", "url", "http://127.0.0.1:" + unanswered.port() },
				{ "/stall-before-body", "url", upstream.url("/base/headers-then-stall") } };
		for (int i = 0; i < mounts.length; i++) {
			String[] mount = mounts[i];
			registry.add("shareddata.dispatch.mounts[" + i + "].path", () -> mount[0]);
			registry.add("shareddata.dispatch.mounts[" + i + "]." + mount[1], () -> mount[2]);
		}
		registry.add("shareddata.dispatch.mounts[5].read-timeout", () -> "1s");
		registry.add("shareddata.dispatch.mounts[6].read-timeout", () -> "1s");
		// Only the connect timeout can end a wait this short.
		registry.add("shareddata.dispatch.mounts[8].connect-timeout", () -> "300ms");
		registry.add("shareddata.dispatch.mounts[8].read-timeout", () -> "60s");
		registry.add("shareddata.dispatch.mounts[9].read-timeout", () -> "1s");
		// A filter outside the dispatch filter that reads a POST's parameters, as Spring
		// Security's CSRF filter does: the container then parses a form body before the proxy.
		registry.add("spring.mvc.hiddenmethod.filter.enabled", () -> "true");
	}

	@AfterAll
	static void stopUpstream() throws IOException {
		upstream.stop();
		unanswered.close();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			/test1                                   | /test1      | null
			/test1/asfd                              | /test1      | /asfd
			/test1/very                              | /test1      | /very
			/test2/very                              | /test2/very | null
			/test2/very/long/path/after/script/name  | /test2/very | /long/path/after/script/name
			""")
	void werkzeugDispatcherCases(String path, String contextPath, String pathInfo) throws Exception {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(contextPath + " " + pathInfo + " " + contextPath
				+ (pathInfo.equals("null") ? "" : pathInfo));
	}

	@Test
	void unmountedPathReachesTheApplication() throws Exception {
		assertThat(this.http.get("/missing").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/test1x").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/hello").body()).isEqualTo("Hello from the application\n");
	}

	@Test
	void mountedDispatcherServletSeesItselfAtTheMount() throws Exception {
		assertThat(this.http.get("/app2").body()).isEqualTo("Hello from app2, mounted at /app2\n");
		assertThat(this.http.get("/app2/").body()).isEqualTo("Hello from app2, mounted at /app2\n");
		assertThat(this.http.get("/app2/hello").body()).isEqualTo("app2 says hello\n");
	}

	@Test
	void mountedDispatcherServletRedirectsAndLinksKeepThePrefix() throws Exception {
		HttpResponse<String> redirect = this.http.get("/app2/go");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location"))
			.hasValue("http://localhost:" + this.port + "/app2/hello");
		assertThat(this.http.get("/app2/link").body()).isEqualTo("http://localhost:" + this.port + "/app2/hello\n");
	}

	@Test
	void mountedDispatcherServletHasItsOwnContextUnderTheApplicationContext() {
		assertThat(this.app2Servlet.getWebApplicationContext()).isNotSameAs(this.context);
		assertThat(this.app2Servlet.getWebApplicationContext().getParent()).isSameAs(this.context);
	}

	@Test
	void mountedDispatcherServletCanGoAsync() throws Exception {
		HttpResponse<String> response = this.http.get("/app2/async");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("Completed asynchronously at /app2\n");
	}

	@Test
	void forwardMountForwardsInsideTheApplication() throws Exception {
		assertThat(this.http.get("/legacy/a%20b?y=1").body())
			.isEqualTo("Legacy handler at /internal/legacy/a%20b, forwarded from /legacy/a%20b, query y=1\n");
	}

	@Test
	void proxyForwardsMethodPathQueryAndBody() throws Exception {
		HttpResponse<String> response = this.http.send(
				this.http.request("/proxy/echo/a%20b?q=1&r=%2F").PUT(BodyPublishers.ofString("payload")).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("method=PUT\n", "path=/base/echo/a%20b\n", "query=q=1&r=%2F\n",
				"header content-length=7\n");
	}

	@Test
	void formPutThatFormContentFilterReadReachesTheUpstreamWithItsBody() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/proxy/form?q=0")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.PUT(BodyPublishers.ofString("a=1&b=%C3%A9"))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("PUT a=1&b=%C3%A9\ncontent-length=12\n");
	}

	@Test
	void formPostWhoseParametersAFilterReadReachesTheUpstreamWithItsBody() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/proxy/form?q=0")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("a=1&b=2"))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("POST a=1&b=2\ncontent-length=7\n");
	}

	@Test
	void proxySetsForwardedHeadersAndDropsUntrustedOnes() throws Exception {
		String response = raw("GET /proxy/echo HTTP/1.1", "X-Forwarded-For: 6.6.6.6", "X-Forwarded-Host: evil",
				"X-Forwarded-Prefix: /evil", "X-Forwarded-Port: 1", "Forwarded: for=6.6.6.6", "X-Real-IP: 6.6.6.6",
				"True-Client-IP: 6.6.6.6", "CF-Connecting-IP: 6.6.6.6", "Fastly-Client-IP: 6.6.6.6",
				"X-Client-IP: 6.6.6.6", "X-Cluster-Client-IP: 6.6.6.6");
		assertThat(response).contains("header x-forwarded-for=127.0.0.1\n", "header x-forwarded-proto=http\n",
				"header x-forwarded-host=localhost:" + this.port + "\n", "header x-forwarded-prefix=/proxy\n");
		assertThat(response).doesNotContain("6.6.6.6", "evil", "x-forwarded-port", "header forwarded");
	}

	@Test
	void proxyDropsUnderscoreSpellingsOfForwardingHeadersFromAnUntrustedPeer() throws Exception {
		// Tomcat and the JDK client keep the underscores; a CGI, WSGI or Rack upstream reads
		// X_Real_IP as X-Real-IP.
		String response = raw("GET /proxy/echo HTTP/1.1", "X_Forwarded_For: 6.6.6.6", "X-Forwarded_Host: evil",
				"X_Forwarded_Prefix: /evil", "X_Forwarded_Port: 1", "X_Real_IP: 6.6.6.6", "True_Client_IP: 6.6.6.6",
				"CF_Connecting_IP: 6.6.6.6", "X-Client_IP: 6.6.6.6", "X-Kept_Too: yes");
		assertThat(response).contains("header x-forwarded-for=127.0.0.1\n", "header x-kept_too=yes\n");
		assertThat(response).doesNotContain("6.6.6.6", "evil", "forwarded_port");
	}

	@Test
	void proxyDropsHopByHopRequestHeaders() throws Exception {
		String response = raw("GET /proxy/echo HTTP/1.1", "Connection: close, X-Secret-Req", "X-Secret-Req: 1",
				"Keep-Alive: 300", "Proxy-Authorization: Basic eDp5", "Proxy-Connection: keep-alive",
				"TE: trailers", "X-Kept: yes");
		assertThat(response).contains("header x-kept=yes\n");
		assertThat(response).doesNotContain("x-secret-req", "keep-alive=", "proxy-authorization", "proxy-connection",
				"header te=", "header connection=");
	}

	@Test
	void proxyNeverPassesTheProxyRequestHeader() throws Exception {
		// httpoxy (CVE-2016-5385 and siblings): a CGI, WSGI or Rack upstream reads "Proxy" as
		// HTTP_PROXY, which its HTTP clients take as the proxy for their own outgoing calls.
		String response = raw("GET /proxy/echo HTTP/1.1", "Proxy: http://evil.example:8080",
				"X-Kept: yes");
		assertThat(response).contains("header x-kept=yes\n");
		assertThat(response).doesNotContain("evil.example", "header proxy=");
	}

	@Test
	void proxyKeepsACookieHeaderWithOneCookieOutsideUsAscii() throws Exception {
		// The JDK client writes header values as US-ASCII, so the UTF-8 bytes reach the upstream
		// as '?'; dropping the value instead would drop the session cookie beside it.
		String response = raw("GET /proxy/echo HTTP/1.1", "Cookie: session=abc; name=caf\u00c3\u00a9");
		assertThat(response).contains("header cookie=session=abc; name=caf");
	}

	@Test
	void proxyDropsHopByHopResponseHeaders() throws Exception {
		HttpResponse<String> response = this.http.get("/proxy/hop");
		assertThat(response.headers().firstValue("X-Kept-Resp")).hasValue("1");
		assertThat(response.headers().firstValue("X-Secret-Resp")).isEmpty();
		assertThat(response.headers().firstValue("Proxy-Authenticate")).isEmpty();
		assertThat(response.headers().allValues("Keep-Alive")).doesNotContain("timeout=5");
		assertThat(response.headers().allValues("Connection")).doesNotContain("X-Secret-Resp");
	}

	@Test
	void proxyRewritesLocationAndCookiePathsToTheMount() throws Exception {
		HttpResponse<String> redirect = this.http.get("/proxy/redirect");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location"))
			.hasValue("http://localhost:" + this.port + "/proxy/target?x=1");
		assertThat(redirect.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/proxy/sub; HttpOnly",
				"b=2; Path=/proxy");
		assertThat(this.http.get("/proxy/relative-redirect").headers().firstValue("Location")).hasValue("/proxy/other");
	}

	@Test
	void proxyStreamsTheResponseAsTheUpstreamProducesIt() throws Exception {
		HttpResponse<InputStream> response = this.http.send(this.http.request("/proxy/stream").build(),
				BodyHandlers.ofInputStream());
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		try (InputStream body = response.body()) {
			// The upstream holds back its second event until the first has reached us.
			String first = CompletableFuture.supplyAsync(() -> readUntil(body, "data: one\n\n"))
				.get(20, TimeUnit.SECONDS);
			assertThat(first).isEqualTo("data: one\n\n");
			upstream.streamMayFinish.countDown();
			assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data: two\n\n");
		}
	}

	@Test
	void clientThatGoesAwayCancelsTheUpstreamExchange() throws Exception {
		HttpResponse<InputStream> response = this.http.send(this.http.request("/proxy/endless").build(),
				BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			assertThat(body.readNBytes(8192)).hasSize(8192);
		}
		assertThat(upstream.clientWentAway.await(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void slowUpstreamGivesGatewayTimeout() throws Exception {
		HttpResponse<String> response = this.http.get("/slow");
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.body()).isEqualTo("Gateway Timeout\n");
	}

	@Test
	void upstreamThatStallsMidBodyAbortsTheResponse() throws Exception {
		HttpResponse<InputStream> response = this.http.send(this.http.request("/stall").build(), BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		try (InputStream body = response.body()) {
			assertThatIOException().isThrownBy(body::readAllBytes);
		}
	}

	@Test
	void upstreamThatClosesMidBodyAbortsTheResponseWithNothingAdded() throws Exception {
		// Were the container's error page added to the committed response, it would fill the
		// Content-Length, and the client would take a corrupted body as complete.
		HttpRequest request = this.http.request("/proxy/cut").build();
		assertThatIOException().isThrownBy(() -> this.http.send(request, BodyHandlers.ofByteArray()));
	}

	@Test
	void upstreamThatStallsBeforeTheFirstBodyByteGivesGatewayTimeout() throws Exception {
		HttpResponse<String> response = this.http.get("/stall-before-body");
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.body()).isEqualTo("Gateway Timeout\n");
		assertThat(response.headers().firstValue("X-Upstream")).isEmpty();
	}

	@Test
	void deadUpstreamGivesBadGateway() throws Exception {
		HttpResponse<String> response = this.http.get("/dead/x");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).isEqualTo("Bad Gateway\n");
	}

	@Test
	void upstreamThatNeverAcceptsGivesGatewayTimeoutAfterTheConnectTimeout() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = this.http.get("/unanswered/x");
		long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.body()).isEqualTo("Gateway Timeout\n");
		// The mount's read timeout is 60 s: answering sooner proves the connect timeout ended it.
		assertThat(waitedMillis).isGreaterThanOrEqualTo(300).isLessThan(30_000);
	}

	@Test
	void proxyAnswersHeadWithTheUpstreamsHeadersAndNoBody() throws Exception {
		HttpResponse<String> head = this.http
			.send(this.http.request("/proxy/head-check").method("HEAD", BodyPublishers.noBody()).build());
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		assertThat(head.body()).isEmpty();
		assertThat(upstream.received).contains(new TestUpstream.Received("HEAD", "/base/head-check"));
		// The exchange ended cleanly: the next request gets its own answer, not a late body.
		assertThat(this.http.get("/proxy/head-check").body()).startsWith("method=GET\npath=/base/head-check\n");
	}

	@Test
	void largeUploadIsStreamedIntact() throws Exception {
		long size = 20L * 1024 * 1024;
		assertThat(upload(size, true)).endsWith("\ncontent-length=" + size + "\ntransfer-encoding=null\n");
	}

	@Test
	void chunkedUploadStaysChunked() throws Exception {
		assertThat(upload(1024 * 1024, false)).endsWith("\ncontent-length=null\ntransfer-encoding=chunked\n");
	}

	/**
	 * Uploads pseudo-random bytes through the proxy and checks that the upstream counted and
	 * hashed exactly what was sent; returns the upstream's answer.
	 */
	private String upload(long size, boolean withLength) throws Exception {
		MessageDigest sent = MessageDigest.getInstance("SHA-256");
		HttpRequest.BodyPublisher body = BodyPublishers
			.ofInputStream(() -> new DigestInputStream(randomBytes(size), sent));
		HttpResponse<String> response = this.http.send(
				this.http.request("/proxy/upload").POST(withLength ? BodyPublishers.fromPublisher(body, size) : body).build(),
				BodyHandlers.ofString());
		assertThat(response.body())
			.startsWith("length=" + size + "\nsha256=" + HexFormat.of().formatHex(sent.digest()) + "\n");
		return response.body();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/proxy//echo                     | 200 | /base/echo
			/proxy/echo;x=1                  | 200 | /base/echo
			/proxy/a/%2e%2e/echo             | 200 | /base/echo
			/proxy/%3Bx                      | 200 | /base/%3Bx
			/proxy/%252e%252e/x              | 200 | /base/%252e%252e/x
			/proxy/%2e%2e/%2e%2e/etc/passwd  | 400 | -
			/proxy/..;/..;/etc/passwd        | 400 | -
			/proxy/a%2fb                     | 400 | -
			/proxy/..%2f..%2fetc             | 400 | -
			/proxy/a%5c..%5c..%5cx           | 400 | -
			""")
	void pathTricksNeverLeaveTheUpstreamBasePath(String target, int status, String upstreamPath) throws Exception {
		int before = upstream.received.size();
		String response = raw("GET " + target + " HTTP/1.1");
		assertThat(response).startsWith("HTTP/1.1 " + status);
		if (status == 200) {
			assertThat(response).contains("path=" + upstreamPath + "\n");
		}
		assertThat(upstream.received.subList(before, upstream.received.size()))
			.allMatch((received) -> received.path().startsWith("/base/"));
	}

	/**
	 * Sends a request byte for byte (the JDK client normalises some paths and refuses to
	 * send hop-by-hop headers) and returns the whole response.
	 */
	private String raw(String requestLine, String... headers) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder(requestLine).append("\r\n")
				.append("Host: localhost:")
				.append(this.port)
				.append("\r\n");
			boolean connection = false;
			for (String header : headers) {
				request.append(header).append("\r\n");
				connection |= header.startsWith("Connection:");
			}
			if (!connection) {
				request.append("Connection: close\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String readUntil(InputStream in, String expected) {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		try {
			while (!read.toString(StandardCharsets.UTF_8).endsWith(expected)) {
				int b = in.read();
				if (b == -1) {
					break;
				}
				read.write(b);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return read.toString(StandardCharsets.UTF_8);
	}

	private static InputStream randomBytes(long size) {
		Random random = new Random(42);
		return new InputStream() {

			private long remaining = size;

			@Override
			public int read() {
				if (this.remaining == 0) {
					return -1;
				}
				this.remaining--;
				return random.nextInt(256);
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (this.remaining == 0) {
					return -1;
				}
				int count = (int) Math.min(length, this.remaining);
				byte[] chunk = new byte[count];
				random.nextBytes(chunk);
				System.arraycopy(chunk, 0, buffer, offset, count);
				this.remaining -= count;
				return count;
			}

		};
	}

	private static TestUpstream.UnansweredListener listenWithoutAnswering() {
		try {
			return new TestUpstream.UnansweredListener();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static TestUpstream startUpstream() {
		try {
			return new TestUpstream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Targets {

		/**
		 * werkzeug's test application: answers with the context path ({@code SCRIPT_NAME})
		 * and path info ({@code PATH_INFO}) it sees, then the request URI.
		 */
		@Bean
		@ServletRegistration(enabled = false)
		HttpServlet contextPathServlet() {
			return new HttpServlet() {

				@Override
				protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
					response.setContentType("text/plain");
					response.getWriter()
						.print(request.getContextPath() + " " + request.getPathInfo() + " " + request.getRequestURI());
				}

			};
		}

	}

}
