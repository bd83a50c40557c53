package io.shareddata.files;

import java.io.File;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a decoded path below an export may even be looked up. Anything that could
 * name a file outside the export, or the same file under a second name, is refused before the
 * file system sees it (lessons from werkzeug's {@code safe_join} CVEs, Tomcat's alias checks
 * and Spring's resource-handler CVEs, see the README's security section).
 */
final class SafeRelativePath {

	private static final boolean WINDOWS = File.separatorChar == '\\';

	/** Names Windows opens as devices in any folder, with any extension; reading them can hang. */
	private static final Set<String> WINDOWS_DEVICE_NAMES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
			"COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0",
			"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³");

	private SafeRelativePath() {
	}

	/**
	 * Returns whether every segment of the path is an ordinary file or folder name: not empty,
	 * not {@code .} or {@code ..}, no {@code \}, {@code :} (drive letters, NTFS streams), NUL
	 * or other control character, no trailing dot or space (Windows aliases), and not a
	 * Windows device name on Windows.
	 * @param relativePath the path below the export, without a leading {@code /}
	 * @return whether the path may be looked up
	 */
	static boolean isSafe(String relativePath) {
		if (relativePath.isEmpty()) {
			return false;
		}
		int segmentStart = 0;
		int length = relativePath.length();
		for (int i = 0; i <= length; i++) {
			char c = (i < length) ? relativePath.charAt(i) : '/';
			if (c == '/') {
				if (!isSafeSegment(relativePath, segmentStart, i)) {
					return false;
				}
				segmentStart = i + 1;
			}
			else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\\' || c == ':' || c == '\uFFFD') {
				// U+FFFD: the container replaced bytes that were not UTF-8; no file has that name on purpose.
				return false;
			}
		}
		return true;
	}

	private static boolean isSafeSegment(String path, int start, int end) {
		if (end == start) {
			return false;
		}
		char last = path.charAt(end - 1);
		if (last == '.' || last == ' ') {
			// Covers "." and "..", and the names Windows silently trims ("secret.txt." opens "secret.txt").
			return false;
		}
		return !WINDOWS || !isWindowsDeviceName(path.substring(start, end));
	}

	private static boolean isWindowsDeviceName(String segment) {
		int dot = segment.indexOf('.');
		String stem = ((dot >= 0) ? segment.substring(0, dot) : segment).strip().toUpperCase(Locale.ROOT);
		return WINDOWS_DEVICE_NAMES.contains(stem);
	}

}
