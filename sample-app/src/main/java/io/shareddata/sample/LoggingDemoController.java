package io.shareddata.sample;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Requests that end in the ways request logging must handle: a body streamed after the
 * handler returned, a result produced later on another thread, an error status and an
 * exception. Each is logged once, with its real duration and size.
 */
@RestController
@RequestMapping("/demo")
class LoggingDemoController {

	private static final long MAX_DELAY_MS = 10_000;

	/**
	 * Streams {@code lines} lines, one every {@code intervalMs} milliseconds; the request lasts
	 * until the last one is written, long after this method returned.
	 */
	@GetMapping("/stream")
	StreamingResponseBody stream(@RequestParam(defaultValue = "5") int lines,
			@RequestParam(defaultValue = "100") long intervalMs) {
		int count = Math.max(1, Math.min(lines, 1000));
		long pause = Math.max(0, Math.min(intervalMs, MAX_DELAY_MS));
		return (OutputStream out) -> {
			for (int i = 1; i <= count; i++) {
				if (i > 1) {
					pause(pause);
				}
				out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
		};
	}

	/**
	 * Answers after {@code delayMs} milliseconds, from another thread.
	 */
	@GetMapping("/deferred")
	DeferredResult<String> deferred(@RequestParam(defaultValue = "200") long delayMs) {
		DeferredResult<String> result = new DeferredResult<>();
		long millis = Math.max(0, Math.min(delayMs, MAX_DELAY_MS));
		CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)
			.execute(() -> result.setResult("Answered after " + millis + " ms\n"));
		return result;
	}

	/**
	 * Ends in {@code sendError(418)}: the error page renders the body.
	 */
	@GetMapping("/teapot")
	String teapot() {
		throw new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT, "short and stout");
	}

	/**
	 * Ends in an exception no handler resolves: the container answers 500.
	 */
	@GetMapping("/fail")
	String fail() {
		throw new IllegalStateException("Failing on purpose");
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while streaming", ex);
		}
	}

}
