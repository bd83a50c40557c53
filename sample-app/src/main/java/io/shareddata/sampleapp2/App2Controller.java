package io.shareddata.sampleapp2;

import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The mounted application's controller. Its mappings know nothing about {@code /app2}: the
 * mount is its context path, so redirects and links keep the prefix by themselves.
 */
@Controller
class App2Controller {

	@GetMapping({ "", "/" })
	@ResponseBody
	String index(HttpServletRequest request) {
		return "Hello from app2, mounted at " + request.getContextPath() + "\n";
	}

	@GetMapping("/go")
	String go() {
		// Context-relative: becomes <context path>/hello, i.e. /app2/hello.
		return "redirect:/hello";
	}

	@GetMapping("/hello")
	@ResponseBody
	String hello() {
		return "app2 says hello\n";
	}

	@GetMapping("/async")
	@ResponseBody
	CompletableFuture<String> async(HttpServletRequest request) {
		// Completed on another thread: Spring MVC dispatches back through the mount to write it.
		String contextPath = request.getContextPath();
		return CompletableFuture.supplyAsync(() -> "Completed asynchronously at " + contextPath + "\n");
	}

	@GetMapping("/link")
	@ResponseBody
	String link() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/hello").toUriString() + "\n";
	}

}
