package io.shareddata.files;

import java.util.List;

/**
 * The default {@link FileAccessPolicy}: hides dotfiles and dot-directories unless asked to
 * serve them, and hides whatever a {@code disallow} pattern matches.
 * <p>
 * A pattern without {@code /} is matched against every segment of the path below the export,
 * so {@code .git} or {@code *.secret} hide a directory or a file at any depth. A pattern with
 * {@code /} is matched against the whole path below the export ({@code private/*}). Patterns
 * are {@code fnmatch} patterns and ignore case, so {@code *.SECRET} is hidden too on a
 * case-sensitive file system.
 */
public final class DisallowRulesPolicy implements FileAccessPolicy {

	private final List<FnmatchPattern> segmentPatterns;

	private final List<FnmatchPattern> pathPatterns;

	private final boolean serveHidden;

	/**
	 * Creates a policy.
	 * @param disallow fnmatch patterns of files not to serve
	 * @param serveHidden whether to serve files and directories whose name starts with a dot
	 * @throws IllegalArgumentException if a pattern is empty
	 */
	public DisallowRulesPolicy(List<String> disallow, boolean serveHidden) {
		List<FnmatchPattern> patterns = disallow.stream().map(FnmatchPattern::compile).toList();
		this.segmentPatterns = patterns.stream().filter((pattern) -> !pattern.containsSlash()).toList();
		this.pathPatterns = patterns.stream().filter(FnmatchPattern::containsSlash).toList();
		this.serveHidden = serveHidden;
	}

	@Override
	public boolean isAllowed(String exportPath, String relativePath) {
		for (FnmatchPattern pattern : this.pathPatterns) {
			if (pattern.matches(relativePath)) {
				return false;
			}
		}
		int start = 0;
		while (start <= relativePath.length()) {
			int end = relativePath.indexOf('/', start);
			if (end < 0) {
				end = relativePath.length();
			}
			if (!isSegmentAllowed(relativePath.substring(start, end))) {
				return false;
			}
			start = end + 1;
		}
		return true;
	}

	private boolean isSegmentAllowed(String segment) {
		if (!this.serveHidden && segment.startsWith(".")) {
			return false;
		}
		for (FnmatchPattern pattern : this.segmentPatterns) {
			if (pattern.matches(segment)) {
				return false;
			}
		}
		return true;
	}

}
