package io.shareddata.autoconfigure;

import java.time.Duration;

/**
 * Checks the durations users configure: the sign each setting needs, and an upper bound. A
 * typo such as {@code 110000d} then fails at start-up with the property named, instead of
 * overflowing later in nanosecond arithmetic (at the first request, for a proxy timeout) or
 * turning into an {@code Expires} date past the year 9999.
 */
public final class DurationSettings {

	/**
	 * The longest duration any setting takes: ten years, far beyond every useful timeout and
	 * cache lifetime.
	 */
	public static final Duration LONGEST = Duration.ofDays(3650);

	private DurationSettings() {
	}

	/**
	 * Returns a duration that may be zero.
	 * @param property the property's full name
	 * @param duration the configured duration
	 * @return the duration
	 * @throws SharedDataConfigurationException if it is negative or longer than {@link #LONGEST}
	 */
	public static Duration zeroOrPositive(String property, Duration duration) {
		if (duration.isNegative()) {
			throw new SharedDataConfigurationException(property, duration, "must not be negative",
					"use zero or a positive duration such as '12h' or '30s'");
		}
		return atMostLongest(property, duration);
	}

	/**
	 * Returns a duration that must be above zero.
	 * @param property the property's full name
	 * @param duration the configured duration
	 * @return the duration
	 * @throws SharedDataConfigurationException if it is zero, negative or longer than
	 * {@link #LONGEST}
	 */
	public static Duration positive(String property, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new SharedDataConfigurationException(property, duration, "must be positive",
					"set a positive duration such as '2s'");
		}
		return atMostLongest(property, duration);
	}

	private static Duration atMostLongest(String property, Duration duration) {
		if (duration.compareTo(LONGEST) > 0) {
			throw new SharedDataConfigurationException(property, duration, "longer than ten years",
					"use at most '3650d'");
		}
		return duration;
	}

}
