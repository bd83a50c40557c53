package io.shareddata.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Collects the lines of the request logger, written on container threads, and lets a test
 * wait for the line of a given request (it may be written after the client got the response).
 * A test class declares it as {@code @RegisterExtension final CapturedRequestLog log = new
 * CapturedRequestLog();} to capture around each test; {@link #attach()} and {@link #detach()}
 * capture around part of one.
 */
final class CapturedRequestLog extends AppenderBase<ILoggingEvent> implements BeforeEachCallback, AfterEachCallback {

	private final List<Line> lines = new ArrayList<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.shareddata.request");

	static CapturedRequestLog attach() {
		CapturedRequestLog captured = new CapturedRequestLog();
		captured.start();
		captured.logger.addAppender(captured);
		return captured;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		start();
		this.logger.addAppender(this);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		detach();
	}

	void detach() {
		this.logger.detachAppender(this);
		stop();
	}

	@Override
	protected synchronized void append(ILoggingEvent event) {
		this.lines.add(new Line(event.getLevel().toString(), event.getFormattedMessage(),
				Map.copyOf(event.getMDCPropertyMap())));
		notifyAll();
	}

	synchronized List<Line> lines() {
		return List.copyOf(this.lines);
	}

	synchronized List<Line> linesOf(String requestId) {
		return this.lines.stream().filter((line) -> line.message().contains(" id=" + requestId)).toList();
	}

	/**
	 * Waits until the request's line is there, then returns every line of that request.
	 */
	synchronized List<Line> awaitLinesOf(String requestId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Predicate<Line> ofRequest = (line) -> line.message().contains(" id=" + requestId);
		while (this.lines.stream().noneMatch(ofRequest)) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AssertionError("No log line for request " + requestId + " in " + timeout + "; lines: "
						+ this.lines);
			}
			wait(Math.max(1, remaining / 1_000_000));
		}
		return linesOf(requestId);
	}

	/**
	 * Returns how many lines contain the text.
	 */
	synchronized int count(String text) {
		return (int) this.lines.stream().filter((line) -> line.message().contains(text)).count();
	}

	/**
	 * Waits until at least {@code count} lines contain the text, then returns how many do.
	 */
	synchronized int awaitCount(String text, int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (count(text) < count) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AssertionError(
						"Only " + count(text) + " of " + count + " log lines with '" + text + "' in " + timeout);
			}
			wait(Math.max(1, remaining / 1_000_000));
		}
		return count(text);
	}

	record Line(String level, String message, Map<String, String> mdc) {

	}

}
