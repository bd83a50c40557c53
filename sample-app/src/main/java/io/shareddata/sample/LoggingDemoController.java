package io.shareddata.sample;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

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
	 * Streams {@code lines} lines, one every {@code intervalMs} milliseconds, each sent to the
	 * client as it is written; the request lasts until the last one, long after this method
	 * returned. An emitter rather than a {@code StreamingResponseBody}: Spring Framework 7 drops
	 * a streaming body's {@code flush()} by default, while an emitter flushes every send.
	 */
	@GetMapping("/stream")
	ResponseBodyEmitter stream(@RequestParam(defaultValue = "5") int lines,
			@RequestParam(defaultValue = "100") long intervalMs) {
		int count = Math.max(1, Math.min(lines, 1000));
		long pause = Math.max(0, Math.min(intervalMs, MAX_DELAY_MS));
		ResponseBodyEmitter emitter = new ResponseBodyEmitter();
		sendLine(emitter, 1, count, pause);
		return emitter;
	}

	/**
	 * Sends line {@code number} (the first at once, each next one {@code pause} ms later) from a
	 * timer thread, so no thread sleeps between lines.
	 */
	private static void sendLine(ResponseBodyEmitter emitter, int number, int count, long pause) {
		long delay = (number == 1) ? 0 : pause;
		CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
			try {
				emitter.send("line " + number + "\n", MediaType.TEXT_PLAIN);
			}
			catch (IOException ex) {
				// The client went away: stop sending
				emitter.completeWithError(ex);
				return;
			}
			catch (IllegalStateException ex) {
				// The emitter completed already: the request timed out
				return;
			}
			if (number == count) {
				emitter.complete();
			}
			else {
				sendLine(emitter, number + 1, count, pause);
			}
		});
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

}
