package io.shareddata.net;

import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * What a trusted proxy recorded in an RFC 7239 {@code Forwarded} element about the client's
 * request: the protocol ({@code proto=}) and the {@code Host} ({@code host=}) the client
 * used. A proxy mount passes them on as {@code X-Forwarded-Proto} and {@code -Host}, so an
 * upstream behind an HTTPS edge does not build {@code http://internal:8080} links. It is
 * known only to a resolver that takes the client from {@code Forwarded}
 * ({@link ClientAddressResolver#forwardedOrigin}).
 * <p>
 * The element is the right-most one whose {@code for=} node is the client address the
 * {@link ClientAddressResolver} chose: elements are appended by the proxies, so the right-most
 * element naming the client was written by the trusted proxy that received the request from
 * it, and anything left of it may be the client's own invention. The search stops, like the
 * client walk, at an element without an address ({@code for=unknown}, {@code for=_hidden}):
 * when the walk falls back to a trusted proxy there, no element right of it names that proxy,
 * and one left of it that does was written by the client. A {@code proto} that is not
 * a URI scheme, or a {@code host} that is not a host name or IP literal with an optional
 * port, is ignored.
 *
 * @param proto the protocol the client used, or {@code null} when not recorded
 * @param host the {@code Host} the client sent, or {@code null} when not recorded
 */
public record ForwardedOrigin(@Nullable String proto, @Nullable String host) {

	private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

	private static final Pattern HOST = Pattern
		.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
				+ "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

	/**
	 * Finds what the proxy that received the request from the client recorded about it. Only
	 * meaningful when the client address itself came from {@code Forwarded} and its proxies.
	 * @param request the request, from a trusted proxy
	 * @param clientAddress the client address the resolver chose for it
	 * @return the origin, or {@code null} when no {@code Forwarded} element names the client
	 * or that element records neither a valid {@code proto} nor a valid {@code host}
	 */
	static @Nullable ForwardedOrigin of(HttpServletRequest request, String clientAddress) {
		List<String> lines = Collections.list(request.getHeaders("Forwarded"));
		for (int l = lines.size() - 1; l >= 0; l--) {
			String line = lines.get(l);
			int end = line.length();
			while (end >= 0) {
				int comma = line.lastIndexOf(',', end - 1);
				long node = ForwardedNodes.forAddress(line, comma + 1, end);
				if (node == ForwardedNodes.NONE) {
					// The client walk ends here too: left of it only the client wrote, and an
					// element there may name the proxy the walk fell back to.
					return null;
				}
				String address = line.substring(ForwardedNodes.start(node), ForwardedNodes.end(node));
				if (address.equalsIgnoreCase(clientAddress)) {
					return originIn(line, comma + 1, end);
				}
				end = (comma < 0) ? -1 : comma;
			}
		}
		return null;
	}

	private static @Nullable ForwardedOrigin originIn(String line, int from, int to) {
		String proto = parameter(line, from, to, "proto", SCHEME);
		String host = parameter(line, from, to, "host", HOST);
		return (proto != null || host != null) ? new ForwardedOrigin(proto, host) : null;
	}

	/** The value of one {@code name=value} pair of the element, token or quoted, if it is valid. */
	private static @Nullable String parameter(String line, int from, int to, String name, Pattern valid) {
		for (String pair : line.substring(from, to).split(";", -1)) {
			int equals = pair.indexOf('=');
			if (equals < 0 || !pair.substring(0, equals).strip().equalsIgnoreCase(name)) {
				continue;
			}
			String value = pair.substring(equals + 1).strip();
			if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
				value = value.substring(1, value.length() - 1);
			}
			return valid.matcher(value).matches() ? value : null;
		}
		return null;
	}

}
