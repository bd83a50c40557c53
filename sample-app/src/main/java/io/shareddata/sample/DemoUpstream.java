package io.shareddata.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A tiny "other" HTTP server on {@code 127.0.0.1}, standing in for the service the sample's
 * proxy mount fronts: a page, a redirect, a cookie and a stream of Server-Sent Events, all
 * under {@code /demo}. If its port is taken it logs a warning and the mount answers 502.
 */
final class DemoUpstream {

	private static final Log logger = LogFactory.getLog(DemoUpstream.class);

	private final @Nullable HttpServer server;

	private final @Nullable ExecutorService executor;

	private static final int ACCEPT_BACKLOG = 1024;

	private DemoUpstream(@Nullable HttpServer server, @Nullable ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	static DemoUpstream start(int port) {
		try {
			// A deep accept queue: a proxy mount under load opens many upstream connections at once,
			// and with the default (50) the overflow waits out the mount's connect-timeout (504).
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
					ACCEPT_BACKLOG);
			ExecutorService executor = Executors.newCachedThreadPool();
			server.setExecutor(executor);
			server.createContext("/demo", DemoUpstream::handle);
			server.start();
			return new DemoUpstream(server, executor);
		}
		catch (BindException ex) {
			logger.warn("Demo upstream not started: port " + port + " is in use (set sample.demo-upstream.port)");
			return new DemoUpstream(null, null);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Demo upstream failed to start", ex);
		}
	}

	void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
		}
	}

	private static void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			switch (path) {
				case "/demo/events" -> events(exchange);
				case "/demo/go" -> {
					// An absolute redirect in the upstream's own terms; the mount rewrites it.
					String host = exchange.getLocalAddress().getAddress().getHostAddress();
					exchange.getResponseHeaders()
						.add("Location", "http://" + host + ":" + exchange.getLocalAddress().getPort() + "/demo/");
					exchange.sendResponseHeaders(302, -1);
				}
				case "/demo/cookie" -> {
					exchange.getResponseHeaders().add("Set-Cookie", "demo=1; Path=/demo; HttpOnly");
					text(exchange, "Cookie set for the upstream's /demo, which the client sees at the mount\n");
				}
				default -> text(exchange, "Demo upstream: " + exchange.getRequestMethod() + " " + path
						+ "\nX-Forwarded-For: " + exchange.getRequestHeaders().getFirst("X-Forwarded-For")
						+ "\nX-Forwarded-Prefix: " + exchange.getRequestHeaders().getFirst("X-Forwarded-Prefix")
						+ "\nTry /demo/events, /demo/go and /demo/cookie below the mount.\n");
			}
		}
	}

	private static void text(HttpExchange exchange, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
	}

	private static void events(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		for (int i = 1; i <= 5; i++) {
			body.write(("data: tick " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
			body.flush();
			try {
				// A demo clock, so a browser shows the events arriving one by one.
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
