package io.shareddata.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link SharedDataConfigurationException} as "APPLICATION FAILED TO START" with the
 * property, its value, the problem and the fix.
 */
class SharedDataConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SharedDataConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SharedDataConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), "Update the property '" + cause.getProperty()
				+ "' in your application's configuration: " + cause.getAction(), cause);
	}

}
