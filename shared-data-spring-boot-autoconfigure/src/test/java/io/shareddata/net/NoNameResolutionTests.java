package io.shareddata.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.mockito.ArgumentMatchers.any;

/**
 * Proves that no host name ever reaches name resolution, in two independent ways: no class of
 * {@code io.shareddata.net} refers to {@link InetAddress} at all, and with
 * {@code InetAddress}'s look-up methods mocked, parsing configuration and resolving requests
 * that carry host names never calls them.
 */
class NoNameResolutionTests {

	private static final List<String> HOSTILE = List.of("localhost", "attacker.oast.example", "1.2.3.4.5", "127.1",
			"2130706433", "0x7f.0.0.1", "xn--nxasmq6b.example", "a.b.c.d", "fe80::1%eth0", "[localhost]", "[localhost]:80");

	@ParameterizedTest
	@ValueSource(classes = { IpLiterals.class, IpRange.class, IpAddressSet.class, ForwardedNodes.class,
			TrustedProxyClientAddressResolver.class, ClientAddressSource.class, InvalidIpRangeException.class })
	void netClassesDoNotReferToInetAddress(Class<?> type) throws IOException {
		// A class that calls or mentions InetAddress has "java/net/InetAddress" in its constant pool.
		try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
			String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(bytes).contains("io/shareddata/net/").doesNotContain("java/net/InetAddress")
				.doesNotContain("java/net/Inet4Address").doesNotContain("java/net/Inet6Address");
		}
	}

	@Test
	void hostNamesInConfigurationAndHeadersNeverReachInetAddress() {
		try (MockedStatic<InetAddress> inetAddress = Mockito.mockStatic(InetAddress.class)) {
			// Same thread (not preemptive): a static mock only applies to the thread that made it.
			assertTimeout(Duration.ofSeconds(5), () -> {
				for (String hostile : HOSTILE) {
					assertThatExceptionOfType(InvalidIpRangeException.class)
						.isThrownBy(() -> IpRange.parse(hostile));
					assertThat(IpAddressSet.parse(List.of("0.0.0.0/0", "::/0")).contains(hostile)).isFalse();
				}
				TrustedProxyClientAddressResolver xff = new TrustedProxyClientAddressResolver(
						ClientAddressSource.X_FORWARDED_FOR, IpAddressSet.parse(List.of("10.0.0.0/8")));
				TrustedProxyClientAddressResolver forwarded = new TrustedProxyClientAddressResolver(
						ClientAddressSource.FORWARDED, IpAddressSet.parse(List.of("10.0.0.0/8")));
				for (String hostile : HOSTILE) {
					MockHttpServletRequest request = new MockHttpServletRequest();
					request.setRemoteAddr("10.0.0.1");
					request.addHeader("X-Forwarded-For", hostile + ", 10.0.0.2");
					request.addHeader("Forwarded", "for=\"" + hostile + "\", for=10.0.0.2");
					assertThat(xff.resolveClientAddress(request)).isEqualTo("10.0.0.2");
					assertThat(forwarded.resolveClientAddress(request)).isEqualTo("10.0.0.2");
				}
			});
			inetAddress.verify(() -> InetAddress.getByName(any()), Mockito.never());
			inetAddress.verify(() -> InetAddress.getAllByName(any()), Mockito.never());
			inetAddress.verifyNoInteractions();
		}
	}

	@Test
	void mockedLookupIsActuallyObserved() throws IOException {
		// Guards the test above: if mocking InetAddress silently did nothing, this would fail.
		try (MockedStatic<InetAddress> inetAddress = Mockito.mockStatic(InetAddress.class)) {
			assertThat(lookUp("attacker.oast.example")).isNull();
			inetAddress.verify(() -> InetAddress.getByName("attacker.oast.example"));
		}
	}

	private static InetAddress lookUp(String host) throws IOException {
		return InetAddress.getByName(host);
	}

}
