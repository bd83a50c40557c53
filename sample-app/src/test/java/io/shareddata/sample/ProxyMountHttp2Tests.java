package io.shareddata.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proxy mount behind Tomcat speaking h2c, where a request body may come in DATA frames with
 * neither Content-Length nor Transfer-Encoding. Its own context, since HTTP/2 is switched on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "spring.mvc.hiddenmethod.filter.enabled=true" })
class ProxyMountHttp2Tests {

	private static final TestUpstream upstream = startUpstream();

	/** HTTP/2 without TLS: the first request to the server upgrades the connection to h2c. */
	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void mounts(DynamicPropertyRegistry registry) {
		registry.add("shareddata.dispatch.mounts[0].path", () -> "/proxy");
		registry.add("shareddata.dispatch.mounts[0].url", () -> upstream.url("/base"));
	}

	@AfterAll
	static void stopUpstream() {
		upstream.stop();
	}

	@BeforeEach
	void upgrade() throws Exception {
		HttpResponse<String> response = send(request("/proxy/echo").GET());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void bodyOfUnknownLengthReachesTheUpstream() throws Exception {
		// Several DATA frames (16 KiB each at most), within the stream's first flow-control
		// window, so a proxy that drops the body fails this fast rather than stalling.
		byte[] payload = new byte[50_000];
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) (i * 31);
		}
		// ofInputStream has no length: the client sends DATA frames without content-length.
		HttpResponse<String> response = send(request("/proxy/upload")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload))));
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.body()).isEqualTo("length=" + payload.length + "\nsha256="
				+ HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload))
				+ "\ncontent-length=null\ntransfer-encoding=chunked\n");
	}

	@Test
	void formOfUnknownLengthWhoseParametersAFilterReadReachesTheUpstream() throws Exception {
		// HiddenHttpMethodFilter reads the parameters: over HTTP/2 Tomcat then parses the body.
		byte[] form = "a=1&b=2".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = send(request("/proxy/form?q=0")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))));
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.body()).isEqualTo("POST a=1&b=2\ncontent-length=7\n");
	}

	@Test
	void getReachesTheUpstreamWithoutABody() throws Exception {
		HttpResponse<String> response = send(request("/proxy/echo").GET());
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.body()).startsWith("method=GET\npath=/base/echo\n")
			.doesNotContain("header transfer-encoding");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

	private static TestUpstream startUpstream() {
		try {
			return new TestUpstream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
