package io.shareddata.sample;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The "other server" behind the proxy mounts in {@link DispatchMountsTests}: a JDK
 * {@link HttpServer} on a loopback port, everything under {@code /base}. Handlers that must
 * wait do so on latches the test releases, never on a clock.
 */
final class TestUpstream {

	private static final long LATCH_LIMIT_SECONDS = 30;

	final CountDownLatch streamMayFinish = new CountDownLatch(1);

	final CountDownLatch slowMayAnswer = new CountDownLatch(1);

	final CountDownLatch clientWentAway = new CountDownLatch(1);

	/** Every request the upstream received, in order. */
	final List<Received> received = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	TestUpstream() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	void stop() {
		this.streamMayFinish.countDown();
		this.slowMayAnswer.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * Returns a loopback port that nothing listens on: bound, then closed.
	 */
	static int deadPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A request as the upstream saw it.
	 * @param method the method
	 * @param path the raw path
	 */
	record Received(String method, String path) {
	}

	/**
	 * A loopback listener that never accepts and whose queue is full: the kernel drops every
	 * further connection attempt, so connecting to it hangs until the client gives up, as with
	 * a host that silently drops packets.
	 */
	static final class UnansweredListener implements Closeable {

		private final ServerSocket listener;

		private final List<Socket> queued = new ArrayList<>();

		UnansweredListener() throws IOException {
			this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
			// Linux queues backlog + 1 connections; the first attempt that times out proves
			// the queue is full.
			for (int i = 0; i < 8; i++) {
				Socket socket = new Socket();
				try {
					socket.connect(this.listener.getLocalSocketAddress(), 500);
					this.queued.add(socket);
				}
				catch (SocketTimeoutException ex) {
					socket.close();
					return;
				}
			}
			close();
			throw new IllegalStateException("The listen queue never filled: connections would not hang");
		}

		int port() {
			return this.listener.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			for (Socket socket : this.queued) {
				socket.close();
			}
			this.listener.close();
		}

	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			this.received.add(new Received(exchange.getRequestMethod(), path));
			switch (path) {
				case "/base/stream" -> stream(exchange);
				case "/base/endless" -> endless(exchange);
				case "/base/slow" -> {
					await(this.slowMayAnswer);
					text(exchange, 200, "finally\n");
				}
				case "/base/stall" -> {
					exchange.sendResponseHeaders(200, 0);
					exchange.getResponseBody().write("first part\n".getBytes(StandardCharsets.UTF_8));
					exchange.getResponseBody().flush();
					await(this.slowMayAnswer);
				}
				case "/base/cut" -> {
					// Half the body, then the connection closes (closing the exchange short of
					// its Content-Length does that).
					exchange.sendResponseHeaders(200, 20);
					exchange.getResponseBody().write("0123456789".getBytes(StandardCharsets.UTF_8));
					exchange.getResponseBody().flush();
				}
				case "/base/headers-then-stall" -> {
					exchange.getResponseHeaders().add("X-Upstream", "1");
					exchange.sendResponseHeaders(200, 10);
					exchange.getResponseBody().flush();
					await(this.slowMayAnswer);
				}
				case "/base/hop" -> {
					exchange.getResponseHeaders().add("Connection", "X-Secret-Resp");
					exchange.getResponseHeaders().add("X-Secret-Resp", "1");
					exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
					exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=x");
					exchange.getResponseHeaders().add("X-Kept-Resp", "1");
					text(exchange, 200, "hop\n");
				}
				case "/base/redirect" -> {
					exchange.getResponseHeaders().add("Location", url("/base/target?x=1"));
					exchange.getResponseHeaders().add("Set-Cookie", "a=1; Path=/base/sub; HttpOnly");
					exchange.getResponseHeaders().add("Set-Cookie", "b=2; Path=/");
					exchange.sendResponseHeaders(302, -1);
				}
				case "/base/relative-redirect" -> {
					exchange.getResponseHeaders().add("Location", "/base/other");
					exchange.sendResponseHeaders(303, -1);
				}
				case "/base/upload" -> upload(exchange);
				case "/base/form" -> {
					String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
					text(exchange, 200, exchange.getRequestMethod() + " " + body + "\ncontent-length="
							+ exchange.getRequestHeaders().getFirst("Content-Length") + "\n");
				}
				default -> echo(exchange);
			}
		}
	}

	private static void echo(HttpExchange exchange) throws IOException {
		StringBuilder body = new StringBuilder();
		body.append("method=").append(exchange.getRequestMethod()).append('\n');
		body.append("path=").append(exchange.getRequestURI().getRawPath()).append('\n');
		body.append("query=").append(exchange.getRequestURI().getRawQuery()).append('\n');
		Map<String, List<String>> headers = new TreeMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
		headers.forEach((name, values) -> body.append("header ").append(name).append('=')
			.append(String.join(" | ", values)).append('\n'));
		text(exchange, 200, body.toString());
	}

	private void stream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		body.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
		body.flush();
		await(this.streamMayFinish);
		body.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
	}

	private void endless(HttpExchange exchange) throws IOException {
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		byte[] chunk = new byte[8192];
		try {
			// Bounded so a proxy that never cancels fails the test instead of running forever.
			for (int i = 0; i < 1_000_000; i++) {
				body.write(chunk);
				body.flush();
			}
		}
		catch (IOException ex) {
			this.clientWentAway.countDown();
		}
	}

	private static void upload(HttpExchange exchange) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		long length = 0;
		byte[] buffer = new byte[65536];
		try (InputStream in = exchange.getRequestBody()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				digest.update(buffer, 0, read);
				length += read;
			}
		}
		text(exchange, 200, "length=" + length + "\nsha256=" + HexFormat.of().formatHex(digest.digest())
				+ "\ncontent-length=" + exchange.getRequestHeaders().getFirst("Content-Length")
				+ "\ntransfer-encoding=" + exchange.getRequestHeaders().getFirst("Transfer-Encoding") + "\n");
	}

	private static void text(HttpExchange exchange, int status, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(LATCH_LIMIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
