package io.shareddata.http;

import java.util.ArrayList;
import java.util.List;

import io.shareddata.http.PatternShortcut.Decision;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

import static org.assertj.core.api.Assertions.assertThat;

class PatternShortcutTests {

	/** Every kind of pattern syntax, and literals with empty, dot and trailing segments. */
	private static final List<String> PATTERNS = List.of("/admin/**", "/admin", "/admin/", "/admin/*", "/ad*min",
			"/a?c", "/{x}/b", "/a/{*rest}", "/**", "/*", "/", "/hello", "/a//b", "/a/./b", "/a/../b", "/static/*.css",
			"/{id:[0-9]+}", "/a b", "/caf\u00e9", "/a.b", "/admin%2fx", "/app", "/x/**/y");

	/** Request URI, servlet path (the container's decoded, normalised path), context path. */
	private static final String[][] REQUESTS = { { "/hello", "/hello", "" }, { "/admin", "/admin", "" },
			{ "/admin/", "/admin/", "" }, { "/admin/x", "/admin/x", "" }, { "/administrator", "/administrator", "" },
			{ "/ADMIN/x", "/ADMIN/x", "" }, { "/%61dmin/x", "/admin/x", "" }, { "/admin;x/y", "/admin/y", "" },
			{ "/x/../admin/y", "/admin/y", "" }, { "/admin/../x", "/x", "" }, { "/admin/..;/x", "/x", "" },
			{ "//admin/x", "/admin/x", "" }, { "/a//b", "/a/b", "" }, { "/a/./b", "/a/b", "" },
			{ "/a/../b", "/b", "" }, { "/", "/", "" }, { "", "", "" }, { "/app", "", "/app" },
			{ "/app/", "/", "/app" }, { "/app/admin/x", "/admin/x", "/app" }, { "/apple/x", "/x", "/app" },
			{ "/app", "", "/" }, { "/caf\u00e9", "/caf\u00e9", "" }, { "/caf%C3%A9", "/caf\u00e9", "" },
			{ "/a b", "/a b", "" }, { "/a%20b", "/a b", "" }, { "/a.b", "/a.b", "" }, { "/abc", "/abc", "" },
			{ "/ac", "/ac", "" }, { "/123", "/123", "" }, { "/static/site.css", "/static/site.css", "" },
			{ "/admin%252fx", "/admin%2fx", "" }, { "/admin%2fx", "/admin/x", "" }, { "/x/q/y", "/x/q/y", "" },
			{ "/a\u0000b", "/a", "" } };

	@Test
	void theShortcutsAnswerAsThePatternsDoForEveryKindOfPatternAndPath() {
		List<PathPattern> patterns = new ArrayList<>();
		List<PathPattern> parsedByDefault = new ArrayList<>();
		PathPatternParser caseInsensitive = caseInsensitiveParser();
		PathPatternParser dotSeparated = new PathPatternParser();
		dotSeparated.setPathOptions(PathContainer.Options.MESSAGE_ROUTE);
		for (String text : PATTERNS) {
			for (PathPatternParser parser : List.of(PathPatternParser.defaultInstance, caseInsensitive, dotSeparated)) {
				try {
					PathPattern pattern = parser.parse(text);
					patterns.add(pattern);
					if (parser == PathPatternParser.defaultInstance) {
						parsedByDefault.add(pattern);
					}
				}
				catch (PatternParseException ex) {
					// Not a pattern in this version of Spring: nothing to compare
				}
			}
		}
		assertThat(patterns).hasSizeGreaterThan(2 * PATTERNS.size());
		int decidedOnText = 0;
		int pairsParsedByDefault = 0;
		for (String[] spec : REQUESTS) {
			for (RequestedPath.Kind kind : RequestedPath.Kind.values()) {
				for (PathPattern pattern : patterns) {
					RequestedPath path = RequestedPath.of(request(spec));
					PathContainer container = path.container(kind);
					boolean expected = container != null && pattern.matches(container);
					String description = pattern.getPatternString() + " against the " + kind + " path of "
							+ List.of(spec);
					assertThat(PathPatterns.of(List.of(pattern)).matches(path, kind)).as(description)
						.isEqualTo(expected);
					String text = path.text(kind);
					if (parsedByDefault.contains(pattern)) {
						pairsParsedByDefault++;
						if (text != null && PatternShortcut.of(pattern).decide(text) != Decision.ASK_THE_PATTERN) {
							decidedOnText++;
						}
					}
					else {
						assertThat(PatternShortcut.of(pattern).decide(path.text(RequestedPath.Kind.NORMALISED)))
							.isEqualTo(Decision.ASK_THE_PATTERN);
					}
				}
			}
		}
		// Most pairs of the default parser's patterns are decided on the text: the shortcut
		// does its job. Patterns of other parsers are always asked.
		assertThat(decidedOnText).isGreaterThan(pairsParsedByDefault / 2);
	}

	@Test
	void aPathTextIsExactlyWhatThePatternsSee() {
		for (String[] spec : REQUESTS) {
			RequestedPath path = RequestedPath.of(request(spec));
			assertThat(path.text(RequestedPath.Kind.NORMALISED)).isEqualTo(path.normalised().value());
			String routedText = path.text(RequestedPath.Kind.ROUTED);
			if (routedText != null) {
				// A plain text promises a routed path that parses to the same segments.
				PathContainer routed = RequestPaths.routedPath(spec[0], spec[2]);
				assertThat(routed).as(List.of(spec).toString()).isNotNull();
				assertThat(routed.value()).isEqualTo(routedText);
				routed.elements()
					.stream()
					.filter(PathContainer.PathSegment.class::isInstance)
					.map(PathContainer.PathSegment.class::cast)
					.forEach((segment) -> assertThat(segment.valueToMatch()).isEqualTo(segment.value()));
			}
			assertThat(path.hasRoutedPath()).isEqualTo(RequestPaths.routedPath(spec[0], spec[2]) != null);
		}
	}

	@Test
	void aPathOutsideAPatternsLiteralBeginningIsRefusedOnItsText() {
		PatternShortcut admin = shortcutOfDefaultPattern("/admin/**");
		assertThat(admin.decide("/hello")).isEqualTo(Decision.NO_MATCH);
		assertThat(admin.decide("/admin")).isEqualTo(Decision.ASK_THE_PATTERN);
		assertThat(admin.decide("/administrator")).isEqualTo(Decision.ASK_THE_PATTERN);
	}

	@Test
	void aPathEqualToALiteralPatternMatchesOnItsText() {
		PatternShortcut hello = shortcutOfDefaultPattern("/hello");
		assertThat(hello.decide("/hello")).isEqualTo(Decision.MATCH);
		assertThat(hello.decide("/hello/")).isEqualTo(Decision.ASK_THE_PATTERN);
		assertThat(hello.decide("/help")).isEqualTo(Decision.NO_MATCH);
	}

	@Test
	void aPatternFromAnotherParserIsAlwaysAsked() {
		PatternShortcut admin = PatternShortcut.of(caseInsensitiveParser().parse("/admin/**"));
		assertThat(admin.decide("/ADMIN/x")).isEqualTo(Decision.ASK_THE_PATTERN);
		assertThat(admin.decide("/hello")).isEqualTo(Decision.ASK_THE_PATTERN);
	}

	@Test
	void aPathWithEncodedOrParameterisedSegmentsHasNoRoutedText() {
		assertThat(RequestedPath.of(request("/%61dmin/x", "/admin/x", "")).text(RequestedPath.Kind.ROUTED)).isNull();
		assertThat(RequestedPath.of(request("/admin;x/y", "/admin/y", "")).text(RequestedPath.Kind.ROUTED)).isNull();
		assertThat(RequestedPath.of(request("/caf\u00e9", "/caf\u00e9", "")).text(RequestedPath.Kind.ROUTED)).isNull();
		assertThat(RequestedPath.of(request("/app/x", "/x", "/app")).text(RequestedPath.Kind.ROUTED)).isEqualTo("/x");
	}

	private static PatternShortcut shortcutOfDefaultPattern(String pattern) {
		return PatternShortcut.of(PathPatternParser.defaultInstance.parse(pattern));
	}

	private static PathPatternParser caseInsensitiveParser() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

	private static MockHttpServletRequest request(String... spec) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", spec[0]);
		request.setServletPath(spec[1]);
		request.setContextPath(spec[2]);
		return request;
	}

}
