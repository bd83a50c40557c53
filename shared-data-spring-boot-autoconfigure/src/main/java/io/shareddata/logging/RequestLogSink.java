package io.shareddata.logging;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Where lines go: the configured logger, at INFO, or WARN for slow requests, with the request
 * id in the MDC while the line is written (completion may run on a container thread that
 * never saw the request).
 */
final class RequestLogSink {

	private final Logger logger;

	private final RequestLogFormatter formatter;

	private final long slowThresholdNanos;

	private final String mdcKey;

	RequestLogSink(Logger logger, RequestLogFormatter formatter, @Nullable Duration slowThreshold, String mdcKey) {
		this.logger = logger;
		this.formatter = formatter;
		this.slowThresholdNanos = (slowThreshold != null) ? slowThreshold.toNanos() : Long.MAX_VALUE;
		this.mdcKey = mdcKey;
	}

	void started(LoggedRequest request) {
		if (this.logger.isInfoEnabled()) {
			this.logger.info(this.formatter.formatStart(request));
		}
	}

	void completed(RequestLogEntry entry) {
		Level level = (entry.durationNanos() >= this.slowThresholdNanos) ? Level.WARN : Level.INFO;
		if (!this.logger.isEnabledForLevel(level)) {
			return;
		}
		String line = this.formatter.format(entry);
		String requestId = entry.request().requestId();
		if (requestId.equals(MDC.get(this.mdcKey))) {
			// The usual case: completed inside the filter, which has the id in the MDC already.
			log(level, line);
			return;
		}
		String previous = enterMdc(requestId);
		try {
			log(level, line);
		}
		finally {
			exitMdc(previous);
		}
	}

	/** The plain methods rather than the fluent API: no event builder per request. */
	private void log(Level level, String line) {
		if (level == Level.WARN) {
			this.logger.warn(line);
		}
		else {
			this.logger.info(line);
		}
	}

	/**
	 * Puts the request id in the MDC.
	 * @return the value it replaced, to give to {@link #exitMdc(String)}
	 */
	@Nullable String enterMdc(String requestId) {
		String previous = MDC.get(this.mdcKey);
		MDC.put(this.mdcKey, requestId);
		return previous;
	}

	void exitMdc(@Nullable String previous) {
		if (previous != null) {
			MDC.put(this.mdcKey, previous);
		}
		else {
			MDC.remove(this.mdcKey);
		}
	}

}
