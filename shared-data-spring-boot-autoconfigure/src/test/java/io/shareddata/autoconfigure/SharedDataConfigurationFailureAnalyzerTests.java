package io.shareddata.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class SharedDataConfigurationFailureAnalyzerTests {

	@Test
	void reportNamesThePropertyTheValueAndTheFix() {
		FailureAnalysis analysis = StartUpFailures.analyze(new IllegalStateException("context failed",
				new SharedDataConfigurationException("shareddata.files.exports[0].path", "static",
						"an export path must start with '/'", "write it as '/static'")));
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value 'static' for property 'shareddata.files.exports[0].path': "
					+ "an export path must start with '/'");
		assertThat(analysis.getAction()).isEqualTo(
				"Update the property 'shareddata.files.exports[0].path' in your application's configuration: write it as '/static'");
	}

	@Test
	void configuredValuesAreEscapedInTheReport() {
		SharedDataConfigurationException exception = new SharedDataConfigurationException("shareddata.headers.rules[0].value",
				"a\r\nSet-Cookie: x\u001b[31m", "must not contain control characters", "remove them");
		assertThat(exception.getMessage()).doesNotContain("\r", "\n", "\u001b")
			.contains("a\\r\\nSet-Cookie: x\\u001b[31m");
	}

}
