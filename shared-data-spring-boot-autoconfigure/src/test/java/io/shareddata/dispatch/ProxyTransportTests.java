package io.shareddata.dispatch;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProxyTransportTests {

	@Test
	void oneClientPerConnectTimeoutIsCreatedOnceAndReused() {
		try (ProxyTransport transport = new ProxyTransport()) {
			HttpClient twoSeconds = transport.client(Duration.ofSeconds(2));
			assertThat(transport.client(Duration.ofMillis(2000))).isSameAs(twoSeconds);
			assertThat(transport.client(Duration.ofSeconds(5))).isNotSameAs(twoSeconds);
			assertThat(twoSeconds.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
			assertThat(twoSeconds.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
			assertThat(twoSeconds.connectTimeout()).hasValue(Duration.ofSeconds(2));
			assertThat(twoSeconds.cookieHandler()).isEmpty();
		}
	}

	@Test
	void closedTransportRunsNoMoreTimers() {
		ProxyTransport transport = new ProxyTransport();
		transport.close();
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> transport.schedule(() -> {
			}, Duration.ofSeconds(1)));
	}

}
