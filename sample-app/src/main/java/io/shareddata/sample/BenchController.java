package io.shareddata.sample;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of {@code bench/run.sh}: the same 1 KiB body the script writes to
 * {@code 1k.txt}, answered by a controller from memory, so file serving can be compared
 * with the cheapest response the application itself can give.
 */
@RestController
class BenchController {

	/**
	 * One 64-byte line, repeated 16 times. {@code bench/run.sh} writes the same line the same
	 * number of times, and checks that both bodies are identical before it measures.
	 */
	static final String LINE = "shared-data benchmark: 1 KiB body from memory or from disk ....\n";

	private static final byte[] BODY_1K = LINE.repeat(16).getBytes(StandardCharsets.US_ASCII);

	@GetMapping(path = "/bench/bare-1k", produces = MediaType.TEXT_PLAIN_VALUE)
	byte[] bare1k() {
		return BODY_1K;
	}

}
