package io.shareddata.access;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.shareddata.net.ClientAddressSource;
import io.shareddata.net.IpAddressSet;
import io.shareddata.net.PeerClientAddressResolver;
import io.shareddata.net.TrustedProxyClientAddressResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static io.shareddata.access.FilterExchanges.request;
import static io.shareddata.access.FilterExchanges.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpAllowlistFilter}.
 */
class IpAllowlistFilterTests {

	private static final IpAddressSet ALLOWED = IpAddressSet
		.parse(List.of("127.0.0.1", "::1", "10.0.0.0/8", "2001:db8::/32"));

	private final IpAllowlistFilter filter = new IpAllowlistFilter(ALLOWED, new PeerClientAddressResolver(),
			AccessPaths.all(), DeniedResponse.of(403, null));

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1", "0:0:0:0:0:0:0:1", "10.20.30.40", "::ffff:10.0.0.1", "2001:db8::99",
			"[0:0:0:0:0:0:0:1]", "[2001:db8::99]" })
	void allowedRequestPassesUntouched(String peer) throws Exception {
		MockHttpServletRequest request = request(peer, "/admin");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(chain.getResponse()).isSameAs(response);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeaderNames()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.2", "192.0.2.1", "::2", "a00::1", "::a00:1", "2001:db9::1", "garbage", "",
			"fe80::1%eth0", "127.1" })
	void otherRequestIsDeniedWithFixedBody(String peer) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request(peer, "/admin"), response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(DeniedResponse.FORBIDDEN_BODY)
			.doesNotContain(peer.isEmpty() ? "\u0000" : peer);
		assertThat(response.getContentLength()).isEqualTo(DeniedResponse.FORBIDDEN_BODY.length());
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.isCommitted()).isTrue();
	}

	@Test
	void denyStatusCanBe404WithItsOwnBody() throws Exception {
		IpAllowlistFilter filter = new IpAllowlistFilter(ALLOWED, new PeerClientAddressResolver(), AccessPaths.all(),
				DeniedResponse.of(404, null));
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request("192.0.2.1", "/admin"), response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentAsString()).isEqualTo(DeniedResponse.NOT_FOUND_BODY);
	}

	@Test
	void customBodyIsSent() throws Exception {
		IpAllowlistFilter filter = new IpAllowlistFilter(ALLOWED, new PeerClientAddressResolver(), AccessPaths.all(),
				DeniedResponse.of(403, "<p>Nein – não</p>"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request("192.0.2.1", "/"), response, new MockFilterChain());
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("<p>Nein – não</p>");
		assertThat(response.getContentLength()).isEqualTo("<p>Nein – não</p>".getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void onlyProtectedPathsAreChecked() throws Exception {
		IpAllowlistFilter filter = new IpAllowlistFilter(ALLOWED, new PeerClientAddressResolver(),
				new AccessPaths(patterns("/admin/**", "/reports/*.csv"), patterns("/admin/health")),
				DeniedResponse.of(403, null));
		assertThat(status(filter, "192.0.2.1", "/admin")).isEqualTo(403);
		assertThat(status(filter, "192.0.2.1", "/admin/users/1")).isEqualTo(403);
		assertThat(status(filter, "192.0.2.1", "/reports/q1.csv")).isEqualTo(403);
		assertThat(status(filter, "192.0.2.1", "/admin/health")).isEqualTo(200);
		assertThat(status(filter, "192.0.2.1", "/administrator")).isEqualTo(200);
		assertThat(status(filter, "192.0.2.1", "/reports/q1.txt")).isEqualTo(200);
		assertThat(status(filter, "192.0.2.1", "/")).isEqualTo(200);
		assertThat(status(filter, "127.0.0.1", "/admin/users/1")).isEqualTo(200);
	}

	@Test
	void clientAddressComesFromTheResolver() throws Exception {
		IpAllowlistFilter filter = new IpAllowlistFilter(ALLOWED,
				new TrustedProxyClientAddressResolver(ClientAddressSource.X_FORWARDED_FOR,
						IpAddressSet.parse(List.of("192.0.2.10"))),
				AccessPaths.all(), DeniedResponse.of(403, null));
		MockHttpServletRequest viaProxy = request("192.0.2.10", "/admin");
		viaProxy.addHeader("X-Forwarded-For", "10.1.1.1");
		assertThat(status(filter, viaProxy)).isEqualTo(200);
		MockHttpServletRequest outsiderViaProxy = request("192.0.2.10", "/admin");
		outsiderViaProxy.addHeader("X-Forwarded-For", "127.0.0.1, 198.51.100.1");
		assertThat(status(filter, outsiderViaProxy)).isEqualTo(403);
		MockHttpServletRequest spoofed = request("198.51.100.1", "/admin");
		spoofed.addHeader("X-Forwarded-For", "127.0.0.1");
		assertThat(status(filter, spoofed)).isEqualTo(403);
	}

	static List<PathPattern> patterns(String... patterns) {
		return java.util.Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toList();
	}

}
