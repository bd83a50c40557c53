package io.shareddata.dispatch;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK {@link HttpClient}s every proxy mount shares, and the timer that enforces read
 * timeouts, until the response headers and while a response body streams. The JDK client has one connect timeout per
 * client, so there is one client per distinct connect timeout, created on first use and
 * reused (with its connection pool) afterwards. {@link #close()} stops the threads.
 * <p>
 * Subclass and override {@link #clientBuilder(Duration)} to change the clients (TLS
 * settings, a proxy selector); keep HTTP/1.1 and no redirect following, which the proxy
 * relies on.
 */
public class ProxyTransport implements AutoCloseable {

	private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("shareddata-proxy-"));

	private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
			daemonThreads("shareddata-proxy-timer-"));

	private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

	public ProxyTransport() {
		// Cancelled timeouts (the normal case: one per read) must not pile up in the queue.
		this.timer.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Returns the client for a connect timeout.
	 * @param connectTimeout the connect timeout
	 * @return the shared client
	 */
	public HttpClient client(Duration connectTimeout) {
		return this.clients.computeIfAbsent(connectTimeout, (timeout) -> clientBuilder(timeout).build());
	}

	/**
	 * Creates the builder of the client for a connect timeout: HTTP/1.1 (no {@code h2c}
	 * upgrade attempts), redirects passed to the client rather than followed, no cookie
	 * store, and this transport's executor.
	 * @param connectTimeout the connect timeout
	 * @return the builder
	 */
	protected HttpClient.Builder clientBuilder(Duration connectTimeout) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(connectTimeout)
			.executor(this.executor);
	}

	/**
	 * Runs a task after a delay unless cancelled first.
	 * @param task the task
	 * @param delay the delay
	 * @return the handle to cancel it with
	 */
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void close() {
		for (HttpClient client : this.clients.values()) {
			// JDK 21+ clients are AutoCloseable and own a selector thread; on 17 it ends
			// with the client once the executor below is gone.
			if (client instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// Shutting down anyway.
				}
			}
		}
		this.clients.clear();
		this.timer.shutdownNow();
		this.executor.shutdownNow();
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
