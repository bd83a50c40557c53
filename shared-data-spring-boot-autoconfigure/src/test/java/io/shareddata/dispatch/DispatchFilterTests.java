package io.shareddata.dispatch;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchFilterTests {

	private final List<String> events = new ArrayList<>();

	private final MountTarget recording = new MountTarget() {

		@Override
		public void init(ServletContext servletContext) {
			DispatchFilterTests.this.events.add("init");
		}

		@Override
		public void serve(MountedRequest request, HttpServletResponse response) {
			DispatchFilterTests.this.events
				.add("serve " + request.getContextPath() + " " + request.getPathInfo());
		}

		@Override
		public void destroy() {
			DispatchFilterTests.this.events.add("destroy");
		}

	};

	private final DispatchFilter filter = new DispatchFilter(
			List.of(new Mount("/test1", this.recording), new Mount("/test2/very", this.recording)));

	@Test
	void requestUnderAMountGoesToItsTarget() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request("/test2/very/long/path"), new MockHttpServletResponse(), chain);
		assertThat(this.events).containsExactly("serve /test2/very /long/path");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void requestOutsideEveryMountContinuesDownTheChain() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request("/test1x"), new MockHttpServletResponse(), chain);
		assertThat(this.events).isEmpty();
		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void sharedTargetStartsAndStopsOnce() throws Exception {
		this.filter.init(new MockFilterConfig(new MockServletContext()));
		this.filter.destroy();
		assertThat(this.events).containsExactly("init", "destroy");
	}

	@Test
	void forwardTargetForwardsTheRestOfThePathInsideTheApplication() throws Exception {
		DispatchFilter forwarding = new DispatchFilter(
				List.of(new Mount("/legacy", new ForwardMountTarget("/internal/legacy/"))));
		MockHttpServletResponse response = new MockHttpServletResponse();
		forwarding.doFilter(request("/legacy/a b"), response, new MockFilterChain());
		assertThat(response.getForwardedUrl()).isEqualTo("/internal/legacy/a%20b");
		MockHttpServletResponse bare = new MockHttpServletResponse();
		forwarding.doFilter(request("/legacy"), bare, new MockFilterChain());
		assertThat(bare.getForwardedUrl()).isEqualTo("/internal/legacy");
	}

	@Test
	void forwardTargetRefusesAnEncodedSlash() throws Exception {
		DispatchFilter forwarding = new DispatchFilter(List.of(new Mount("/legacy", new ForwardMountTarget("/in"))));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/legacy/a%2Fb");
		request.setServletPath("/legacy/a/b");
		MockHttpServletResponse response = new MockHttpServletResponse();
		forwarding.doFilter(request, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getForwardedUrl()).isNull();
	}

	@Test
	void servletTargetIsInitialisedOnceEvenWhenUsedByHand() throws Exception {
		List<String> calls = new ArrayList<>();
		jakarta.servlet.http.HttpServlet servlet = new jakarta.servlet.http.HttpServlet() {

			@Override
			public void init() {
				calls.add("init " + getServletName());
			}

			@Override
			protected void service(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
				calls.add("service " + request.getContextPath());
			}

			@Override
			public void destroy() {
				calls.add("destroy");
			}

		};
		DispatchFilter byHand = new DispatchFilter(List.of(new Mount("/app2", new ServletMountTarget(servlet, "app2"))));
		byHand.doFilter(request("/app2/x"), new MockHttpServletResponse(), new MockFilterChain());
		byHand.doFilter(request("/app2"), new MockHttpServletResponse(), new MockFilterChain());
		byHand.destroy();
		assertThat(calls).containsExactly("init app2", "service /app2", "service /app2", "destroy");
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		return request;
	}


}
