package io.shareddata.http;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * What a {@link PathPattern}'s own text tells about a path given as text (see
 * {@link RequestedPath#text}), before anything is parsed: most requests match none of a
 * filter's rules ({@code /hello} against {@code /admin/**}), and saying so should not cost
 * two parsed paths.
 * <ul>
 * <li>A path equal to a pattern without wildcards matches it.</li>
 * <li>A path that does not start with the pattern's literal beginning (up to its first
 * {@code *}, {@code ?} or <code>{</code>, without a trailing {@code /}, since {@code /admin/**}
 * matches {@code /admin}) cannot match it.</li>
 * <li>Anything else is left to the pattern.</li>
 * </ul>
 * Only for patterns parsed as {@link PathPatternParser#defaultInstance} parses them
 * (case-sensitive, {@code /} between segments): for any other, every answer is "ask the
 * pattern".
 */
final class PatternShortcut {

	/** The answers of {@link #decide}. */
	enum Decision {

		MATCH, NO_MATCH, ASK_THE_PATTERN

	}

	private static final PatternShortcut NONE = new PatternShortcut(null, null);

	private final @Nullable String literal;

	private final @Nullable String prefix;

	private PatternShortcut(@Nullable String literal, @Nullable String prefix) {
		this.literal = literal;
		this.prefix = prefix;
	}

	static PatternShortcut of(PathPattern pattern) {
		if (!isParsedAsByDefault(pattern)) {
			return NONE;
		}
		String text = pattern.getPatternString();
		int wildcard = firstWildcard(text);
		if (wildcard < 0) {
			// A pattern without wildcards is its own literal, unless Spring sees syntax in it
			return pattern.hasPatternSyntax() ? NONE : new PatternShortcut(text, text);
		}
		String prefix = text.substring(0, wildcard);
		if (prefix.endsWith("/")) {
			prefix = prefix.substring(0, prefix.length() - 1);
		}
		return new PatternShortcut(null, prefix);
	}

	/**
	 * Decides what the pattern would answer for a path whose segments are exactly its text.
	 * @param path the path's text
	 * @return the answer, or {@link Decision#ASK_THE_PATTERN}
	 */
	Decision decide(String path) {
		if (path.equals(this.literal)) {
			return Decision.MATCH;
		}
		if (this.prefix != null && !path.startsWith(this.prefix)) {
			return Decision.NO_MATCH;
		}
		return Decision.ASK_THE_PATTERN;
	}

	/**
	 * {@code PathPattern.equals} compares the pattern's text, its separator and its case
	 * sensitivity: the settings the shortcuts rely on.
	 */
	private static boolean isParsedAsByDefault(PathPattern pattern) {
		try {
			return pattern.equals(PathPatternParser.defaultInstance.parse(pattern.getPatternString()));
		}
		catch (PatternParseException ex) {
			return false;
		}
	}

	private static int firstWildcard(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '*' || c == '?' || c == '{') {
				return i;
			}
		}
		return -1;
	}

}
