package io.shareddata.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The response to a denied request: a fixed status (403 or 404) and a small fixed HTML body
 * that says nothing about the client, the rules or the server.
 * <p>
 * The body is written directly rather than through {@code sendError}, so no error page (with
 * whatever detail it may show) is rendered for a client that is not allowed in, and the
 * response is marked {@code no-store} so that a shared cache never serves it to an allowed
 * client.
 */
public final class DeniedResponse {

	/**
	 * The default body of a 403 response: the seed's {@code 403 Forbidden} page.
	 */
	public static final String FORBIDDEN_BODY = "<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>"
			+ "<body><h1>Forbidden</h1><p>You don't have permission to access this resource.</p></body></html>\n";

	/**
	 * The default body of a 404 response, for when even the existence of a path is private.
	 */
	public static final String NOT_FOUND_BODY = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
			+ "<body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>\n";

	/**
	 * The largest body accepted, in characters: a denied response is a sentence, not a page.
	 */
	public static final int MAX_BODY_LENGTH = 4096;

	private static final String CONTENT_TYPE = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8).toString();

	private final int status;

	private final byte[] body;

	private DeniedResponse(int status, byte[] body) {
		this.status = status;
		this.body = body;
	}

	/**
	 * Creates the denied response.
	 * @param status {@code 403} or {@code 404}
	 * @param body the HTML body, or {@code null} for the default one of the status
	 * @return the response
	 * @throws IllegalArgumentException if the status is not 403 or 404, or the body is longer
	 * than {@link #MAX_BODY_LENGTH}
	 */
	public static DeniedResponse of(int status, @Nullable String body) {
		if (status != HttpServletResponse.SC_FORBIDDEN && status != HttpServletResponse.SC_NOT_FOUND) {
			throw new IllegalArgumentException("Deny status must be 403 or 404, not " + status);
		}
		if (body != null && body.length() > MAX_BODY_LENGTH) {
			throw new IllegalArgumentException("Deny body must be at most " + MAX_BODY_LENGTH + " characters");
		}
		String text = (body != null) ? body
				: (status == HttpServletResponse.SC_FORBIDDEN) ? FORBIDDEN_BODY : NOT_FOUND_BODY;
		return new DeniedResponse(status, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns the status.
	 * @return 403 or 404
	 */
	public int getStatus() {
		return this.status;
	}

	void writeTo(HttpServletResponse response) throws IOException {
		response.setStatus(this.status);
		response.setContentType(CONTENT_TYPE);
		response.setContentLength(this.body.length);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.getOutputStream().write(this.body);
		response.flushBuffer();
	}

}
