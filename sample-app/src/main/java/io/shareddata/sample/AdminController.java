package io.shareddata.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A page only local clients may see: {@code shareddata.ip-allowlist} in {@code application.yml}
 * protects {@code /admin/**}, so any other client gets the allow-list's 403 before this
 * controller runs.
 */
@RestController
class AdminController {

	@GetMapping("/admin/{*rest}")
	String admin() {
		return "Admin area: only 127.0.0.1 and ::1 get here\n";
	}

}
