package io.shareddata.headers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.shareddata.http.PathPatterns;
import io.shareddata.http.RequestedPath;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PatternParseException;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One response header to write: a name, a value, a {@link HeaderMode} and the paths it
 * applies to. Rules are validated when they are built, so a header that could split a
 * response or that no client would parse never reaches the first request.
 * <p>
 * Paths are Spring {@link PathPattern}s matched against the decoded, normalised path within
 * the application ({@code /docs/**}, {@code /api/{version}/*.json}); a rule without paths
 * applies to every path.
 */
public final class HeaderRule {

	private static final Set<String> SERVER_OWNED_HEADERS = Set.of("content-length", "transfer-encoding",
			"connection");

	private static final Pattern HSTS_MAX_AGE = Pattern
		.compile("(?i)(^|;)[ \\t]*max-age[ \\t]*=[ \\t]*(\\d+|\"\\d+\")[ \\t]*(;|$)");

	private final String name;

	private final @Nullable String value;

	private final HeaderMode mode;

	private final PathPatterns paths;

	private final @Nullable Predicate<HttpServletRequest> condition;

	private HeaderRule(String name, @Nullable String value, HeaderMode mode, PathPatterns paths,
			@Nullable Predicate<HttpServletRequest> condition) {
		this.name = name;
		this.value = value;
		this.mode = mode;
		this.paths = paths;
		this.condition = condition;
	}

	/**
	 * Creates a rule that applies to every path.
	 * @param name the header name, an RFC 9110 token
	 * @param value the header value; {@code null} only for {@link HeaderMode#REMOVE}
	 * @param mode how the rule treats an existing header
	 * @return the rule
	 * @throws InvalidHeaderRuleException if the name or value cannot be used
	 */
	public static HeaderRule of(String name, @Nullable String value, HeaderMode mode) {
		return of(name, value, mode, List.of());
	}

	/**
	 * Creates a rule that applies to the given paths.
	 * @param name the header name, an RFC 9110 token
	 * @param value the header value; {@code null} only for {@link HeaderMode#REMOVE}
	 * @param mode how the rule treats an existing header
	 * @param paths Spring path patterns, each starting with {@code /}; empty for every path
	 * @return the rule
	 * @throws InvalidHeaderRuleException if the name, value or a path pattern cannot be used
	 */
	public static HeaderRule of(String name, @Nullable String value, HeaderMode mode, List<String> paths) {
		checkName(name);
		checkValue(name, value, mode);
		return new HeaderRule(name, value, mode, PathPatterns.of(parsePaths(paths)), null);
	}

	/**
	 * Returns a copy of this rule that applies only to requests accepted by the given
	 * condition (in addition to its paths).
	 * @param condition the extra condition
	 * @return the restricted rule
	 */
	public HeaderRule when(Predicate<HttpServletRequest> condition) {
		Predicate<HttpServletRequest> combined = (this.condition != null) ? this.condition.and(condition) : condition;
		return new HeaderRule(this.name, this.value, this.mode, this.paths, combined);
	}

	/**
	 * Returns the header name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Returns the header value, {@code null} for a {@link HeaderMode#REMOVE} rule.
	 * @return the value
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Returns how the rule treats an existing header.
	 * @return the mode
	 */
	public HeaderMode getMode() {
		return this.mode;
	}

	boolean appliesTo(HttpServletRequest request, RequestedPath path) {
		if (!this.paths.isEmpty() && !this.paths.matchesEitherPath(path)) {
			return false;
		}
		return this.condition == null || this.condition.test(request);
	}

	/**
	 * Writes the rule to a response.
	 * @param response the response
	 * @param again whether the rules were already written to this response once (an error
	 * page or a forward commits it later): every mode but {@code add} is idempotent, and
	 * {@code add} must not add its value a second time
	 */
	void applyTo(HttpServletResponse response, boolean again) {
		switch (this.mode) {
			case SET -> response.setHeader(this.name, this.value);
			case ADD -> {
				if (!again || !response.getHeaders(this.name).contains(this.value)) {
					response.addHeader(this.name, this.value);
				}
			}
			case SET_IF_ABSENT -> {
				if (!response.containsHeader(this.name)) {
					response.setHeader(this.name, this.value);
				}
			}
			case REMOVE -> {
				if (response.containsHeader(this.name)) {
					// Tomcat and Jetty remove a header set to null; the Servlet API has no removeHeader
					response.setHeader(this.name, null);
				}
			}
		}
	}

	@Override
	public String toString() {
		return modeName(this.mode) + " " + this.name
				+ ((this.value != null) ? ": " + this.value : "") + (this.paths.isEmpty() ? "" : " on " + this.paths);
	}

	private static void checkName(String name) {
		if (name == null || name.isEmpty()) {
			throw new InvalidHeaderRuleException("name", String.valueOf(name), "a header rule needs a name",
					"set it to the header to write, e.g. 'X-Powered-By'");
		}
		for (int i = 0; i < name.length(); i++) {
			if (!isTokenChar(name.charAt(i))) {
				throw new InvalidHeaderRuleException("name", name,
						"a header name must be an RFC 9110 token, but it contains " + describe(name.charAt(i)),
						"use only letters, digits and !#$%&'*+-.^_`|~ (no spaces, colons or quotes)");
			}
		}
		if (SERVER_OWNED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
			throw new InvalidHeaderRuleException("name", name,
					"'" + name + "' frames the response and belongs to the web server",
					"remove this rule; the server writes this header itself");
		}
	}

	private static void checkValue(String name, @Nullable String value, HeaderMode mode) {
		if (mode == HeaderMode.REMOVE) {
			if (value != null && !value.isEmpty()) {
				throw new InvalidHeaderRuleException("value", value, "a 'remove' rule deletes the whole header",
						"delete the value, or use mode 'set' to write this value instead");
			}
			return;
		}
		if (value == null || value.isEmpty()) {
			throw new InvalidHeaderRuleException("value", String.valueOf(value),
					"a rule with mode '" + modeName(mode) + "' needs a value",
					"give the header a value, or use mode 'remove' to delete the header");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (isControl(c)) {
				throw new InvalidHeaderRuleException("value", value,
						"a header value must not contain control characters, but it contains " + describe(c),
						"remove the character; a line break would end the header and could split the response");
			}
			if (c > 0xFF) {
				throw new InvalidHeaderRuleException("value", value,
						"a header value must be ISO-8859-1 text, but it contains " + describe(c),
						"use ASCII, or percent-encode the text (RFC 8187)");
			}
		}
		if (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1))) {
			throw new InvalidHeaderRuleException("value", value, "a header value must not start or end with whitespace",
					"remove the leading and trailing spaces");
		}
		if ("Strict-Transport-Security".equalsIgnoreCase(name) && !HSTS_MAX_AGE.matcher(value).find()) {
			throw new InvalidHeaderRuleException("value", value,
					"Strict-Transport-Security needs a numeric max-age directive (RFC 6797)",
					"write it as e.g. 'max-age=31536000; includeSubDomains'");
		}
	}

	private static List<PathPattern> parsePaths(List<String> paths) {
		List<PathPattern> patterns = new ArrayList<>(paths.size());
		for (int i = 0; i < paths.size(); i++) {
			String path = paths.get(i);
			String part = "paths[" + i + "]";
			if (path == null || !path.startsWith("/")) {
				throw new InvalidHeaderRuleException(part, String.valueOf(path), "a path pattern must start with '/'",
						"write it as '/" + ((path != null) ? path : "") + "', or '/**' for every path");
			}
			try {
				patterns.add(PathPatternParser.defaultInstance.parse(path));
			}
			catch (PatternParseException ex) {
				throw new InvalidHeaderRuleException(part, path, "not a valid path pattern: " + ex.getMessage(),
						"use Spring path pattern syntax, e.g. '/docs/**' or '/api/*/status'");
			}
		}
		return List.copyOf(patterns);
	}

	// RFC 9110 section 5.6.2: tchar
	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	// C0 controls except HTAB, DEL, and C1 controls (which some clients treat as line breaks)
	private static boolean isControl(char c) {
		return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	private static String modeName(HeaderMode mode) {
		return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String describe(char c) {
		String code = String.format("U+%04X", (int) c);
		if (c == ' ') {
			return "a space (" + code + ")";
		}
		return (c > 0x20 && c < 0x7F) ? "'" + c + "' (" + code + ")" : code;
	}

}
