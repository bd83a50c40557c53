package io.shareddata.files;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A shell-style pattern as Python's {@code fnmatch} reads it: {@code *} (anything, including
 * {@code /}), {@code ?} (one character), {@code [seq]} and {@code [!seq]}; every other character
 * is literal. Matching ignores case.
 */
final class FnmatchPattern {

	private final String source;

	private final Pattern regex;

	private FnmatchPattern(String source, Pattern regex) {
		this.source = source;
		this.regex = regex;
	}

	/**
	 * Compiles a pattern.
	 * @param pattern the fnmatch pattern
	 * @return the compiled pattern
	 * @throws IllegalArgumentException if the pattern is empty
	 */
	static FnmatchPattern compile(String pattern) {
		if (pattern.isEmpty()) {
			throw new IllegalArgumentException("pattern is empty");
		}
		return new FnmatchPattern(pattern,
				Pattern.compile(translate(pattern), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
	}

	private static String translate(String pattern) {
		StringBuilder regex = new StringBuilder(pattern.length() * 2);
		int i = 0;
		int n = pattern.length();
		while (i < n) {
			int c = pattern.codePointAt(i);
			i += Character.charCount(c);
			if (c == '*') {
				regex.append(".*");
			}
			else if (c == '?') {
				regex.append('.');
			}
			else if (c == '[') {
				int end = findClassEnd(pattern, i);
				if (end < 0) {
					regex.append("\\[");
				}
				else {
					regex.append(characterClass(pattern.substring(i, end)));
					i = end + 1;
				}
			}
			else {
				// A whole code point: an emoji quoted as two halves of a surrogate pair never matches.
				regex.append(Pattern.quote(Character.toString(c)));
			}
		}
		return regex.toString();
	}

	/** Index of the {@code ]} closing a class whose body starts at {@code start}, or -1. */
	private static int findClassEnd(String pattern, int start) {
		int j = start;
		if (j < pattern.length() && pattern.charAt(j) == '!') {
			j++;
		}
		// As in fnmatch, a ']' right after '[' or '[!' is a literal member, not the end.
		if (j < pattern.length() && pattern.charAt(j) == ']') {
			j++;
		}
		return pattern.indexOf(']', j);
	}

	private static String characterClass(String body) {
		boolean negated = body.startsWith("!");
		String members = negated ? body.substring(1) : body;
		StringBuilder out = new StringBuilder("[");
		if (negated) {
			out.append('^');
		}
		for (int k = 0; k < members.length(); k += Character.charCount(members.codePointAt(k))) {
			int m = members.codePointAt(k);
			// Keep ranges ('a-z'); escape everything regex would otherwise interpret.
			if (m == '-' && k > 0 && k < members.length() - 1) {
				out.append('-');
			}
			else if (Character.isLetterOrDigit(m)) {
				out.appendCodePoint(m);
			}
			else {
				out.append("\\x{").append(Integer.toHexString(m)).append('}');
			}
		}
		return out.append(']').toString();
	}

	boolean matches(String text) {
		return this.regex.matcher(text).matches();
	}

	boolean containsSlash() {
		return this.source.indexOf('/') >= 0;
	}

	@Override
	public String toString() {
		return this.source.toLowerCase(Locale.ROOT);
	}

}
