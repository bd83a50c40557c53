package io.shareddata.dispatch;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.util.StringUtils;

/**
 * The headers that describe one connection and must not cross a proxy (RFC 9110 section
 * 7.6.1), in either direction: the fixed list plus every header named in {@code Connection}.
 */
final class HopByHopHeaders {

	private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-authenticate",
			"proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

	private final Set<String> names;

	private HopByHopHeaders(Set<String> names) {
		this.names = names;
	}

	/**
	 * Returns the hop-by-hop headers of one message.
	 * @param connectionValues every value of the message's {@code Connection} header
	 * @return the headers to drop
	 */
	static HopByHopHeaders of(Collection<String> connectionValues) {
		Set<String> names = new HashSet<>(ALWAYS);
		for (String value : connectionValues) {
			for (String token : StringUtils.commaDelimitedListToStringArray(value)) {
				String name = token.trim().toLowerCase(Locale.ROOT);
				if (!name.isEmpty()) {
					names.add(name);
				}
			}
		}
		return new HopByHopHeaders(names);
	}

	/**
	 * Returns whether a header must be dropped.
	 * @param name the header name, any case
	 * @return whether it is hop-by-hop for this message
	 */
	boolean contains(String name) {
		return this.names.contains(name.toLowerCase(Locale.ROOT));
	}

}
