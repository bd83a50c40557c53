package io.shareddata.dispatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.PeerClientAddressResolver;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.FormContentFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@link ProxyMountTarget} against a scripted upstream that writes raw bytes, so that
 * upstreams that fail at a chosen moment can be tried.
 */
class ProxyMountTargetTests {

	private static final Mount API = new Mount("/api", (request, response) -> {
	});

	private static final String FORM = "application/x-www-form-urlencoded";

	private final ProxyTransport transport = new ProxyTransport();

	private final ClientAddressResolver resolver = new PeerClientAddressResolver();

	private ServerSocket upstream;

	@AfterEach
	void close() throws IOException {
		this.transport.close();
		if (this.upstream != null) {
			this.upstream.close();
		}
	}

	@Test
	void upstreamThatStallsBeforeTheFirstBodyByteGivesGatewayTimeout() throws Exception {
		startUpstream(headersThen(
				"HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Type: application/json\r\nX-Upstream: 1\r\n\r\n", 5000));
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThatCode(() -> proxy(Duration.ofSeconds(1)).serve(mounted(get("/api/x")), response))
			.doesNotThrowAnyException();
		assertThat(response.getStatus()).isEqualTo(504);
		assertThat(response.getContentAsString()).isEqualTo("Gateway Timeout\n");
		assertThat(response.getContentType()).isEqualTo("text/plain;charset=UTF-8");
		assertThat(response.getHeader("X-Upstream")).isNull();
	}

	@Test
	void upstreamThatClosesBeforeTheFirstBodyByteGivesBadGateway() throws Exception {
		startUpstream(headersThen("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-Upstream: 1\r\n\r\n", 0));
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThatCode(() -> proxy(Duration.ofSeconds(5)).serve(mounted(get("/api/x")), response))
			.doesNotThrowAnyException();
		assertThat(response.getStatus()).isEqualTo(502);
		assertThat(response.getContentAsString()).isEqualTo("Bad Gateway\n");
		assertThat(response.getHeader("X-Upstream")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Content-Length: 5\r\nContent-Length: 10\r\n\r\n0123456789",
			"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n0\r\n\r\n" })
	void upstreamWhoseBodyLengthIsAmbiguousGivesBadGateway(String headersAndBody) throws Exception {
		// The JDK client reads the first Content-Length, even against Transfer-Encoding (RFC 9112
		// 6.3 says the other way round); relayed, the client would get the chunk framing, or a
		// Content-Length its body never reaches.
		startUpstream(headersThen("HTTP/1.1 200 OK\r\nX-Upstream: 1\r\n" + headersAndBody, 0));
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(5)).serve(mounted(get("/api/x")), response);
		assertThat(response.getStatus()).isEqualTo(502);
		assertThat(response.getContentAsString()).isEqualTo("Bad Gateway\n");
		assertThat(response.getHeader("X-Upstream")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP/1.1 100 Continue\r\n\r\n",
			"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" })
	void interimResponsesAreNotPassedOn(String interim) throws Exception {
		startUpstream(headersThen(interim + "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n", 0));
		MockHttpServletResponse response = proxied(get("/api/x"));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("ok\n");
		assertThat(response.getHeader("Link")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nraw",
			"an HTTP/0.9 answer is the body alone\n", "garbage\r\n\r\n", "HTTP/1.1 200 OK\r\nX-Big: BIG\r\n\r\n" })
	void upstreamThatDoesNotAnswerHttp11GivesBadGateway(String answer) throws Exception {
		// Never 101: the proxy never asks for an upgrade, and a client that saw one would stop
		// parsing HTTP on its connection. A header block of a megabyte is beyond the JDK
		// client's limit.
		startUpstream(headersThen(answer.replace("BIG", "y".repeat(1024 * 1024)), 0));
		MockHttpServletResponse response = proxied(get("/api/x"));
		assertThat(response.getStatus()).isEqualTo(502);
		assertThat(response.getContentAsString()).isEqualTo("Bad Gateway\n");
	}

	@Test
	void upstreamHeadersOverTheDefaultLimitGiveBadGatewayAndTheUpstreamConnectionIsClosed() throws Exception {
		// 16 KiB of header lines would be refused by the container's response header buffer
		// (8 KiB on Tomcat) only as the response commits, with a 500 of its own.
		int bodyLength = 1024 * 1024;
		CountDownLatch closedByTheProxy = new CountDownLatch(1);
		startUpstream((in, out) -> {
			readHead(in);
			out.write(("HTTP/1.1 200 OK\r\n" + "X-Big: yyyyyyy\r\n".repeat(1024) + "Content-Length: " + bodyLength
					+ "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			try {
				// More than the client and the socket buffers take, unless the proxy reads it.
				out.write(new byte[bodyLength]);
				out.flush();
				if (in.read() == -1) {
					closedByTheProxy.countDown();
				}
			}
			catch (IOException ex) {
				closedByTheProxy.countDown();
			}
		});
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("X-Request-Id", "abc");
		proxy(Duration.ofSeconds(5)).serve(mounted(get("/api/x")), response);
		assertThat(response.getStatus()).isEqualTo(502);
		assertThat(response.getContentAsString()).isEqualTo("Bad Gateway\n");
		assertThat(response.getHeader("X-Big")).isNull();
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc");
		// The body unread, the connection is dropped rather than left waiting for a read.
		assertThat(closedByTheProxy.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "1024, 200", "1023, 502" })
	void upstreamHeadersAtTheLimitPassOn(int limit, int status) throws Exception {
		// Each header line counts its name, ": ", its value and CRLF: 19 + 1005 = 1024 bytes.
		startUpstream(headersThen("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Fill: " + "y".repeat(995)
				+ "\r\n\r\nok\n", 0));
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(5), limit).serve(mounted(get("/api/x")), response);
		assertThat(response.getStatus()).isEqualTo(status);
	}

	@Test
	void headersThatAreNotPassedOnDoNotCountTowardsTheLimit() throws Exception {
		startUpstream(headersThen("HTTP/1.1 200 OK\r\nConnection: X-Big, X-Bigger\r\nX-Big: " + "y".repeat(2000)
				+ "\r\nX-Bigger: " + "y".repeat(2000) + "\r\nContent-Length: 3\r\n\r\nok\n", 0));
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(5), 1024).serve(mounted(get("/api/x")), response);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("X-Big")).isNull();
		assertThat(response.getContentAsString()).isEqualTo("ok\n");
	}

	@Test
	void aRewrittenLocationCountsAsRewritten() throws Exception {
		String path = "/" + "x".repeat(1000);
		startUpstream((in, out) -> {
			readHead(in);
			out.write(("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + this.upstream.getLocalPort() + "/base"
					+ path + "\r\nContent-Length: 3\r\n\r\nok\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		});
		String location = "http://localhost/api" + path;
		long size = ("Location: " + location + "\r\n" + "Content-Length: 3\r\n").length();
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(5), size).serve(mounted(get("/api/x")), response);
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getHeader("Location")).isEqualTo(location);
	}

	@Test
	void headersSetBeforeTheProxySurviveAFailureBeforeTheFirstBodyByte() throws Exception {
		startUpstream(headersThen("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", 0));
		MockHttpServletResponse response = new MockHttpServletResponse();
		// As the request logging filter sets its request id before the chain runs.
		response.setHeader("X-Request-Id", "abc");
		proxy(Duration.ofSeconds(5)).serve(mounted(get("/api/x")), response);
		assertThat(response.getStatus()).isEqualTo(502);
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc");
	}

	@Test
	void upstreamThatTricklesItsBodyIsNotCutOffByTheReadTimeout() throws Exception {
		// One byte every 600 ms: each wait is within the 1 s read timeout, the whole body takes
		// about three of them. The read timeout bounds a wait, never the exchange (as in nginx).
		startUpstream((in, out) -> {
			readHead(in);
			out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			for (char c : "slow\n".toCharArray()) {
				sleep(600);
				out.write(c);
				out.flush();
			}
		});
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(1)).serve(mounted(get("/api/x")), response);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("slow\n");
	}

	@Test
	void slowUploadIsNotCutOffByTheReadTimeout() throws Exception {
		startUpstream(ProxyMountTargetTests::okAfterTheBody);
		// 10 bytes, one every 300 ms: about 3 s for the upload, three times the read timeout.
		MockHttpServletRequest request = upload(new SlowInputStream(10, 300), 10);
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(1)).serve(mounted(request), response);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("ok\n");
	}

	@Test
	void uploadThatStopsMovingGivesGatewayTimeout() throws Exception {
		startUpstream(ProxyMountTargetTests::okAfterTheBody);
		// Two bytes, two seconds apart: longer than the read timeout without progress.
		MockHttpServletRequest request = upload(new SlowInputStream(2, 2000), 2);
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(1)).serve(mounted(request), response);
		assertThat(response.getStatus()).isEqualTo(504);
	}

	@Test
	@Timeout(30)
	void upstreamThatStopsReadingTheUploadGivesGatewayTimeout() throws Exception {
		startUpstream((in, out) -> {
			readHead(in);
			sleep(60_000);
		});
		assertThat(serveUploadLargerThanTheSocketBuffers().getStatus()).isEqualTo(504);
	}

	@Test
	@Timeout(30)
	void upstreamThatAnswersEarlyAndStopsReadingTheUploadGivesGatewayTimeout() throws Exception {
		// The JDK client reads the answer only once the whole body is sent: the 413 is never
		// seen, and the upload that stopped moving ends as any other, after the read timeout.
		startUpstream((in, out) -> {
			readHead(in);
			out.write("HTTP/1.1 413 Content Too Large\r\nContent-Length: 4\r\n\r\nbig\n"
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			sleep(60_000);
		});
		assertThat(serveUploadLargerThanTheSocketBuffers().getStatus()).isEqualTo(504);
	}

	/** Uploads far more than the socket buffers on both sides can take, with a one-second read timeout. */
	private MockHttpServletResponse serveUploadLargerThanTheSocketBuffers() throws Exception {
		long size = 256L * 1024 * 1024;
		MockHttpServletRequest request = upload(new EndlessInputStream(size), size);
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(1)).serve(mounted(request), response);
		return response;
	}

	@Test
	void upstreamThatAnswersEarlyAndReadsTheRestOfTheUploadIsPassedOn() throws Exception {
		startUpstream((in, out) -> {
			readHead(in);
			out.write("HTTP/1.1 413 Content Too Large\r\nContent-Length: 4\r\n\r\nbig\n"
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			in.transferTo(OutputStream.nullOutputStream());
		});
		long size = 16L * 1024 * 1024;
		MockHttpServletRequest request = upload(new EndlessInputStream(size), size);
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(5)).serve(mounted(request), response);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).isEqualTo("big\n");
	}

	@Test
	void upstreamThatIsSlowToAnswerAfterTheUploadGivesGatewayTimeout() throws Exception {
		startUpstream((in, out) -> {
			int length = readHead(in).contentLength();
			in.readNBytes(length);
			sleep(5000);
		});
		MockHttpServletRequest request = upload(new SlowInputStream(3, 10), 3);
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(1)).serve(mounted(request), response);
		assertThat(response.getStatus()).isEqualTo(504);
	}

	@Test
	void formPutReadByFormContentFilterReachesTheUpstreamWithItsBody() throws Exception {
		startUpstream(ProxyMountTargetTests::echo);
		MockHttpServletRequest request = request("PUT", "/api/form");
		request.setContentType(FORM);
		request.setContent("a=1&b=%C3%A9&a=3".getBytes(StandardCharsets.ISO_8859_1));
		request.setQueryString("q=0");
		request.addParameter("q", "0");
		MockHttpServletResponse response = new MockHttpServletResponse();
		ProxyMountTarget proxy = proxy(Duration.ofSeconds(5));
		// Spring Boot runs FormContentFilter before the dispatch filter: it reads the body.
		new FormContentFilter().doFilter(request, response, new MockFilterChain(new HttpServlet() {

			@Override
			protected void service(HttpServletRequest read, HttpServletResponse ignored)
					throws IOException {
				proxy.serve(new MountedRequest(read, new MountMatch(API, "/form")), response);
			}

		}));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString())
			.isEqualTo("PUT /base/form?q=0 content-length=16 a=1&a=3&b=%C3%A9");
	}

	@ParameterizedTest(name = "Content-Length declared: {0}")
	@ValueSource(booleans = { true, false })
	void formPostWhoseParametersWereReadReachesTheUpstreamWithItsBody(boolean lengthDeclared) throws Exception {
		startUpstream(ProxyMountTargetTests::echo);
		// Without a length as over HTTP/2, where Tomcat reads a form POST's body into parameters too.
		MockHttpServletRequest request = lengthDeclared ? request("POST", "/api/form")
				: withoutLength("POST", "/api/form");
		request.setContentType(FORM);
		request.setContent("a=1&q=2".getBytes(StandardCharsets.ISO_8859_1));
		request.setQueryString("q=0");
		// As the container parses a form POST on the first getParameter call (Spring
		// Security's CSRF filter, HiddenHttpMethodFilter): query values first, then the body's.
		request.addParameter("q", "0", "2");
		request.addParameter("a", "1");
		request.getInputStream().readAllBytes();
		MockHttpServletResponse response = proxied(request);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("POST /base/form?q=0 content-length=7 q=2&a=1");
	}

	@Test
	void formPostWhoseBodyWasNotReadIsStreamedAsSent() throws Exception {
		startUpstream(ProxyMountTargetTests::echo);
		MockHttpServletRequest request = request("POST", "/api/form");
		request.setContentType(FORM);
		request.setContent("b=2&a=1&b=3".getBytes(StandardCharsets.ISO_8859_1));
		MockHttpServletResponse response = proxied(request);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("POST /base/form content-length=11 b=2&a=1&b=3");
	}

	@Test
	void bodyWithNeitherContentLengthNorTransferEncodingReachesTheUpstream() throws Exception {
		startUpstream(ProxyMountTargetTests::echo);
		// As over HTTP/2, where DATA frames carry a body that needs neither header.
		MockHttpServletRequest request = withoutLength("POST", "/api/upload");
		request.setContent("payload".getBytes(StandardCharsets.ISO_8859_1));
		MockHttpServletResponse response = proxied(request);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("POST /base/upload chunked payload");
	}

	@Test
	void queryThatTheContainerAcceptedButJavaNetUriWouldNotReachesTheUpstream() throws Exception {
		startUpstream(ProxyMountTargetTests::echo);
		MockHttpServletRequest request = get("/api/x");
		// Jetty accepts '|', '{', '}' and '^' in a query (browsers send them unencoded), Tomcat
		// does with relaxed-query-chars, and both a bare '%'; java.net.URI refuses every one.
		request.setQueryString("q=a|b&r={x}^&p=100%&s=%2F+t&u=\u00e9");
		MockHttpServletResponse response = proxied(request);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString())
			.isEqualTo("GET /base/x?q=a%7Cb&r=%7Bx%7D%5E&p=100%25&s=%2F+t&u=%C3%A9 content-length=0 ");
	}

	@Test
	void getWithNeitherContentLengthNorTransferEncodingReachesTheUpstreamWithoutABody() throws Exception {
		startUpstream(ProxyMountTargetTests::echo);
		// As over HTTP/1.1, where the container's input stream is at its end at once.
		MockHttpServletResponse response = proxied(withoutLength("GET", "/api/x"));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("GET /base/x content-length=0 ");
	}

	/** Serves a request through a mount with a 5 s read timeout, into a fresh response. */
	private MockHttpServletResponse proxied(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		proxy(Duration.ofSeconds(5)).serve(mounted(request), response);
		return response;
	}

	private ProxyMountTarget proxy(Duration readTimeout) {
		return new ProxyMountTarget("/api", URI.create("http://127.0.0.1:" + this.upstream.getLocalPort() + "/base"),
				Duration.ofSeconds(2), readTimeout, this.transport, this.resolver);
	}

	private ProxyMountTarget proxy(Duration readTimeout, long maxResponseHeaderSize) {
		return new ProxyMountTarget("/api", URI.create("http://127.0.0.1:" + this.upstream.getLocalPort() + "/base"),
				Duration.ofSeconds(2), readTimeout, maxResponseHeaderSize, this.transport, this.resolver);
	}

	private static MockHttpServletRequest get(String path) {
		return request("GET", path);
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setServletPath(path);
		return request;
	}

	/** A request that declares neither Content-Length nor Transfer-Encoding, whatever its content. */
	private static MockHttpServletRequest withoutLength(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path) {

			@Override
			public int getContentLength() {
				return -1;
			}

			@Override
			public long getContentLengthLong() {
				return -1;
			}

		};
		request.setServletPath(path);
		return request;
	}

	private static MockHttpServletRequest upload(ServletInputStream body, long length) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/upload") {

			@Override
			public ServletInputStream getInputStream() {
				return body;
			}

			@Override
			public long getContentLengthLong() {
				return length;
			}

		};
		request.setServletPath("/api/upload");
		request.addHeader("Content-Length", String.valueOf(length));
		return request;
	}

	private static MountedRequest mounted(MockHttpServletRequest request) {
		return new MountedRequest(request, new MountMatch(API, request.getServletPath().substring(4)));
	}

	/** Sends the status line and headers given, then the body never comes: stalls, or closes at once. */
	private static Script headersThen(String head, long stallMillis) {
		return (in, out) -> {
			readHead(in);
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			sleep(stallMillis);
		};
	}

	/** Reads the whole request body, then answers "ok". */
	private static void okAfterTheBody(InputStream in, OutputStream out) throws IOException {
		in.readNBytes(readHead(in).contentLength());
		out.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n".getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	/**
	 * Answers with the request line's method and target, the Content-Length (or "chunked")
	 * and the body.
	 */
	private static void echo(InputStream in, OutputStream out) throws IOException {
		Head head = readHead(in);
		boolean chunked = "chunked".equalsIgnoreCase(head.transferEncoding());
		String body = new String(chunked ? readChunks(in) : in.readNBytes(head.contentLength()),
				StandardCharsets.ISO_8859_1);
		byte[] answer = (head.requestLine().replace(" HTTP/1.1", "")
				+ (chunked ? " chunked " : " content-length=" + head.contentLength() + " ") + body)
			.getBytes(StandardCharsets.ISO_8859_1);
		out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + answer.length + "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		out.write(answer);
		out.flush();
	}

	interface Script {

		void run(InputStream in, OutputStream out) throws IOException;

	}

	private void startUpstream(Script script) throws IOException {
		this.upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		ServerSocket listener = this.upstream;
		Thread acceptor = new Thread(() -> {
			while (!listener.isClosed()) {
				try {
					Socket socket = listener.accept();
					Thread handler = new Thread(() -> {
						try (socket) {
							script.run(socket.getInputStream(), socket.getOutputStream());
						}
						catch (IOException ex) {
							// The proxy went away.
						}
					});
					handler.setDaemon(true);
					handler.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
	}

	record Head(String requestLine, int contentLength, @Nullable String transferEncoding) {
	}

	private static Head readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b == -1) {
				break;
			}
			head.write(b);
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		int contentLength = 0;
		String transferEncoding = null;
		for (String line : lines) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				contentLength = Integer.parseInt(line.substring(15).trim());
			}
			else if (line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
				transferEncoding = line.substring(18).trim();
			}
		}
		return new Head(lines[0], contentLength, transferEncoding);
	}

	/** Reads a chunked body to its last chunk and the trailers after it. */
	private static byte[] readChunks(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int size;
		while ((size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0) {
			body.write(in.readNBytes(size));
			readLine(in);
		}
		while (!readLine(in).isEmpty()) {
			// A trailer: not part of the body.
		}
		return body.toByteArray();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A request body of a given size, read as blocking I/O. */
	private abstract static class SizedInputStream extends ServletInputStream {

		long remaining;

		SizedInputStream(long size) {
			this.remaining = size;
		}

		@Override
		public boolean isFinished() {
			return this.remaining == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener readListener) {
		}

	}

	/** A client that sends one byte, waits, and sends the next. */
	private static final class SlowInputStream extends SizedInputStream {

		private final long delay;

		SlowInputStream(int size, long delay) {
			super(size);
			this.delay = delay;
		}

		@Override
		public int read() {
			if (this.remaining == 0) {
				return -1;
			}
			sleep(this.delay);
			this.remaining--;
			return 'x';
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (this.remaining == 0) {
				return -1;
			}
			if (len == 0) {
				return 0;
			}
			b[off] = (byte) read();
			return 1;
		}

	}

	/** A fast client with a large body, generated rather than held. */
	private static final class EndlessInputStream extends SizedInputStream {

		EndlessInputStream(long size) {
			super(size);
		}

		@Override
		public int read() {
			if (this.remaining == 0) {
				return -1;
			}
			this.remaining--;
			return 'x';
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (this.remaining == 0) {
				return -1;
			}
			int n = (int) Math.min(len, this.remaining);
			this.remaining -= n;
			return n;
		}

	}

}
