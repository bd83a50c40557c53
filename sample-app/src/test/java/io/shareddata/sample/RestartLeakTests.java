package io.shareddata.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a devtools restart does, repeated: the whole sample app (every feature, the mounted
 * second application, the proxy mount's HTTP clients, the demo upstream) is started, used and
 * closed several times in one JVM. Afterwards no thread the app started is left running and the
 * process holds no more open files than after the first round.
 */
class RestartLeakTests {

	private static final int ROUNDS = 4;

	/** One client for every round: on JDK 17 a client keeps its selector open until collected. */
	private static final HttpClient client = HttpClient.newHttpClient();

	@Test
	@EnabledOnOs(OS.LINUX)
	void restartsLeakNoThreadsAndNoOpenFiles() throws Exception {
		runOnce();
		Set<String> threadsBefore = liveThreadNames();
		Set<String> filesBefore = openFiles();
		for (int i = 0; i < ROUNDS; i++) {
			runOnce();
		}
		// Threads end asynchronously after close(): wait for them, with a deadline.
		long deadline = System.nanoTime() + 20_000_000_000L;
		Set<String> leaked = leakedThreads(threadsBefore);
		while (!leaked.isEmpty() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
			leaked = leakedThreads(threadsBefore);
		}
		assertThat(leaked).as("threads left running by %d restarts", ROUNDS).isEmpty();
		Set<String> newFiles = newFiles(filesBefore);
		while (newFiles.size() > 3 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
			newFiles = newFiles(filesBefore);
		}
		assertThat(newFiles).as("files opened and not closed by %d restarts", ROUNDS).hasSizeLessThanOrEqualTo(3);
	}

	private static void runOnce() throws Exception {
		int upstreamPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			upstreamPort = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--sample.demo-upstream.port=" + upstreamPort,
					"--spring.main.banner-mode=off")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			// Touch every feature, so that whatever each one opens lazily is opened.
			for (String path : new String[] { "/", "/static/css/site.css", "/hello", "/admin", "/app2/", "/legacy",
					"/upstream/x", "/actuator/shareddata" }) {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
						HttpResponse.BodyHandlers.discarding());
				assertThat(response.statusCode()).as(path).isLessThan(500);
			}
		}
	}

	/** Threads started since the baseline, ignoring the JDK's own shared pools. */
	private static Set<String> leakedThreads(Set<String> before) {
		Set<String> now = liveThreadNames();
		now.removeAll(before);
		now.removeIf((name) -> name.startsWith("ForkJoinPool.commonPool") || name.startsWith("HttpClient-")
				|| name.startsWith("Attach Listener") || name.startsWith("process reaper"));
		return now;
	}

	/** Names with the numbers taken out, so a restarted pool's "exec-12" equals its old "exec-3". */
	private static Set<String> liveThreadNames() {
		Set<String> names = new TreeSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive()) {
				names.add(thread.getName().replaceAll("\\d+", "#"));
			}
		}
		return names;
	}

	/** Files opened since the baseline; sockets and pipes are counted, not named. */
	private static Set<String> newFiles(Set<String> before) {
		Set<String> now = openFiles();
		now.removeAll(before);
		return now;
	}

	/** What each open descriptor points at, numbered so that equal targets count separately. */
	private static Set<String> openFiles() {
		Set<String> files = new TreeSet<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			java.util.Map<String, Integer> seen = new java.util.HashMap<>();
			fds.forEach((fd) -> {
				try {
					String target = Files.readSymbolicLink(fd).toString().replaceAll("\\[\\d+]", "[]");
					files.add(target + "#" + seen.merge(target, 1, Integer::sum));
				}
				catch (IOException ex) {
					// Closed between listing and reading: not open any more.
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

}
