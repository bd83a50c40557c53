package io.shareddata.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the repackaged sample jar with {@code java -jar}, as a user would, and reads a
 * classpath export from inside it (nested jar resources, not target/classes).
 */
class PackagedJarIT {

	private Process process;

	@AfterEach
	void stop() throws Exception {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	@Test
	void classpathExportsAreServedFromThePackagedJar() throws Exception {
		Path jar;
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			jar = files.filter((file) -> file.getFileName().toString().matches("sample-app-.*\\.jar")).findFirst().orElseThrow();
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=" + port,
				"--server.address=127.0.0.1")
			.redirectErrorStream(true);
		builder.environment().put("LC_ALL", "C.UTF-8");
		this.process = builder.start();
		CompletableFuture<Boolean> started = CompletableFuture.supplyAsync(this::awaitStartedLine);
		assertThat(started.get(90, TimeUnit.SECONDS)).as("the application started").isTrue();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> packaged = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/packaged/about.txt")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(packaged.statusCode()).isEqualTo(200);
		assertThat(packaged.body()).contains("packaged inside the application jar");
		assertThat(packaged.headers().firstValue("ETag")).isPresent();
		HttpResponse<String> robots = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/robots.txt")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(robots.body()).startsWith("User-agent: *");
		HttpResponse<String> directory = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/packaged/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(directory.statusCode()).isEqualTo(404);
	}

	/**
	 * Reads the app's output until it has started, then keeps draining it on a daemon thread
	 * until the process ends (the reader stays open: a full pipe would block the app).
	 */
	private boolean awaitStartedLine() {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		try {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.contains("Started SampleApplication")) {
					Thread drain = new Thread(() -> drain(reader));
					drain.setDaemon(true);
					drain.start();
					return true;
				}
			}
			return false;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static void drain(BufferedReader reader) {
		try (reader) {
			while (reader.readLine() != null) {
				// Discard: only the start-up line mattered.
			}
		}
		catch (java.io.IOException ex) {
			// The process ended.
		}
	}

}
