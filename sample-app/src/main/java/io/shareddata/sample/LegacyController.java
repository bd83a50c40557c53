package io.shareddata.sample;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal handler that the {@code /legacy} mount forwards to. It reports what a
 * forwarded request looks like from here.
 */
@RestController
class LegacyController {

	@GetMapping({ "/internal/legacy", "/internal/legacy/**" })
	String legacy(HttpServletRequest request) {
		return "Legacy handler at " + request.getRequestURI() + ", forwarded from "
				+ request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) + ", query "
				+ request.getQueryString() + "\n";
	}

}
