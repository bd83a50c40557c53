package io.shareddata.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An invalid header rule stops the sample application at start-up, with a failure analysis
 * that names the property and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class CustomHeadersStartupFailureTests {

	@Test
	void valueWithCrlfFailsStartUp(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--shareddata.headers.rules[0].name=X-Injected",
				"--shareddata.headers.rules[0].value=ok\r\nSet-Cookie: session=stolen"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'ok\\r\\nSet-Cookie: session=stolen' for property "
					+ "'shareddata.headers.rules[0].value': a header value must not contain control characters")
			.contains("Update the property 'shareddata.headers.rules[0].value' in your application's configuration: "
					+ "remove the character")
			.doesNotContain("ok\r\nSet-Cookie");
	}

	@Test
	void nameWithASpaceFailsStartUp(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--shareddata.headers.rules[0].name=X Powered By",
				"--shareddata.headers.rules[0].value=MyAwesomeApp"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'X Powered By' for property 'shareddata.headers.rules[0].name': "
					+ "a header name must be an RFC 9110 token, but it contains a space (U+0020)")
			.contains("Update the property 'shareddata.headers.rules[0].name'");
	}

	private static void start(String... args) {
		// command-line arguments replace the whole rules list of application.yml
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--spring.main.banner-mode=off";
		System.arraycopy(args, 0, all, 2, args.length);
		new SpringApplicationBuilder(SampleApplication.class).run(all).close();
	}

}
