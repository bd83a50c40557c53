package io.shareddata.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy mounts over real connections against a {@link ScriptedUpstream}, for what happens
 * around an exchange: the client's connection after an exchange that ended early, many
 * exchanges at once, and upstreams that misbehave at the HTTP level.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProxyMountPressureTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	static final ScriptedUpstream upstream = startUpstream();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mounts(DynamicPropertyRegistry registry) {
		registry.add("shareddata.dispatch.mounts[0].path", () -> "/proxy");
		registry.add("shareddata.dispatch.mounts[0].url", () -> upstream.url("/base"));
		registry.add("shareddata.dispatch.mounts[0].read-timeout", () -> "1s");
		registry.add("shareddata.dispatch.mounts[1].path", () -> "/proxy-small");
		registry.add("shareddata.dispatch.mounts[1].url", () -> upstream.url("/base"));
		registry.add("shareddata.dispatch.mounts[1].max-response-header-size", () -> "1KB");
	}

	@AfterAll
	static void stopUpstream() throws IOException {
		upstream.close();
	}

	@Test
	void uploadCutOffByTheReadTimeoutLeavesTheConnectionReadableForTheNextRequest() throws Exception {
		// The upstream takes the request and never answers: the read timeout ends the exchange
		// while the JDK client is still waiting for the rest of the upload.
		upstream.script("/base/never", (head, in, out) -> {
			// Until the proxy closes the connection.
			in.transferTo(OutputStream.nullOutputStream());
			return false;
		});
		try (KeepAliveClient client = new KeepAliveClient(this.port)) {
			client.send("POST /proxy/never HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\n\r\n0123456789");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 504 ").endsWith("\r\n\r\nGateway Timeout\n");
			// The rest of the upload, then the next request on the same connection.
			client.send("abcdefghij" + "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 200 ")
				.endsWith("\r\n\r\nHello from the application\n");
		}
	}

	@Test
	void chunkedUploadWithATrailerReachesTheUpstreamWholeAndTheConnectionStaysUsable() throws Exception {
		upstream.script("/base/chunked", (head, in, out) -> {
			String body = new String(ScriptedUpstream.readChunked(in), StandardCharsets.ISO_8859_1);
			String answer = head.header("Transfer-Encoding") + " " + head.header("X-Trailer") + " " + body;
			out.write(ScriptedUpstream.ascii("HTTP/1.1 200 OK\r\nContent-Length: " + answer.length() + "\r\n\r\n" + answer));
			out.flush();
			return true;
		});
		try (KeepAliveClient client = new KeepAliveClient(this.port)) {
			client.send("POST /proxy/chunked HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
					+ "Trailer: X-Trailer\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nchunked null hello world");
			client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 200 ")
				.endsWith("\r\n\r\nHello from the application\n");
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void thousandsOfClientsThatGoAwayMidResponseLeaveNothingBehind() throws Exception {
		upstream.script("/base/endless", (head, in, out) -> {
			out.write(ScriptedUpstream.ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
			byte[] chunk = ScriptedUpstream.ascii("2000\r\n" + "x".repeat(8192) + "\r\n");
			while (true) {
				out.write(chunk);
				out.flush();
			}
		});
		assertLeavesNothingBehind("GET /proxy/endless ", 1, 2000, () -> {
			try (KeepAliveClient client = new KeepAliveClient(this.port)) {
				client.send("GET /proxy/endless HTTP/1.1\r\nHost: localhost\r\n\r\n");
				assertThat(client.readHeadAndSome(8192)).startsWith("HTTP/1.1 200 ");
			}
		});
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void clientsThatGoAwayMidUploadLeaveNothingBehind() throws Exception {
		upstream.script("/base/sink", (head, in, out) -> {
			in.transferTo(OutputStream.nullOutputStream());
			return false;
		});
		assertLeavesNothingBehind("POST /proxy/sink ", 1, 500, () -> {
			try (KeepAliveClient client = new KeepAliveClient(this.port)) {
				client.send("POST /proxy/sink HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\n"
						+ "x".repeat(1000));
			}
		});
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void exchangesCutOffByTheReadTimeoutLeaveNothingBehind() throws Exception {
		upstream.script("/base/silent", (head, in, out) -> {
			// Until the proxy closes the connection.
			in.transferTo(OutputStream.nullOutputStream());
			return false;
		});
		ExecutorService clients = Executors.newFixedThreadPool(30);
		try {
			assertLeavesNothingBehind("GET /proxy/silent ", 30, 1, () -> {
				List<Future<String>> answers = new ArrayList<>();
				for (int i = 0; i < 30; i++) {
					answers.add(clients.submit(() -> {
						try (KeepAliveClient client = new KeepAliveClient(this.port)) {
							client.send("GET /proxy/silent HTTP/1.1\r\nHost: localhost\r\n\r\n");
							return client.readResponse();
						}
					}));
				}
				for (Future<String> answer : answers) {
					assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 504 ");
				}
			});
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void upstreamHeadersTooLargeForTheContainerGiveBadGatewayAndTheConnectionStaysUsable() throws Exception {
		// 20 KiB of header lines: more than either container takes into its response header
		// buffer (Tomcat 8 KiB, Jetty 16 KiB under Spring Boot). The container would refuse them
		// only as it commits the response, with a 500 of its own.
		upstream.script("/base/big-headers", answerWithHeaderLinesOf(20 * 1024));
		upstream.script("/base/small-headers", answerWithHeaderLinesOf(100));
		try (KeepAliveClient client = new KeepAliveClient(this.port)) {
			client.send("GET /proxy/big-headers HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 502 ")
				.doesNotContainIgnoringCase("X-Fill-")
				.contains("\r\nX-Powered-By: MyAwesomeApp\r\n")
				.endsWith("\r\n\r\nBad Gateway\n");
			// A normal answer from the same upstream, on the same client connection.
			client.send("GET /proxy/small-headers HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 200 ")
				.containsIgnoringCase("\r\nX-Fill-00: y")
				.endsWith("\r\n\r\nok\n");
		}
	}

	@Test
	void upstreamHeadersAtTheDefaultLimitPassOnWithTheHeadersOfTheLayersAround() throws Exception {
		// The default leaves room for what the container and the sample's outer layers add
		// (request id, security preset, X-Powered-By) within Tomcat's 8 KiB.
		upstream.script("/base/headers-at-limit", answerWithHeaderLinesOf(6 * 1024));
		try (KeepAliveClient client = new KeepAliveClient(this.port)) {
			client.send("GET /proxy/headers-at-limit HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 200 ")
				.containsIgnoringCase("\r\nX-Fill-05: yyy")
				.contains("\r\nX-Request-Id: ")
				.contains("\r\nX-Powered-By: MyAwesomeApp\r\n")
				.endsWith("\r\n\r\nok\n");
		}
	}

	@Test
	void aMountsOwnMaxResponseHeaderSizeApplies() throws Exception {
		upstream.script("/base/headers-2k", answerWithHeaderLinesOf(2 * 1024));
		try (KeepAliveClient client = new KeepAliveClient(this.port)) {
			client.send("GET /proxy-small/headers-2k HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 502 ").endsWith("\r\n\r\nBad Gateway\n");
			client.send("GET /proxy/headers-2k HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readResponse()).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok\n");
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void upstreamHeadersTooLargeForTheContainerLeaveNothingBehind() throws Exception {
		// With a body larger than the buffers on the way, which the proxy must not read.
		byte[] head = ScriptedUpstream.ascii("HTTP/1.1 200 OK\r\n" + "X-Big: yyyyyyy\r\n".repeat(20 * 64)
				+ "Content-Length: " + (8 * 1024 * 1024) + "\r\n\r\n");
		byte[] chunk = new byte[64 * 1024];
		upstream.script("/base/too-big-headers", (request, in, out) -> {
			out.write(head);
			for (int i = 0; i < 128; i++) {
				out.write(chunk);
			}
			out.flush();
			return true;
		});
		assertLeavesNothingBehind("GET /proxy/too-big-headers ", 1, 200, () -> {
			try (KeepAliveClient client = new KeepAliveClient(this.port)) {
				client.send("GET /proxy/too-big-headers HTTP/1.1\r\nHost: localhost\r\n\r\n");
				assertThat(client.readResponse()).startsWith("HTTP/1.1 502 ");
			}
		});
	}

	/**
	 * Answers {@code ok} with header lines of exactly {@code size} bytes as the proxy counts
	 * them (name, ": ", value and CRLF of each, its Content-Length included): lines
	 * {@code X-Fill-00}, {@code X-Fill-01}, ... of about a kilobyte each. The connection stays
	 * open for another request.
	 */
	private static ScriptedUpstream.Script answerWithHeaderLinesOf(int size) {
		StringBuilder lines = new StringBuilder("Content-Length: 3\r\n");
		for (int i = 0; lines.length() < size; i++) {
			int left = size - lines.length();
			String start = String.format(Locale.ROOT, "X-Fill-%02d: ", i);
			int length = (left >= 2000) ? 1000 : left;
			lines.append(start).append("y".repeat(length - start.length() - 2)).append("\r\n");
		}
		byte[] answer = ScriptedUpstream.ascii("HTTP/1.1 200 OK\r\n" + lines + "\r\nok\n");
		return (head, in, out) -> {
			out.write(answer);
			out.flush();
			return true;
		};
	}

	/**
	 * Runs a round of requests once to warm up, then {@code rounds} more times, waits until
	 * the container has finished every request (its request log line is written), and checks
	 * that the upstream connections are closed, no proxy thread is still busy and no file is
	 * left open.
	 */
	private void assertLeavesNothingBehind(String requestLine, int requestsPerRound, int rounds, Round round)
			throws Exception {
		CapturedRequestLog log = CapturedRequestLog.attach();
		try {
			round.run();
			log.awaitCount(requestLine, requestsPerRound, WAIT);
			int filesBefore = openFiles();
			for (int i = 0; i < rounds; i++) {
				round.run();
			}
			log.awaitCount(requestLine, requestsPerRound * (rounds + 1), WAIT);
			// Every request is over: what they opened closes, eventually.
			long deadline = System.nanoTime() + WAIT.toNanos();
			String left = leftBehind(filesBefore);
			while (!left.isEmpty() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
				left = leftBehind(filesBefore);
			}
			assertThat(left).as("left behind").isEmpty();
		}
		finally {
			log.detach();
		}
	}

	interface Round {

		void run() throws Exception;

	}

	/**
	 * Describes what is still open or at work: upstream connections, threads of the proxy
	 * transport that are not idle in their pool, threads inside the dispatch package, and
	 * files beyond those open before (and a few the JVM opens on its own).
	 */
	private static String leftBehind(int filesBefore) throws IOException {
		List<String> left = new ArrayList<>();
		if (upstream.open.get() > 0) {
			left.add(upstream.open.get() + " upstream connections");
		}
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			boolean inDispatch = Arrays.stream(stack)
				.anyMatch((frame) -> frame.getClassName().startsWith("io.shareddata.dispatch."));
			boolean idle = Arrays.stream(stack).anyMatch((frame) -> frame.getMethodName().equals("getTask"));
			if (inDispatch || (thread.getName().startsWith("shareddata-proxy-") && !idle)) {
				left.add("thread " + thread.getName());
			}
		});
		int files = openFiles();
		if (files > filesBefore + 10) {
			left.add((files - filesBefore) + " more open files");
		}
		return String.join(", ", left);
	}

	private static int openFiles() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("/proc/self/fd"))) {
			return (int) files.count();
		}
	}

	private static ScriptedUpstream startUpstream() {
		try {
			return new ScriptedUpstream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP/1.1 client over one plain socket that writes exactly what it is given and reads
	 * one response at a time (framed by Content-Length or chunked), so that several requests
	 * share a connection.
	 */
	static final class KeepAliveClient implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		KeepAliveClient(int port) throws IOException {
			this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
			// Bounded: a server that never answers fails the test instead of hanging the build.
			this.socket.setSoTimeout(20_000);
			this.in = this.socket.getInputStream();
		}

		void send(String bytes) throws IOException {
			OutputStream out = this.socket.getOutputStream();
			out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}

		/** The status line, headers and body of the next response (chunks joined). */
		String readResponse() throws IOException {
			String head = readHead();
			StringBuilder response = new StringBuilder(head);
			String lower = head.toLowerCase(Locale.ROOT);
			if (lower.contains("\r\ntransfer-encoding: chunked\r\n")) {
				int size;
				while ((size = Integer.parseInt(readLine(), 16)) > 0) {
					response.append(new String(this.in.readNBytes(size), StandardCharsets.ISO_8859_1));
					readLine();
				}
				readLine();
			}
			else {
				int start = lower.indexOf("\r\ncontent-length:");
				if (start >= 0) {
					int end = lower.indexOf("\r\n", start + 2);
					int length = Integer.parseInt(lower.substring(start + 17, end).trim());
					response.append(new String(this.in.readNBytes(length), StandardCharsets.ISO_8859_1));
				}
			}
			return response.toString();
		}

		/** The head of the next response and at least {@code count} bytes after it. */
		String readHeadAndSome(int count) throws IOException {
			return readHead() + new String(this.in.readNBytes(count), StandardCharsets.ISO_8859_1);
		}

		private String readHead() throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int b = this.in.read();
				if (b == -1) {
					throw new IOException("Connection closed after: " + head.toString(StandardCharsets.ISO_8859_1));
				}
				head.write(b);
			}
			return head.toString(StandardCharsets.ISO_8859_1);
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != -1 && b != '\n') {
				if (b != '\r') {
					line.write(b);
				}
			}
			return line.toString(StandardCharsets.ISO_8859_1);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
