package io.shareddata.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Requests to the app under test on the random port it listens on, through the JDK's
 * {@link HttpClient}, speaking HTTP/1.1 as a browser does without TLS (the client's default,
 * HTTP/2, would add {@code Upgrade: h2c} headers to every request). {@link RawHttp} sends what
 * this client refuses to.
 */
final class LocalHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String origin;

	/**
	 * Creates requests to {@code http://host:port}.
	 * @param host the host name or address the URIs name, which the app sees in {@code Host}
	 * @param port the app's port
	 */
	LocalHttp(String host, int port) {
		this.origin = "http://" + host + ":" + port;
	}

	URI uri(String path) {
		return URI.create(this.origin + path);
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path));
	}

	/**
	 * Sends {@code GET path} with the given headers, as name and value pairs.
	 */
	HttpResponse<String> get(String path, String... headerNamesAndValues) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path);
		for (int i = 0; i < headerNamesAndValues.length; i += 2) {
			request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
		}
		return send(request.build());
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return send(request, BodyHandlers.ofString());
	}

	<T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> bodyHandler)
			throws IOException, InterruptedException {
		return CLIENT.send(request, bodyHandler);
	}

	<T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> bodyHandler) {
		return CLIENT.sendAsync(request, bodyHandler);
	}

}
