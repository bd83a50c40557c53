package io.shareddata.logging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Captures what a logger writes (level, line, MDC) for assertions; attach in a test's set-up
 * and detach in its tear-down.
 */
final class CapturedLog extends AppenderBase<ILoggingEvent> {

	private final List<Line> lines = new CopyOnWriteArrayList<>();

	private final Logger logger;

	private CapturedLog(String loggerName) {
		this.logger = (Logger) LoggerFactory.getLogger(loggerName);
	}

	static CapturedLog attach(String loggerName) {
		CapturedLog captured = new CapturedLog(loggerName);
		captured.start();
		captured.logger.setLevel(Level.INFO);
		captured.logger.addAppender(captured);
		return captured;
	}

	void detach() {
		this.logger.detachAppender(this);
		this.logger.setLevel(null);
		stop();
	}

	@Override
	protected void append(ILoggingEvent event) {
		this.lines.add(new Line(event.getLevel(), event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap()),
				event.getThreadName()));
	}

	List<Line> lines() {
		return List.copyOf(this.lines);
	}

	List<String> messages() {
		return this.lines.stream().map(Line::message).toList();
	}

	record Line(Level level, String message, Map<String, String> mdc, String thread) {

	}

}
