package io.shareddata.access;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Test support: runs a filter over a mock request from a given peer.
 */
public final class FilterExchanges {

	private FilterExchanges() {
	}

	public static MockHttpServletRequest request(String peer, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		request.setRemoteAddr(peer);
		return request;
	}

	public static int status(Filter filter, String peer, String path) throws IOException, ServletException {
		return status(filter, request(peer, path));
	}

	public static int status(Filter filter, MockHttpServletRequest request) throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
	}

}
