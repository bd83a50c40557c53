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
	 * Formats a duration in the largest unit that represents it exactly.
	 * @param duration the duration
	 * @return the text, e.g. {@code 12h}
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis != 0 && millis % 3_600_000 == 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis != 0 && millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

}
