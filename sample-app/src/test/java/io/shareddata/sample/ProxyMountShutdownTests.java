package io.shareddata.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application context while proxy exchanges wait for an upstream that never
 * answers (with a read timeout far longer than the test): the close does not wait for them
 * beyond the shutdown phase, and leaves no thread at work on them and no upstream connection
 * open.
 */
class ProxyMountShutdownTests {

	private static final int IN_FLIGHT = 3;

	@ParameterizedTest
	@ValueSource(strings = { "immediate", "graceful" })
	void closingTheContextEndsExchangesInFlight(String shutdown) throws Exception {
		CountDownLatch received = new CountDownLatch(IN_FLIGHT);
		ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
		try (ScriptedUpstream upstream = new ScriptedUpstream()) {
			upstream.script("/base", (head, in, out) -> {
				received.countDown();
				// Never answers; reads until the proxy closes the connection.
				in.transferTo(OutputStream.nullOutputStream());
				return false;
			});
			// Other contexts of the test run (cached by the test framework) have threads of their own.
			Set<Thread> before = Thread.getAllStackTraces().keySet();
			ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
					"--server.port=0", "--server.address=127.0.0.1", "--sample.demo-upstream.port=" + freePort(),
					"--spring.main.banner-mode=off", "--server.shutdown=" + shutdown,
					"--spring.lifecycle.timeout-per-shutdown-phase=2s", "--shareddata.dispatch.mounts[0].path=/proxy",
					"--shareddata.dispatch.mounts[0].url=" + upstream.url("/base"),
					"--shareddata.dispatch.mounts[0].read-timeout=10m");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < IN_FLIGHT; i++) {
				answers.add(clients.submit(() -> {
					try (ProxyMountPressureTests.KeepAliveClient client = new ProxyMountPressureTests.KeepAliveClient(
							port)) {
						client.send("GET /proxy/x HTTP/1.1\r\nHost: localhost\r\n\r\n");
						return client.readResponse();
					}
					catch (IOException ex) {
						return "closed";
					}
				}));
			}
			assertThat(received.await(20, TimeUnit.SECONDS)).as("exchanges in flight").isTrue();
			long start = System.nanoTime();
			context.close();
			// Graceful shutdown waits out its phase (2 s) for the requests, then stops anyway.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
			for (Future<String> answer : answers) {
				// The connection ends, with or without an answer, long before the read timeout.
				assertThat(answer.get(20, TimeUnit.SECONDS)).isNotNull();
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while ((upstream.open.get() > 0 || !threadsAtWork(before).isEmpty()) && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(upstream.open.get()).as("upstream connections left open").isZero();
			assertThat(threadsAtWork(before)).as("threads still at work on an exchange").isEmpty();
		}
		finally {
			clients.shutdownNow();
		}
	}

	/** Threads of the proxy transport, and any thread inside the dispatch package, started since. */
	private static List<String> threadsAtWork(Set<Thread> before) {
		List<String> threads = new ArrayList<>();
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			if (before.contains(thread)) {
				return;
			}
			boolean inDispatch = false;
			for (StackTraceElement frame : stack) {
				inDispatch |= frame.getClassName().startsWith("io.shareddata.dispatch.");
			}
			if (inDispatch || thread.getName().startsWith("shareddata-proxy-")) {
				threads.add(thread.getName());
			}
		});
		return threads;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
