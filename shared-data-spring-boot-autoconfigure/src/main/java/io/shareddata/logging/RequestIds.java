package io.shareddata.logging;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Accepts a request id sent by the client or a proxy only when it is short and made of safe
 * characters, so it can be echoed in a response header and logged as is; otherwise generates
 * one.
 */
final class RequestIds {

	/**
	 * The longest incoming request id accepted.
	 */
	static final int MAX_LENGTH = 64;

	private RequestIds() {
	}

	static String acceptOrGenerate(@Nullable String incoming) {
		return isAcceptable(incoming) ? incoming : generate();
	}

	static boolean isAcceptable(@Nullable String id) {
		if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == ':' || c == '-';
			if (!safe) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns a random version 4 UUID from {@link ThreadLocalRandom}: request ids need to be
	 * unique, not secret, and {@link UUID#randomUUID()} would take the shared SecureRandom on
	 * every request.
	 */
	static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~0xC000000000000000L) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
