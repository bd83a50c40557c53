package io.shareddata.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PatternParseException;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Parses a list property of Spring path patterns ({@code /admin/**}), naming the bad entry
 * ({@code shareddata.ip-allowlist.paths[2]}) when one is not a pattern.
 */
public final class ConfiguredPathPatterns {

	private ConfiguredPathPatterns() {
	}

	/**
	 * Parses the patterns.
	 * @param property the full name of the list property
	 * @param patterns the configured patterns
	 * @return the parsed patterns, in order
	 * @throws SharedDataConfigurationException if an entry is not a pattern starting with '/'
	 */
	public static List<PathPattern> parse(String property, List<@Nullable String> patterns) {
		List<PathPattern> parsed = new ArrayList<>(patterns.size());
		for (int i = 0; i < patterns.size(); i++) {
			// A YAML "~" entry binds as null.
			String pattern = (patterns.get(i) != null) ? patterns.get(i) : "";
			String entry = property + "[" + i + "]";
			if (!pattern.startsWith("/")) {
				throw new SharedDataConfigurationException(entry, pattern,
						"a path pattern must start with '/' (it is matched on the path within the application)",
						"write it as '/" + pattern + "'");
			}
			try {
				parsed.add(PathPatternParser.defaultInstance.parse(pattern));
			}
			catch (PatternParseException ex) {
				throw new SharedDataConfigurationException(entry, pattern,
						"not a valid path pattern: " + ex.getMessage() + " (at position " + ex.getPosition() + ")",
						"use Spring path pattern syntax, for example '/admin/**' or '/reports/*.csv'");
			}
		}
		return parsed;
	}

}
