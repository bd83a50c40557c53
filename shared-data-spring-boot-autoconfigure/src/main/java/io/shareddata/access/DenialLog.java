package io.shareddata.access;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.shareddata.http.LogValueEscaper;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs denied requests at most once per interval, so that a scan or a flood of denied
 * requests cannot flood the log. The next line reports how many denials were left out.
 * Everything taken from the request is escaped and shortened.
 */
final class DenialLog {

	private static final int MAX_FIELD_LENGTH = 200;

	private static final LogValueEscaper ESCAPER = new LogValueEscaper(MAX_FIELD_LENGTH);

	private final Log logger;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final AtomicLong nextLineAt;

	private final AtomicLong suppressed = new AtomicLong();

	DenialLog(Log logger, Duration interval, LongSupplier nanoClock) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
		this.nextLineAt = new AtomicLong(nanoClock.getAsLong());
	}

	void denied(String method, String path, String peer, String client) {
		if (!this.logger.isInfoEnabled()) {
			return;
		}
		long now = this.nanoClock.getAsLong();
		long next = this.nextLineAt.get();
		// nanoTime values are compared by difference, as its Javadoc requires.
		if (now - next < 0 || !this.nextLineAt.compareAndSet(next, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long skipped = this.suppressed.getAndSet(0);
		StringBuilder line = new StringBuilder(160).append("IP allow-list denied ");
		quoted(line, method).append(' ');
		quoted(line, path).append(" from peer ");
		quoted(line, peer).append(" (client address ");
		quoted(line, client).append(')');
		if (skipped > 0) {
			line.append("; ").append(skipped).append(" more denied since the previous line");
		}
		this.logger.info(line);
	}

	/** Request data goes through the one escaper every log line uses. */
	static StringBuilder quoted(StringBuilder line, @Nullable String text) {
		return (text != null) ? line.append('"').append(ESCAPER.escape(text)).append('"') : line.append('-');
	}

}
