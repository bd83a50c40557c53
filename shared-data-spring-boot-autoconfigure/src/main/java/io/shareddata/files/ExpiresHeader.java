package io.shareddata.files;

import java.time.Clock;

/**
 * The Expires value "now + cache timeout", formatted at most once per second rather than once
 * per response.
 */
final class ExpiresHeader {

	private final Clock clock;

	private final long timeoutMillis;

	private volatile Value current = new Value(Long.MIN_VALUE, "");

	ExpiresHeader(Clock clock, long timeoutMillis) {
		this.clock = clock;
		this.timeoutMillis = timeoutMillis;
	}

	String value() {
		long second = this.clock.millis() / 1000;
		Value value = this.current;
		if (value.second != second) {
			value = new Value(second, HttpDates.format(second * 1000 + this.timeoutMillis));
			this.current = value;
		}
		return value.header;
	}

	private record Value(long second, String header) {
	}

}
