package io.shareddata.autoconfigure;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that a configuration fails at start-up the way users see it: the context does not
 * start, the cause names the property, and the failure analyzer registered in
 * {@code spring.factories} reports the property and the fix.
 */
public final class StartUpFailures {

	private StartUpFailures() {
	}

	/**
	 * Runs the context and asserts the start-up failure.
	 * @param runner a runner configured with the bad value
	 * @param property the full property name the report must name
	 * @param fix text the suggested action must contain
	 */
	public static void assertStartUpFailure(
			AbstractApplicationContextRunner<?, ?, ? extends org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider<?>> runner,
			String property, String fix) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			SharedDataConfigurationException cause = findCause(failure);
			assertThat(cause.getProperty()).isEqualTo(property);
			FailureAnalysis analysis = analyze(failure);
			assertThat(analysis.getDescription()).contains(property);
			assertThat(analysis.getAction()).contains(property).contains(fix);
		});
	}

	private static SharedDataConfigurationException findCause(Throwable failure) {
		Throwable candidate = failure;
		while (candidate != null && !(candidate instanceof SharedDataConfigurationException)) {
			candidate = candidate.getCause();
		}
		assertThat(candidate).as("cause of %s", failure).isInstanceOf(SharedDataConfigurationException.class);
		return (SharedDataConfigurationException) candidate;
	}

	/**
	 * Runs the failure analyzers registered in {@code spring.factories} over a failure, as
	 * Spring Boot does at start-up, and returns the first analysis.
	 * @param failure the start-up failure
	 * @return the analysis
	 */
	public static FailureAnalysis analyze(Throwable failure) {
		// Analyzers that need a bean factory cannot be built here; they would not report our failures anyway.
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analyzer reported " + failure);
	}

}
