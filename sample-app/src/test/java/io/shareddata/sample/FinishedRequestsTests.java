package io.shareddata.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The fixture itself: a test context, and with it the one {@link FinishedRequests}, is shared
 * by the tests of a class (and of every class with the same configuration), and two of them
 * may send the same {@code X-Request-Id}: each must wait for its own request.
 */
class FinishedRequestsTests {

	private static final Duration SHORT = Duration.ofMillis(200);

	@Test
	void aRequestWithAnIdAlreadyAwaitedIsAwaitedOnItsOwn() throws InterruptedException {
		FinishedRequests finishedRequests = new FinishedRequests();
		finishedRequests.finished("same-id", null);
		finishedRequests.await("same-id", SHORT);
		// a later test sends the same id: its request has not finished yet
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> finishedRequests.await("same-id", SHORT))
			.withMessageContaining("same-id");
		finishedRequests.finished(null, "same-id");
		assertThatNoException().isThrownBy(() -> finishedRequests.await("same-id", SHORT));
	}

	@Test
	void twoRequestsWithTheSameIdAreAwaitedOneEach() {
		FinishedRequests finishedRequests = new FinishedRequests();
		finishedRequests.finished("twice", null);
		finishedRequests.finished("twice", null);
		assertThatNoException().isThrownBy(() -> finishedRequests.await("twice", SHORT));
		assertThatNoException().isThrownBy(() -> finishedRequests.await("twice", SHORT));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> finishedRequests.await("twice", SHORT));
	}

}
