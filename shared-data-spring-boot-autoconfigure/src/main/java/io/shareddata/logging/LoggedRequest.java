package io.shareddata.logging;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a request asked for, as read when it arrived. Values are raw: formatters escape them.
 *
 * @param receivedAt when the request was received (wall clock, for timestamps only)
 * @param requestId the request id
 * @param method the HTTP method
 * @param path the context path followed by the decoded, normalised path within the application
 * @param query the raw query string, or {@code null} when absent or not to be logged
 * @param protocol the protocol, such as {@code HTTP/1.1}
 * @param clientAddress the client address
 * @param remoteUser the user the container authenticated, or {@code null}
 * @param headers the headers to log, by configured name, masked where required
 * @param referer the {@code Referer} header, or {@code null} when absent or not needed
 * @param userAgent the {@code User-Agent} header, or {@code null} when absent or not needed
 */
public record LoggedRequest(Instant receivedAt, String requestId, String method, String path, @Nullable String query,
		String protocol, String clientAddress, @Nullable String remoteUser, Map<String, String> headers,
		@Nullable String referer, @Nullable String userAgent) {

}
