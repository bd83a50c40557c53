package io.shareddata.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.shareddata.logging.RequestLoggingFilter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The requests the embedded container has completely finished, as told by its own access-log
 * hook: the last thing it does for a request, after every filter, dispatch, error page,
 * {@code AsyncListener} and the starter's completion valve or handler. Once a request is here,
 * no line of it can still be written, so a test can count its lines without waiting "a little
 * longer" for a late one.
 * <p>
 * On Tomcat, {@code CoyoteAdapter} calls {@code Context.logAccess} at the very end of
 * {@code service()}, or of {@code asyncDispatch()} once the request is no longer async (after
 * {@code AsyncStateMachine} has fired {@code onComplete}), and the context hands it to every
 * {@code AccessLog} valve up to the engine's ({@link TomcatFinishedRequests}). On Jetty,
 * {@code HttpChannelState.completeStream} calls the server's {@code RequestLog} once the
 * handler's callback has completed, which the starter's completion handler does only after its
 * own line ({@link JettyFinishedRequests}).
 * <p>
 * A request is known by the id the request logging filter gave it (the request attribute
 * {@link RequestLoggingFilter#REQUEST_ID_ATTRIBUTE}), or, when the filter excluded it, by the
 * {@code X-Request-Id} it was sent with; a request with neither is not recorded. Import {@link Hooks} into a test's configuration to get one.
 */
final class FinishedRequests {

	/** In the order the container finished them, for the message of a failing wait. */
	private final List<String> finished = new ArrayList<>();

	/**
	 * How many finished requests of each id no wait has taken yet. The context, and with it
	 * this bean, outlives a test: a later test that sends the same id must wait for its own
	 * request, not return at once on an earlier one's.
	 */
	private final Map<String, Integer> notAwaited = new HashMap<>();

	/**
	 * Records a request the container has finished; called on the container's thread.
	 * @param requestId the id the filter gave the request, or {@code null} when the filter
	 * never saw it or excluded it
	 * @param incomingId the request's {@code X-Request-Id} header, which names an excluded
	 * request, or {@code null}
	 */
	synchronized void finished(@Nullable Object requestId, @Nullable String incomingId) {
		String id = (requestId instanceof String given) ? given : incomingId;
		if (id != null) {
			this.finished.add(id);
			this.notAwaited.merge(id, 1, Integer::sum);
			notifyAll();
		}
	}

	/**
	 * Waits until the container has finished a request with the given id that no earlier wait
	 * has taken, and takes it: each request is awaited once.
	 */
	synchronized void await(String requestId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.notAwaited.getOrDefault(requestId, 0) == 0) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AssertionError("The container did not finish request " + requestId + " in " + timeout
						+ "; finished: " + this.finished);
			}
			wait(Math.max(1, remaining / 1_000_000));
		}
		this.notAwaited.merge(requestId, -1, Integer::sum);
	}

	/**
	 * Registers a {@link FinishedRequests} bean and the access-log hook of whichever container
	 * is on the classpath (the build runs the tests on a classpath with only one of them).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Hooks {

		@Bean
		FinishedRequests finishedRequests() {
			return new FinishedRequests();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.apache.catalina.AccessLog")
		static class OnTomcat {

			@Bean
			TomcatFinishedRequests tomcatFinishedRequests(FinishedRequests finishedRequests) {
				return new TomcatFinishedRequests(finishedRequests);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.eclipse.jetty.server.RequestLog")
		static class OnJetty {

			@Bean
			JettyFinishedRequests jettyFinishedRequests(FinishedRequests finishedRequests) {
				return new JettyFinishedRequests(finishedRequests);
			}

		}

	}

}
