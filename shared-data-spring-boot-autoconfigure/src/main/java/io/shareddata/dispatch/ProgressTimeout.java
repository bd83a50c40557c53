package io.shareddata.dispatch;

import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/**
 * The read timeout of a proxy exchange until the response headers arrive, as nginx counts
 * it: the time without progress, not the time since the start. Each piece of the request
 * body handed to the HTTP client, and the end of the body, is progress; so an upload may
 * take as long as it needs while it keeps moving, and once it is complete the timeout is the
 * wait for the response headers.
 * <p>
 * Progress only records the time. One timer task is pending at a time; when it runs and
 * finds progress since, it schedules itself again for the rest of the period.
 */
final class ProgressTimeout {

	private final ProxyTransport transport;

	private final long timeoutNanos;

	private volatile long lastProgress = System.nanoTime();

	private volatile boolean fired;

	private @Nullable Runnable onTimeout;

	private @Nullable ScheduledFuture<?> pendingCheck;

	private boolean stopped;

	/**
	 * Creates a timeout that is not running yet.
	 * @param transport the timer
	 * @param timeout the longest time without progress
	 */
	ProgressTimeout(ProxyTransport transport, Duration timeout) {
		this.transport = transport;
		this.timeoutNanos = timeout.toNanos();
	}

	/**
	 * Returns a publisher that reports each piece of a request body as progress.
	 * @param body the request body
	 * @return the observed body, of the same length
	 */
	BodyPublisher observe(BodyPublisher body) {
		return new ObservedBodyPublisher(body, this);
	}

	/**
	 * Starts counting from now.
	 * @param onTimeout what to do once there has been no progress for the timeout; runs on
	 * the timer thread, at most once
	 */
	synchronized void start(Runnable onTimeout) {
		this.onTimeout = onTimeout;
		progress();
		schedule(this.timeoutNanos);
	}

	/**
	 * Stops counting; nothing fires afterwards.
	 */
	synchronized void stop() {
		this.stopped = true;
		if (this.pendingCheck != null) {
			this.pendingCheck.cancel(false);
		}
	}

	/**
	 * Returns whether the timeout fired.
	 * @return whether there was no progress for the timeout
	 */
	boolean hasFired() {
		return this.fired;
	}

	void progress() {
		this.lastProgress = System.nanoTime();
	}

	private synchronized void schedule(long delayNanos) {
		if (!this.stopped) {
			this.pendingCheck = this.transport.schedule(this::check, Duration.ofNanos(delayNanos));
		}
	}

	private void check() {
		Runnable action;
		synchronized (this) {
			if (this.stopped) {
				return;
			}
			long idle = System.nanoTime() - this.lastProgress;
			if (idle < this.timeoutNanos) {
				schedule(this.timeoutNanos - idle);
				return;
			}
			this.fired = true;
			this.stopped = true;
			action = this.onTimeout;
		}
		if (action != null) {
			action.run();
		}
	}

	/**
	 * A request body that reports progress on its way to the HTTP client, which asks for the
	 * next piece only once it has sent the previous ones: an upstream that stops reading
	 * stops the pieces.
	 */
	private static final class ObservedBodyPublisher implements BodyPublisher {

		private final BodyPublisher body;

		private final ProgressTimeout timeout;

		ObservedBodyPublisher(BodyPublisher body, ProgressTimeout timeout) {
			this.body = body;
			this.timeout = timeout;
		}

		@Override
		public long contentLength() {
			return this.body.contentLength();
		}

		@Override
		public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
			this.body.subscribe(new Flow.Subscriber<ByteBuffer>() {

				@Override
				public void onSubscribe(Flow.Subscription subscription) {
					ObservedBodyPublisher.this.timeout.progress();
					subscriber.onSubscribe(subscription);
				}

				@Override
				public void onNext(ByteBuffer item) {
					ObservedBodyPublisher.this.timeout.progress();
					subscriber.onNext(item);
				}

				@Override
				public void onError(Throwable throwable) {
					subscriber.onError(throwable);
				}

				@Override
				public void onComplete() {
					ObservedBodyPublisher.this.timeout.progress();
					subscriber.onComplete();
				}

			});
		}

	}

}
