package io.shareddata.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the sample app as configured (the same context as
 * {@link SharedDataHttpTests}): traversal and encoding tricks from the CVE history of static
 * servers, malformed conditional, range, encoding and forwarding headers, and oversized
 * headers. Every request must be answered (no hang) below 500, and no response may carry a
 * protected file's content.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileInputTests {

	/** A file every header case can be aimed at: small, served from memory, with an ETag. */
	private static final String FILE = "/static/css/site.css";

	/** A client address the sample's allow-list does not admit (any 127/8 address reaches loopback). */
	private static final String DENIED_CLIENT = "127.0.0.2";

	/** What AdminController answers. */
	private static final String ADMIN_PAGE = "Admin area";

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostilePaths")
	void hostilePathsNeverServeProtectedContentOrFail(String target) throws IOException {
		assertHarmless(RawHttp.get(this.port, target), target);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedHeaders")
	void malformedHeadersNeverServeProtectedContentOrFail(String target, List<String> headers) throws IOException {
		assertHarmless(RawHttp.get(this.port, target, headers.toArray(String[]::new)), target + " " + headers);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("oversizedHeaders")
	void oversizedHeadersAreRefusedWithAClientError(List<String> headers) throws IOException {
		RawHttp.Response response = RawHttp.get(this.port, FILE, headers.toArray(String[]::new));
		// Tomcat answers 400 beyond server.max-http-request-header-size (8 KB) and maxHeaderCount (100).
		assertThat(response.status()).isIn(400, 431);
		assertNoProtectedContent(response, FILE);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("adminSpellings")
	void spellingsOfTheProtectedAdminPathNeverReachItFromANonAllowedClient(String target, List<String> headers)
			throws IOException {
		// 127.0.0.2 is not in shareddata.ip-allowlist.addresses; the forwarded headers are
		// spoofing attempts that the default peer-only client address must ignore.
		RawHttp.Response response = RawHttp.get(DENIED_CLIENT, "127.0.0.1", this.port, target,
				headers.toArray(String[]::new));
		assertHarmless(response, target);
		assertThat(new String(response.bytes(), StandardCharsets.ISO_8859_1)).as(target).doesNotContain(ADMIN_PAGE);
	}

	@Test
	void theMarkersAreInTheProtectedFilesAndNotInTheAnswersThatAreAllowed() throws IOException {
		// Without this the content checks above could pass vacuously (a marker edited away).
		String protectedFiles = Files.readString(Path.of("site/config.secret")) + Files.readString(Path.of("site/private/notes.txt"))
				+ Files.readString(Path.of("site/.hidden")) + Files.readString(Path.of("pom.xml"));
		assertThat(protectedFiles).contains("do not serve me", "private\n", "hidden\n", "<artifactId>");
		RawHttp.Response allowed = RawHttp.get(this.port, FILE);
		assertThat(allowed.status()).isEqualTo(200);
		assertNoProtectedContent(allowed, FILE);
	}

	static void assertHarmless(RawHttp.Response response, String what) {
		assertThat(response.status()).as(what).isLessThan(500);
		assertNoProtectedContent(response, what);
	}

	private static void assertNoProtectedContent(RawHttp.Response response, String what) {
		String body = new String(response.bytes(), StandardCharsets.ISO_8859_1);
		assertThat(body).as(what)
			.doesNotContain("do not serve me") // site/config.secret
			.doesNotContain("private\n") // site/private/notes.txt
			.doesNotContain("hidden\n") // site/.hidden
			.doesNotContain("<artifactId>") // pom.xml
			.doesNotContain("root:x:0:0:") // /etc/passwd
			.doesNotContain("shareddata:") // the classpath's application.yml
			.doesNotContain("\u00ca\u00fe\u00ba\u00be"); // a class file
	}

	static Stream<Arguments> hostilePaths() throws IOException {
		List<String> targets = new ArrayList<>(loadCorpus());
		// Long targets: around Tomcat's 8 KB header limit (400) and far beyond it; long file
		// names and deep paths that the file system refuses (ENAMETOOLONG) must not become 500s.
		targets.add("/static/" + "a".repeat(300));
		targets.add("/static/" + "a".repeat(300) + "/config.secret");
		targets.add("/static/" + "a/".repeat(2500) + "config.secret");
		targets.add("/static/" + "../".repeat(1300) + "etc/passwd");
		targets.add("/static/" + "%2e%2e/".repeat(1000) + "etc/passwd");
		targets.add("/static/" + "a".repeat(8 * 1024));
		targets.add("/static/" + "../".repeat(2730) + "pom.xml");
		targets.add("/static/" + "x".repeat(64 * 1024));
		targets.add("/static/" + "%2e%2e/".repeat(9400) + "etc/passwd");
		return targets.stream().map((target) -> Arguments.of(Named.of(label(target), target)));
	}

	static Stream<Arguments> adminSpellings() throws IOException {
		List<Arguments> cases = new ArrayList<>();
		for (String target : loadCorpus()) {
			if (target.toLowerCase(Locale.ROOT).contains("dmin")) {
				cases.add(header(target));
			}
		}
		for (String spoof : List.of("X-Forwarded-For: 127.0.0.1", "X-Forwarded-For: ::1", "X-Forwarded-For: 10.0.0.1, 127.0.0.1",
				"Forwarded: for=127.0.0.1", "Forwarded: for=\"[::1]\"", "X-Real-IP: 127.0.0.1", "Client-IP: 127.0.0.1",
				"X-Forwarded-For: 127.0.0.1%00", "X-Forwarded-For: 2130706433", "X-Forwarded-For: 127.1")) {
			cases.add(header("/admin", spoof));
			cases.add(header("/%61dmin/", spoof));
		}
		return cases.stream();
	}

	static Stream<Arguments> malformedHeaders() {
		List<Arguments> cases = new ArrayList<>();
		// Range (RFC 9110 section 14): overflow, negative, inverted, too many and garbage.
		for (String range : List.of("bytes=99999999999999999999-", "bytes=0-99999999999999999999",
				"bytes=-99999999999999999999", "bytes=9223372036854775807-", "bytes=0-9223372036854775807",
				"bytes=-9223372036854775808", "bytes=9223372036854775806-9223372036854775807", "bytes=-1-2",
				"bytes=-0", "bytes=5-1", "bytes=0--1", "bytes=0-0,-1", "bytes=0-0,0-0", "bytes=,,,,", "bytes=0-1,,2-3",
				"bytes=abc", "bytes", "bytes=", "=", "items=0-1", "bytes=0x10-0x20", "bytes= 0 - 1 ",
				"bytes=0-1;q=1", "bytes=\u00ff-", "bytes=1000000-", "bytes=" + repeat("0-0", 1000, ","),
				"bytes=" + IntStream.range(0, 1000).mapToObj((i) -> i + "-" + (i + 1)).collect(Collectors.joining(",")),
				"bytes=" + repeat("-1", 1000, ","))) {
			cases.add(header(FILE, "Range: " + range));
		}
		cases.add(header(FILE, "Range: bytes=0-10", "Range: bytes=20-30"));
		// The Range aimed at protected files: a partial answer would still leak content.
		cases.add(header("/static/config.secret", "Range: bytes=0-3"));
		cases.add(header("/static/private/notes.txt", "Range: bytes=0-0,-1"));
		cases.add(header("/static/..;/pom.xml", "Range: bytes=0-100"));
		// If-Range: garbage, half tags, weak tags, impossible dates.
		for (String ifRange : List.of("garbage", "\"", "W/\"x\"", "\"\"", "Thu, 99 Jan 1970 00:00:00 GMT", "*",
				"Sat, 31 Dec 9999 23:59:59 GMT")) {
			cases.add(header(FILE, "Range: bytes=0-1", "If-Range: " + ifRange));
		}
		// Entity-tag lists (RFC 9110 section 13.1).
		for (String etag : List.of("*", "\"", "\"\"\"", "W/", "W/\"", "garbage", "\"a\",,,,\"b\"", ",", "W/W/\"a\"",
				"\"" + "x".repeat(6000) + "\"", repeat("\"abcdefgh\"", 700, ","), "\"\u00ff\"", "\"a\" \"b\"")) {
			cases.add(header(FILE, "If-None-Match: " + etag));
			cases.add(header(FILE, "If-Match: " + etag));
		}
		// HTTP dates: garbage, out of range, the obsolete formats, numbers.
		for (String date : List.of("garbage", "", "Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 31 Dec 9999 23:59:59 GMT",
				"Mon, 32 Foo 2020 99:99:99 GMT", "-1", "99999999999999999999", "Sunday, 06-Nov-94 08:49:37 GMT",
				"Sun Nov  6 08:49:37 1994", "Tue, 01 Jan -4000 00:00:00 GMT", "Tue, 01 Jan 1970 00:00:00 XYZ")) {
			cases.add(header(FILE, "If-Modified-Since: " + date));
			cases.add(header(FILE, "If-Unmodified-Since: " + date));
		}
		// Accept-Encoding: broken q-values, refusals of everything, huge lists.
		for (String encoding : List.of("br;q=abc", "gzip;q=-1", "gzip;q=1e309", "gzip;q=NaN", "*;q=", ";;;;", ",,,,",
				"gzip;q=0.5;q=0.7", "br;q=0, gzip;q=0, identity;q=0", "*;q=0", "\u00ff",
				repeat("x-coding", 1000, ", "), repeat("br;q=0.001", 500, ","))) {
			cases.add(header(FILE, "Accept-Encoding: " + encoding));
		}
		// X-Forwarded-For and Forwarded (RFC 7239): never parsed by DNS, never trusted blindly,
		// never a failure, on the allow-listed /admin path and on a file.
		List<String> forwarded = new ArrayList<>();
		for (String value : List.of("garbage", "1.2.3.4.5", "999.1.1.1", "127.1", "010.0.0.1", "2130706433",
				"0x7f.0.0.1", "evil.example.com", "localhost", "unknown", "_hidden", "[::1]", "::1", "fe80::1%eth0",
				"fe80::1%25eth0", "[fe80::1%25eth0]:8080", "::ffff:127.0.0.1", "1.2.3.4:80", "[2001:db8::1]:443", ", , ,",
				"\"", "a".repeat(6000), repeat("10.0.0.1", 1000, ", "), repeat("fe80::1%1", 300, ","))) {
			forwarded.add("X-Forwarded-For: " + value);
		}
		for (String value : List.of("for=garbage", "for=\"[::1]\"", "for=\"[fe80::1%25eth0]\"", "for=unknown",
				"for=_hidden", "for=evil.example.com", "for=1.2.3.4;proto=http;by=x", "for=", ";;;", "for=\"",
				"for=\"1.2.3.4:80\"", "proto=javascript", "host=evil", "for=127.0.0.1, for=\"", "for=[::1]",
				repeat("for=1.1.1.1", 1000, ", "), repeat("for=\"[fe80::1%25lo]\"", 300, ","))) {
			forwarded.add("Forwarded: " + value);
		}
		for (String header : forwarded) {
			cases.add(header("/admin/", header));
			cases.add(header(FILE, header));
		}
		cases.add(header("/admin/", "X-Forwarded-For: 127.0.0.1", "X-Forwarded-For: garbage",
				"Forwarded: for=127.0.0.1", "Forwarded: for=\"[::1\""));
		return cases.stream();
	}

	static Stream<Arguments> oversizedHeaders() {
		return Stream.of(List.of("X-Big: " + "x".repeat(9 * 1024)), List.of("X-Big: " + "x".repeat(64 * 1024)),
				List.of("X-Big: " + "x".repeat(1024 * 1024)), List.of("Range: bytes=" + repeat("0-0", 4000, ",")),
				List.of("If-None-Match: " + repeat("\"abcdefgh\"", 2000, ",")),
				List.of("X-Forwarded-For: " + repeat("10.0.0.1", 2000, ", ")),
				IntStream.range(0, 200).mapToObj((i) -> "X-Many-" + i + ": v").toList(),
				IntStream.range(0, 100).mapToObj((i) -> "X-Forwarded-For: 10.0.0." + (i % 250) + ", " + "a".repeat(100)).toList())
			.map((headers) -> Arguments.of(Named.of(label(headers.size() + " header(s), " + headers.stream()
				.mapToInt(String::length).sum() + " bytes: " + headers.get(0)), headers)));
	}

	private static Arguments header(String target, String... headers) {
		return Arguments.of(Named.of(label(target + " " + String.join(" | ", headers)), target), List.of(headers));
	}

	private static String repeat(String item, int count, String separator) {
		return String.join(separator, Collections.nCopies(count, item));
	}

	/**
	 * A printable, short display name: control and non-ASCII characters would break the test
	 * reports, and 64 KiB names would swamp them.
	 */
	private static String label(String text) {
		StringBuilder label = new StringBuilder();
		for (char c : text.toCharArray()) {
			label.append((c < 0x20 || c >= 0x7f) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
		}
		return (label.length() <= 120) ? label.toString()
				: label.substring(0, 100) + "... (" + text.length() + " chars)";
	}

	/**
	 * Reads the corpus of request targets shared with {@code bench/Soak.java}.
	 */
	private static List<String> loadCorpus() throws IOException {
		try (InputStream in = HostileInputTests.class.getResourceAsStream("/hostile-paths.txt")) {
			assertThat(in).as("hostile-paths.txt on the test classpath").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isEmpty() && !line.equals("#") && !line.startsWith("# "))
				.map(String::translateEscapes)
				.toList();
		}
	}

}
