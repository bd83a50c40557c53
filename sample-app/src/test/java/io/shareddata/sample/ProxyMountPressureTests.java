package io.shareddata.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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

	static final ScriptedUpstream upstream = startUpstream();

	/** Released when the class is done, so that no script outlives it. */
	static final CountDownLatch finished = new CountDownLatch(1);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mounts(DynamicPropertyRegistry registry) {
		registry.add("shareddata.dispatch.mounts[0].path", () -> "/proxy");
		registry.add("shareddata.dispatch.mounts[0].url", () -> upstream.url("/base"));
		registry.add("shareddata.dispatch.mounts[0].read-timeout", () -> "1s");
	}

	@AfterAll
	static void stopUpstream() throws IOException {
		finished.countDown();
		upstream.close();
	}

	@Test
	void uploadCutOffByTheReadTimeoutLeavesTheConnectionReadableForTheNextRequest() throws Exception {
		// The upstream takes the request and never answers: the read timeout ends the exchange
		// while the JDK client is still waiting for the rest of the upload.
		upstream.script("/base/never", (head, in, out) -> {
			await(finished);
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

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
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
