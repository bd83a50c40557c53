package io.shareddata.autoconfigure;

import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test support: asserts that a context failed to start with a
 * {@link SharedDataConfigurationException} naming the given property, problem and fix.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	public static void assertConfigurationFailure(AssertableWebApplicationContext context, String property,
			String problem, String action) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOfSatisfying(SharedDataConfigurationException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getMessage()).contains(problem);
				assertThat(ex.getAction()).contains(action);
			});
	}

}
