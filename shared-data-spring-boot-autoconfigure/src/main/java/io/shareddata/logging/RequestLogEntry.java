package io.shareddata.logging;

import java.math.BigDecimal;

/**
 * One completed exchange: the request and how it was answered.
 *
 * @param request the request
 * @param status the final status code
 * @param bytesSent the number of body bytes written
 * @param durationNanos the time from the request's arrival at the filter to its completion,
 * measured with {@link System#nanoTime()}
 */
public record RequestLogEntry(LoggedRequest request, int status, long bytesSent, long durationNanos) {

	/**
	 * Returns the duration in milliseconds with two decimals, as every format shows it.
	 * @return the duration in milliseconds
	 */
	public BigDecimal durationMillis() {
		return BigDecimal.valueOf(durationHundredthsOfMillis(), 2);
	}

	/** The duration in hundredths of a millisecond, rounded half up: the digits every format shows. */
	long durationHundredthsOfMillis() {
		return (this.durationNanos + 5_000) / 10_000;
	}

}
