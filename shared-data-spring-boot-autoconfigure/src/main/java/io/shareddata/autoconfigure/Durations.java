package io.shareddata.autoconfigure;

import java.time.Duration;

/**
 * Writes durations the way users write them in {@code application.yml} ({@code 12h},
 * {@code 90s}, {@code 250ms}), for start-up summaries and the actuator endpoint.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Formats a duration in the largest unit that represents it exactly, from hours down to
	 * nanoseconds, so that Spring Boot reads the text back as the same duration; one too long
	 * for nanoseconds that has a fraction of a second is written in ISO-8601.
	 * @param duration the duration
	 * @return the text, e.g. {@code 12h}
	 */
	public static String format(Duration duration) {
		long seconds = duration.getSeconds();
		if (duration.getNano() == 0) {
			if (seconds != 0 && seconds % 3600 == 0) {
				return (seconds / 3600) + "h";
			}
			if (seconds != 0 && seconds % 60 == 0) {
				return (seconds / 60) + "m";
			}
			return seconds + "s";
		}
		long nanos;
		try {
			nanos = duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.toString();
		}
		if (nanos % 1_000_000 == 0) {
			return (nanos / 1_000_000) + "ms";
		}
		if (nanos % 1_000 == 0) {
			return (nanos / 1_000) + "us";
		}
		return nanos + "ns";
	}

}
