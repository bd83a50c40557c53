package io.shareddata.access;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link DenialLog}.
 */
class DenialLogTests {

	private final AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 1_500_000_000L);

	private final Log logger = mock(Log.class);

	private final DenialLog log = new DenialLog(this.logger, Duration.ofSeconds(1), this.clock::get);

	@Test
	void atMostOneLinePerIntervalCountingTheOthers() {
		given(this.logger.isInfoEnabled()).willReturn(true);
		this.log.denied("GET", "/admin", "192.0.2.1", "192.0.2.1");
		for (int i = 0; i < 5; i++) {
			this.clock.addAndGet(100_000_000L);
			this.log.denied("GET", "/admin", "192.0.2.1", "192.0.2.1");
		}
		// Half a second later: crosses Long.MAX_VALUE, which nanoTime arithmetic must survive.
		this.clock.addAndGet(500_000_000L);
		this.log.denied("POST", "/admin/x", "192.0.2.2", "198.51.100.9");
		ArgumentCaptor<Object> lines = ArgumentCaptor.forClass(Object.class);
		verify(this.logger, times(2)).info(lines.capture());
		assertThat(lines.getAllValues().get(0)).hasToString(
				"IP allow-list denied \"GET\" \"/admin\" from peer \"192.0.2.1\" (client address \"192.0.2.1\")");
		assertThat(lines.getAllValues().get(1)).hasToString("IP allow-list denied \"POST\" \"/admin/x\" from peer "
				+ "\"192.0.2.2\" (client address \"198.51.100.9\"); 5 more denied since the previous line");
	}

	@Test
	void nothingIsLoggedWhenInfoIsOff() {
		this.log.denied("GET", "/admin", "192.0.2.1", "192.0.2.1");
		verify(this.logger, never()).info(org.mockito.ArgumentMatchers.any());
	}

	@Test
	void untrustedTextIsEscapedAndShortened() {
		StringBuilder line = new StringBuilder();
		DenialLog.quoted(line, "/a\r\nFAKE \"x\" \\ \u0085\u2028\u001b[31m é");
		assertThat(line).hasToString("\"/a\\r\\nFAKE \\\"x\\\" \\\\ \\u0085\\u2028\\u001b[31m é\"");
		StringBuilder longLine = new StringBuilder();
		DenialLog.quoted(longLine, "x".repeat(500));
		assertThat(longLine).hasToString("\"" + "x".repeat(200) + "...\"");
		assertThat(DenialLog.quoted(new StringBuilder(), null)).hasToString("-");
	}

}
