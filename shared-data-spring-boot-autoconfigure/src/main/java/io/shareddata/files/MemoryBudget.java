package io.shareddata.files;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the bytes of all files kept in memory by one filter.
 */
final class MemoryBudget {

	private final long maxBytes;

	private final AtomicLong used = new AtomicLong();

	MemoryBudget(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	boolean tryReserve(long bytes) {
		long now = this.used.addAndGet(bytes);
		if (now <= this.maxBytes) {
			return true;
		}
		this.used.addAndGet(-bytes);
		return false;
	}

	void release(long bytes) {
		this.used.addAndGet(-bytes);
	}

	long used() {
		return this.used.get();
	}

}
