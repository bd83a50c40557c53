package io.shareddata.dispatch;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HopByHopHeadersTests {

	@Test
	void fixedListAndEveryHeaderNamedInConnectionAreHopByHop() {
		HopByHopHeaders headers = HopByHopHeaders.of(List.of("keep-alive, X-Secret", " x-other ,"));
		assertThat(List.of("Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization",
				"Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "x-secret", "X-OTHER"))
			.allMatch(headers::contains);
		assertThat(headers.contains("Content-Type")).isFalse();
		assertThat(headers.contains("Authorization")).isFalse();
	}

}
