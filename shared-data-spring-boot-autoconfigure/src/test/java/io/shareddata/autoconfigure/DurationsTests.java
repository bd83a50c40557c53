package io.shareddata.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Durations}.
 */
class DurationsTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "12h, 12h", "720m, 12h", "90s, 90s", "90m, 90m", "250ms, 250ms", "1500ms, 1500ms", "0s, 0s",
			"500us, 500us", "1500us, 1500us", "1ns, 1ns", "2500ns, 2500ns", "-5s, -5s", "-250ms, -250ms",
			"3650d, 87600h" })
	void aDurationIsWrittenExactlyInTheLargestUnit(String configured, String written) {
		assertThat(Durations.format(DurationStyle.SIMPLE.parse(configured))).isEqualTo(written);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "100000000d", "106751991168d" })
	void aDurationTooLongForNanosecondsIsStillWritten(String configured) {
		Duration duration = DurationStyle.SIMPLE.parse(configured);
		assertThat(Durations.format(duration)).isEqualTo((duration.toHours()) + "h");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "PT1000000000000H0.5S" })
	void aDurationTooLongForNanosecondsWithAFractionIsWrittenInIso8601(String configured) {
		// No simple unit holds it exactly; Spring Boot reads ISO-8601 durations too
		Duration duration = Duration.parse(configured);
		assertThat(Durations.format(duration)).isEqualTo(configured);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "12h", "90s", "250ms", "500us", "1ns", "-5s", "3650d" })
	void whatIsWrittenParsesBackToTheSameDuration(String configured) {
		Duration duration = DurationStyle.SIMPLE.parse(configured);
		assertThat(DurationStyle.SIMPLE.parse(Durations.format(duration))).isEqualTo(duration);
	}

}
