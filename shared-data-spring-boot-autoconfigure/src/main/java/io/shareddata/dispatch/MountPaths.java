package io.shareddata.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriUtils;

/**
 * Turns the decoded path below a mount back into a URI path for a forward or an upstream
 * server, and refuses paths that could climb out of the target's base path.
 */
final class MountPaths {

	private MountPaths() {
	}

	/**
	 * Percent-encodes a decoded path, keeping {@code /} as the separator. A {@code ;} is
	 * encoded too: left bare, the receiver would read it as a path parameter and cut it off.
	 * @param path the decoded path
	 * @return the encoded path
	 */
	static String encode(String path) {
		return UriUtils.encodePath(path, StandardCharsets.UTF_8).replace(";", "%3B");
	}

	/**
	 * Returns whether the path below a mount may be handed on. It may not when a segment is
	 * {@code .} or {@code ..} (a container that does not normalise let it through), contains a
	 * backslash or a control character, or when the raw URI had an encoded slash or backslash
	 * ({@code %2F}, {@code %5C}): once decoded, those are indistinguishable from separators,
	 * and re-encoding would move the segment boundary on the receiving side.
	 * @param request the request as the application received it
	 * @param pathWithinMount the decoded path below the mount
	 * @return whether the path is safe to forward
	 */
	static boolean isSafe(HttpServletRequest request, String pathWithinMount) {
		String rawUri = request.getRequestURI().toLowerCase(Locale.ROOT);
		if (rawUri.contains("%2f") || rawUri.contains("%5c")) {
			return false;
		}
		for (int i = 0; i < pathWithinMount.length(); i++) {
			char c = pathWithinMount.charAt(i);
			if (c == '\\' || c < 0x20 || c == 0x7f) {
				return false;
			}
		}
		for (String segment : pathWithinMount.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

}
