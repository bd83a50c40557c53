package io.shareddata.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SharedDataFilterTests {

	private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");

	@TempDir
	Path root;

	private Path site;

	@BeforeEach
	void createSite() throws IOException {
		this.site = Files.createDirectories(this.root.resolve("site"));
		write(this.site.resolve("hello.txt"), "hello world\n");
		write(this.site.resolve("app.js"), "console.log(1)\n");
		write(this.site.resolve("data.json"), "{}");
		write(this.site.resolve("blob"), "?");
		write(this.site.resolve("config.secret"), "password");
		write(this.site.resolve(".env"), "TOKEN=1");
		write(this.site.resolve("grüße.txt"), "hallo");
		write(this.site.resolve("css/site.css"), "body{}");
		write(this.site.resolve("private/notes.txt"), "private");
		write(this.site.resolve("docs/index.html"), "<h1>docs</h1>");
		write(this.root.resolve("outside.txt"), "outside the export");
		write(this.root.resolve("robots.txt"), "User-agent: *");
	}

	// --- matching and fall-through (issue 2, points 1, 2, 7) ---

	@Test
	void servesAFileWithItsHeaders() throws Exception {
		MockHttpServletResponse response = get(filter(), "/static/hello.txt");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("hello world\n");
		assertThat(response.getContentType()).isEqualTo("text/plain;charset=UTF-8");
		assertThat(response.getContentLengthLong()).isEqualTo(12);
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("Accept-Ranges")).isEqualTo("bytes");
		assertThat(response.getHeader("ETag")).matches("\"[A-Za-z0-9_-]{24}\"");
		assertThat(response.getHeader("Last-Modified")).isEqualTo("Fri, 02 Jan 2026 03:04:05 GMT");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=43200, public");
		assertThat(response.getHeader("Expires")).isEqualTo("Sun, 22 Nov 2026 00:00:00 GMT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/hello.txt", "/staticx/hello.txt", "/static", "/static/", "/static/css",
			"/static/missing.txt", "/static/config.secret", "/static/CONFIG.SECRET", "/static/.env",
			"/static/private/notes.txt", "/static/hello.txt/", "/static/../outside.txt", "/static/css/../hello.txt",
			"/static/hello.txt%00", "/static//hello.txt", "/static/hello.txt.", "/static/C:/outside.txt",
			"/static/..\\outside.txt", "/static/" + "%2e%2e/outside.txt" })
	void whatIsNotServedFallsThroughToTheApplication(String path) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter().doFilter(request("GET", path), response, chain);
		assertThat(chain.getRequest()).as("passed on to the application").isNotNull();
		assertThat(response.getContentAsByteArray()).isEmpty();
		assertThat(response.getHeader("ETag")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE" })
	void methodsOtherThanGetAndHeadFallThrough(String method) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		filter().doFilter(request(method, "/static/hello.txt"), new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void headAnswersTheSameHeadersAsGetWithoutABody() throws Exception {
		SharedDataFilter filter = filter();
		MockHttpServletResponse get = get(filter, "/static/hello.txt");
		MockHttpServletResponse head = serve(filter, request("HEAD", "/static/hello.txt"));
		assertThat(head.getStatus()).isEqualTo(200);
		assertThat(head.getContentAsByteArray()).isEmpty();
		for (String name : get.getHeaderNames()) {
			assertThat(head.getHeader(name)).as(name).isEqualTo(get.getHeader(name));
		}
		assertThat(head.getContentLengthLong()).isEqualTo(12);
	}

	@Test
	void theQueryStringPlaysNoPartInTheLookup() throws Exception {
		MockHttpServletRequest request = request("GET", "/static/hello.txt");
		request.setQueryString("v=../../outside.txt");
		assertThat(serve(filter(), request).getContentAsString()).isEqualTo("hello world\n");
	}

	@Test
	void exportsAreTriedInOrderAndAMissMovesOnToTheNext() throws Exception {
		Path other = Files.createDirectories(this.root.resolve("other"));
		write(other.resolve("only-here.txt"), "second export");
		write(other.resolve("hello.txt"), "shadowed");
		SharedDataFilter filter = new SharedDataFilter(
				List.of(Export.directory("/static", this.site), Export.directory("/static", other)), options().build());
		assertThat(get(filter, "/static/hello.txt").getContentAsString()).isEqualTo("hello world\n");
		assertThat(get(filter, "/static/only-here.txt").getContentAsString()).isEqualTo("second export");
	}

	@Test
	void aDisallowedFileIsNotLookedForInLaterExports() throws Exception {
		Path other = Files.createDirectories(this.root.resolve("other"));
		write(other.resolve("config.secret"), "also secret");
		SharedDataFilter filter = new SharedDataFilter(
				List.of(Export.directory("/static", this.site), Export.directory("/static", other)), options().build());
		assertFallsThrough(filter, "/static/config.secret");
	}

	@Test
	void aSingleFileExportServesOnlyItsExactPath() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.file("/robots.txt", this.root.resolve("robots.txt"))),
				options().build());
		assertThat(get(filter, "/robots.txt").getContentAsString()).isEqualTo("User-agent: *");
		assertFallsThrough(filter, "/robots.txt/anything");
		assertFallsThrough(filter, "/robots.txt/");
	}

	@Test
	void disallowRulesCoverSingleFileExports() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(
				List.of(Export.file("/config", this.site.resolve("config.secret"))), options().build());
		assertFallsThrough(filter, "/config");
	}

	@Test
	void aRootExportServesBelowTheRoot() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/", this.site)), options().build());
		assertThat(get(filter, "/hello.txt").getContentAsString()).isEqualTo("hello world\n");
		assertFallsThrough(filter, "/");
	}

	@Test
	void customAccessPolicyReplacesTheDefaultRules() throws Exception {
		FileAccessPolicy onlyCss = (exportPath, relativePath) -> relativePath.endsWith(".css");
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				SharedDataOptions.builder().accessPolicy(onlyCss).build());
		assertThat(get(filter, "/static/css/site.css").getStatus()).isEqualTo(200);
		assertFallsThrough(filter, "/static/hello.txt");
	}

	// --- paths, symbolic links and names (point 8) ---

	@Test
	void nonAsciiNamesAreServed() throws Exception {
		assertThat(get(filter(), "/static/grüße.txt").getContentAsString()).isEqualTo("hallo");
	}

	@Test
	void aSymbolicLinkLeavingTheExportIsNotFollowed() throws Exception {
		Files.createSymbolicLink(this.site.resolve("escape.txt"), this.root.resolve("outside.txt"));
		Files.createSymbolicLink(this.site.resolve("escape-dir"), this.root);
		SharedDataFilter filter = filter();
		assertFallsThrough(filter, "/static/escape.txt");
		assertFallsThrough(filter, "/static/escape-dir/outside.txt");
	}

	@Test
	void aSiblingFolderWhoseNameStartsWithTheExportsNameIsOutsideIt() throws Exception {
		// CVE-2023-29159 (Starlette) and WhiteNoise PR #684: a string-prefix containment check
		// takes site2/ for a folder inside site/.
		write(this.root.resolve("site2/secret.txt"), "sibling");
		Files.createSymbolicLink(this.site.resolve("sibling"), this.root.resolve("site2"));
		Files.createSymbolicLink(this.site.resolve("sibling.txt"), this.root.resolve("site2/secret.txt"));
		SharedDataFilter filter = filter();
		assertFallsThrough(filter, "/static/sibling/secret.txt");
		assertFallsThrough(filter, "/static/sibling.txt");
	}

	@Test
	void headOfALargeClasspathFileThatDisappearedFallsThroughAsGetDoes() throws Exception {
		try (URLClassLoader loader = largeClasspathFile()) {
			SharedDataFilter filter = largeClasspathFileFilter(loader);
			assertThat(serve(filter, request("HEAD", "/cp/large.txt")).getStatus()).isEqualTo(200);
			// Removed (an exploded classpath during development) while its answer is remembered.
			Files.delete(this.root.resolve("classes/pkg/large.txt"));
			MockFilterChain chain = new MockFilterChain();
			filter.doFilter(request("HEAD", "/cp/large.txt"), new MockHttpServletResponse(), chain);
			assertThat(chain.getRequest()).as("HEAD falls through as GET does").isNotNull();
			assertFallsThrough(filter, "/cp/large.txt");
		}
	}

	@Test
	void aSymbolicLinkInsideTheExportIsServedButCannotUnhideAFile() throws Exception {
		Files.createSymbolicLink(this.site.resolve("alias.txt"), this.site.resolve("hello.txt"));
		Files.createSymbolicLink(this.site.resolve("innocent.txt"), this.site.resolve("config.secret"));
		SharedDataFilter filter = filter();
		assertThat(get(filter, "/static/alias.txt").getContentAsString()).isEqualTo("hello world\n");
		assertFallsThrough(filter, "/static/innocent.txt");
	}

	// --- content types (point 6) ---

	@Test
	void contentTypesComeFromTheNameWithCharsetForTextualTypes() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().fallbackMimetype(MediaType.parseMediaType("application/x-unknown")).build());
		assertThat(get(filter, "/static/app.js").getContentType()).isEqualTo("text/javascript;charset=UTF-8");
		assertThat(get(filter, "/static/css/site.css").getContentType()).isEqualTo("text/css;charset=UTF-8");
		assertThat(get(filter, "/static/data.json").getContentType()).isEqualTo("application/json");
		assertThat(get(filter, "/static/blob").getContentType()).isEqualTo("application/x-unknown");
	}

	// --- conditional requests (point 5) ---

	@Test
	void ifNoneMatchWithTheCurrentTagGivesNotModifiedWithItsCachingHeadersAndNoBody() throws Exception {
		SharedDataFilter filter = filter();
		String etag = get(filter, "/static/hello.txt").getHeader("ETag");
		for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
			MockHttpServletResponse response = get(filter, "/static/hello.txt", (r) -> r.addHeader("If-None-Match", ifNoneMatch));
			assertThat(response.getStatus()).as(ifNoneMatch).isEqualTo(304);
			assertThat(response.getContentAsByteArray()).isEmpty();
			assertThat(response.getHeader("ETag")).isEqualTo(etag);
			assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=43200, public");
			assertThat(response.getHeader("Expires")).isNotNull();
			// RFC 9110 15.4.5: no representation metadata beyond those; Last-Modified would only
			// help a cache that has no ETag
			assertThat(response.getHeader("Last-Modified")).isNull();
			assertThat(response.getContentType()).isNull();
		}
	}

	@Test
	void ifNoneMatchTakesPrecedenceOverIfModifiedSince() throws Exception {
		MockHttpServletResponse response = get(filter(), "/static/hello.txt", (r) -> {
			r.addHeader("If-None-Match", "\"stale\"");
			r.addHeader("If-Modified-Since", "Sat, 21 Nov 2026 00:00:00 GMT");
		});
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void ifModifiedSinceComparesAtSecondPrecision() throws Exception {
		SharedDataFilter filter = filter();
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Modified-Since", "Fri, 02 Jan 2026 03:04:05 GMT"))
			.getStatus()).isEqualTo(304);
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Modified-Since", "Fri, 02 Jan 2026 03:04:04 GMT"))
			.getStatus()).isEqualTo(200);
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Modified-Since", "yesterday")).getStatus())
			.isEqualTo(200);
	}

	@Test
	void aModificationTimeInTheFutureIsSentAsTheTimeTheVersionWasBuilt() throws Exception {
		// RFC 9110 8.8.2.1: Last-Modified must not be later than the response's Date (a build
		// host with a skewed clock, an archive from elsewhere). A client that revalidates with
		// If-Modified-Since would otherwise get 304 for every new version until 2030.
		write(this.site.resolve("skewed.txt"), "skewed");
		Files.setLastModifiedTime(this.site.resolve("skewed.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
		SharedDataFilter filter = filter();
		String lastModified = get(filter, "/static/skewed.txt").getHeader("Last-Modified");
		assertThat(lastModified).isEqualTo("Sat, 21 Nov 2026 12:00:00 GMT");
		// The date sent is the one the conditional headers are compared with.
		assertThat(get(filter, "/static/skewed.txt", (r) -> r.addHeader("If-Modified-Since", lastModified)).getStatus())
			.isEqualTo(304);
		assertThat(get(filter, "/static/skewed.txt", (r) -> r.addHeader("If-Unmodified-Since", lastModified))
			.getStatus()).isEqualTo(200);
		assertThat(get(filter, "/static/skewed.txt", (r) -> {
			r.addHeader("Range", "bytes=0-1");
			r.addHeader("If-Range", lastModified);
		}).getStatus()).isEqualTo(206);
	}

	@Test
	void failingIfMatchOrIfUnmodifiedSinceGivesPreconditionFailed() throws Exception {
		SharedDataFilter filter = filter();
		String etag = get(filter, "/static/hello.txt").getHeader("ETag");
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Match", "\"other\"")).getStatus()).isEqualTo(412);
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Match", "W/" + etag)).getStatus()).isEqualTo(412);
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Match", etag)).getStatus()).isEqualTo(200);
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Match", "*")).getStatus()).isEqualTo(200);
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Unmodified-Since", "Thu, 01 Jan 2026 00:00:00 GMT"))
			.getStatus()).isEqualTo(412);
		assertThat(get(filter, "/static/hello.txt", (r) -> r.addHeader("If-Unmodified-Since", "Fri, 02 Jan 2026 03:04:05 GMT"))
			.getStatus()).isEqualTo(200);
	}

	@Test
	void withCachingOffThereAreNoValidatorsNoMaxAgeAndConditionalsAreIgnored() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().cache(false).build());
		MockHttpServletResponse response = get(filter, "/static/hello.txt", (r) -> {
			r.addHeader("If-None-Match", "*");
			r.addHeader("If-Match", "\"x\"");
		});
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("ETag")).isNull();
		assertThat(response.getHeader("Expires")).isNull();
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache");
	}

	// --- entity tags (issue 3, point 3) ---

	@Test
	void contentEtagsAreEqualForEqualBytesWhateverTheModificationTime() throws Exception {
		Path other = Files.createDirectories(this.root.resolve("replica"));
		write(other.resolve("hello.txt"), "hello world\n");
		Files.setLastModifiedTime(other.resolve("hello.txt"), FileTime.from(NOW));
		String here = get(filter(), "/static/hello.txt").getHeader("ETag");
		String replica = get(new SharedDataFilter(List.of(Export.directory("/static", other)), options().build()),
				"/static/hello.txt")
			.getHeader("ETag");
		assertThat(replica).isEqualTo(here);
	}

	@Test
	void metadataEtagsFollowSizeAndModificationTime() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().etagStrategy(EtagStrategy.METADATA).build());
		assertThat(get(filter, "/static/hello.txt").getHeader("ETag"))
			.isEqualTo("\"" + Long.toHexString(MODIFIED.toEpochMilli()) + "-c\"");
	}

	// --- fingerprinted names (issue 3, point 4) ---

	@Test
	void fingerprintedNamesAreCachedForAYearAsImmutable() throws Exception {
		write(this.site.resolve("app.3f9a1c2b.js"), "x");
		write(this.site.resolve("app-3f9a1c2b4d.css"), "x");
		write(this.site.resolve("cafe.js"), "x");
		SharedDataFilter filter = filter();
		assertThat(get(filter, "/static/app.3f9a1c2b.js").getHeader("Cache-Control"))
			.isEqualTo("max-age=31536000, public, immutable");
		assertThat(get(filter, "/static/app-3f9a1c2b4d.css").getHeader("Cache-Control"))
			.isEqualTo("max-age=31536000, public, immutable");
		assertThat(get(filter, "/static/cafe.js").getHeader("Cache-Control")).isEqualTo("max-age=43200, public");
	}

	@Test
	void datesAndNumbersInNamesAreNoFingerprint() throws Exception {
		// A dated report or a numbered invoice may be replaced: a year as immutable would pin the old one
		write(this.site.resolve("report-20261121.pdf"), "x");
		write(this.site.resolve("invoice.12345678.pdf"), "x");
		write(this.site.resolve("app.12345678ab.js"), "x");
		SharedDataFilter filter = filter();
		assertThat(get(filter, "/static/report-20261121.pdf").getHeader("Cache-Control"))
			.isEqualTo("max-age=43200, public");
		assertThat(get(filter, "/static/invoice.12345678.pdf").getHeader("Cache-Control"))
			.isEqualTo("max-age=43200, public");
		assertThat(get(filter, "/static/app.12345678ab.js").getHeader("Cache-Control"))
			.isEqualTo("max-age=31536000, public, immutable");
	}

	// --- ranges (issue 3, point 1) ---

	@Test
	void singleRangesGivePartialContent() throws Exception {
		SharedDataFilter filter = filter();
		assertRange(filter, "bytes=0-0", "bytes 0-0/12", "h");
		assertRange(filter, "bytes=11-11", "bytes 11-11/12", "\n");
		assertRange(filter, "bytes=-3", "bytes 9-11/12", "ld\n");
		assertRange(filter, "bytes=6-", "bytes 6-11/12", "world\n");
		assertRange(filter, "bytes=6-100", "bytes 6-11/12", "world\n");
	}

	@Test
	void anUnsatisfiableRangeGivesRangeNotSatisfiable() throws Exception {
		MockHttpServletResponse response = get(filter(), "/static/hello.txt", (r) -> r.addHeader("Range", "bytes=12-"));
		assertThat(response.getStatus()).isEqualTo(416);
		assertThat(response.getHeader("Content-Range")).isEqualTo("bytes */12");
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	@Test
	void anUnsatisfiableRangeCarriesNoFreshnessForASharedCacheToStore() throws Exception {
		// A cache keys on the URL, not on Range: a 416 with max-age would be stored (RFC 9111
		// section 3) and handed to every later client of the file, a cache-poisoning denial.
		MockHttpServletResponse response = get(filter(), "/static/hello.txt", (r) -> r.addHeader("Range", "bytes=100-"));
		assertThat(response.getStatus()).isEqualTo(416);
		assertThat(response.getHeader("Cache-Control")).isNull();
		assertThat(response.getHeader("Expires")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=-5", "bytes=0-", "bytes=0-0,-1" })
	void aRangeOfAnEmptyFileGivesTheWholeEmptyFile(String range) throws Exception {
		// RFC 9110 14.1.1: a suffix range is satisfiable even on an empty file, so 416 is wrong,
		// yet no 206 can express it (there is no byte to name): like Tomcat, an empty file
		// ignores Range, which RFC 9110 14.2 allows for every form.
		write(this.site.resolve("empty.txt"), "");
		MockHttpServletResponse response = get(filter(), "/static/empty.txt", (r) -> r.addHeader("Range", range));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentLengthLong()).isZero();
		assertThat(response.getHeader("Content-Range")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=a-b", "bytes 0-1", "items=0-1", "bytes=5-1", "bytes=", "bytes=--1",
			"bytes=0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0", "bytes=0-11,0-11" })
	void invalidTooManyOrOverlappingRangesAreIgnored(String range) throws Exception {
		MockHttpServletResponse response = get(filter(), "/static/hello.txt", (r) -> r.addHeader("Range", range));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("hello world\n");
	}

	@Test
	void sixteenRangesAreSentAndASeventeenthGetsTheWholeFile() throws Exception {
		// 16 or 17 one-byte ranges of a 17-byte file: none overlapping, all satisfiable.
		write(this.site.resolve("sixteen.txt"), "0123456789abcdefg");
		String sixteen = "bytes=" + String.join(",", java.util.stream.IntStream.range(0, 16).mapToObj((i) -> i + "-" + i).toList());
		assertThat(get(filter(), "/static/sixteen.txt", (r) -> r.addHeader("Range", sixteen)).getStatus()).isEqualTo(206);
		MockHttpServletResponse seventeen = get(filter(), "/static/sixteen.txt",
				(r) -> r.addHeader("Range", sixteen + ",16-16"));
		assertThat(seventeen.getStatus()).isEqualTo(200);
		assertThat(seventeen.getContentAsString()).isEqualTo("0123456789abcdefg");
	}

	@Test
	void severalRangesGiveMultipartByteranges() throws Exception {
		MockHttpServletResponse response = get(filter(), "/static/hello.txt", (r) -> r.addHeader("Range", "bytes=0-4,6-10"));
		assertThat(response.getStatus()).isEqualTo(206);
		String contentType = response.getContentType();
		assertThat(contentType).startsWith("multipart/byteranges; boundary=");
		String boundary = contentType.substring(contentType.indexOf('=') + 1);
		String body = response.getContentAsString();
		assertThat(body).isEqualTo("\r\n--" + boundary + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Range: bytes 0-4/12\r\n\r\nhello"
				+ "\r\n--" + boundary + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Range: bytes 6-10/12\r\n\r\nworld"
				+ "\r\n--" + boundary + "--\r\n");
		assertThat(response.getContentLengthLong()).isEqualTo(body.length());
	}

	@Test
	void ifRangeSendsTheRangeOnlyWhileTheValidatorMatches() throws Exception {
		SharedDataFilter filter = filter();
		String etag = get(filter, "/static/hello.txt").getHeader("ETag");
		assertThat(rangeWithIfRange(filter, etag).getStatus()).isEqualTo(206);
		assertThat(rangeWithIfRange(filter, "\"old\"").getStatus()).isEqualTo(200);
		assertThat(rangeWithIfRange(filter, "W/" + etag).getStatus()).isEqualTo(200);
		assertThat(rangeWithIfRange(filter, "Fri, 02 Jan 2026 03:04:05 GMT").getStatus()).isEqualTo(206);
		assertThat(rangeWithIfRange(filter, "Fri, 02 Jan 2026 03:04:06 GMT").getStatus()).isEqualTo(200);
		assertThat(rangeWithIfRange(filter, "garbage").getStatus()).isEqualTo(200);
	}

	// --- precompressed variants (issue 3, point 2) ---

	@Test
	void theBestAcceptedPrecompressedVariantIsServed() throws Exception {
		write(this.site.resolve("app.js.br"), "BROTLI");
		write(this.site.resolve("app.js.gz"), "GZIPPED");
		SharedDataFilter filter = filter();
		MockHttpServletResponse br = get(filter, "/static/app.js", (r) -> r.addHeader("Accept-Encoding", "gzip, deflate, br"));
		assertThat(br.getContentAsString()).isEqualTo("BROTLI");
		assertThat(br.getHeader("Content-Encoding")).isEqualTo("br");
		assertThat(br.getContentType()).isEqualTo("text/javascript;charset=UTF-8");
		assertThat(br.getHeader("Vary")).isEqualTo("Accept-Encoding");
		MockHttpServletResponse gzip = get(filter, "/static/app.js", (r) -> r.addHeader("Accept-Encoding", "br;q=0, gzip;q=0.5"));
		assertThat(gzip.getContentAsString()).isEqualTo("GZIPPED");
		assertThat(gzip.getHeader("Content-Encoding")).isEqualTo("gzip");
		assertThat(gzip.getHeader("ETag")).isNotEqualTo(br.getHeader("ETag"));
		MockHttpServletResponse identity = get(filter, "/static/app.js");
		assertThat(identity.getContentAsString()).isEqualTo("console.log(1)\n");
		assertThat(identity.getHeader("Content-Encoding")).isNull();
		assertThat(identity.getHeader("Vary")).isEqualTo("Accept-Encoding");
		MockHttpServletResponse wildcardRefused = get(filter, "/static/app.js", (r) -> r.addHeader("Accept-Encoding", "*;q=0"));
		assertThat(wildcardRefused.getHeader("Content-Encoding")).isNull();
		MockHttpServletResponse notModified = get(filter, "/static/app.js", (r) -> {
			r.addHeader("Accept-Encoding", "br");
			r.addHeader("If-None-Match", br.getHeader("ETag"));
		});
		assertThat(notModified.getStatus()).isEqualTo(304);
		assertThat(notModified.getHeader("Vary")).isEqualTo("Accept-Encoding");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			gzip;q=1.0, br;q=0.5       | gzip
			br;q=0.5, gzip;q=0.9       | gzip
			gzip, br                   | br
			br;q=0.5, gzip;q=0.5       | br
			br;q=0.2, identity;q=0.8   | identity
			identity;q=0.5, gzip;q=0.5 | gzip
			identity;q=0, br;q=0.1     | br
			*;q=0.3, gzip;q=0.1        | br
			*;q=0.3, br;q=0            | gzip
			gzip;q=0.001               | gzip
			gzip;Q=1                   | gzip
			br ; q=0.7 , gzip ; q=0.6  | br
			x-gzip;q=0.9, br;q=0.8     | gzip
			""")
	void theClientsWeightsChooseBetweenPrecompressedVariants(String acceptEncoding, String expected) throws Exception {
		write(this.site.resolve("app.js.br"), "BROTLI");
		write(this.site.resolve("app.js.gz"), "GZIPPED");
		MockHttpServletResponse response = get(filter(), "/static/app.js",
				(r) -> r.addHeader("Accept-Encoding", acceptEncoding));
		assertThat(response.getHeader("Content-Encoding")).isEqualTo(expected.equals("identity") ? null : expected);
		assertThat(response.getHeader("Vary")).isEqualTo("Accept-Encoding");
	}

	/**
	 * RFC 9110 12.4.2: a qvalue is 0 to 1 with at most three decimals, after {@code q=} with no
	 * whitespace around the {@code =}. Anything else is not a weight, and the coding it belongs
	 * to is not taken as accepted: {@code br;q =0} is a client refusing br, not accepting it.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "br;q=0x1p0", "br;q=1e0", "br;q=NaN", "br;q=1.5", "br;q=0.1234", "br;q=-1", "br;q=",
			"br;q=.5", "br;q=1.001", "br;q= 1", "br;q=Infinity", "br;q =0", "br;q =1", "br;Q\t=0", "br;q",
			"br; q = 0" })
	void aMalformedWeightDoesNotAcceptItsCoding(String acceptEncoding) throws Exception {
		write(this.site.resolve("app.js.br"), "BROTLI");
		MockHttpServletResponse response = get(filter(), "/static/app.js",
				(r) -> r.addHeader("Accept-Encoding", acceptEncoding));
		assertThat(response.getHeader("Content-Encoding")).isNull();
		assertThat(response.getContentAsString()).isEqualTo("console.log(1)\n");
	}

	@Test
	void headOfANegotiatedFileAnswersTheVariantsHeadersWithoutABody() throws Exception {
		write(this.site.resolve("app.js.br"), "BROTLI");
		SharedDataFilter filter = filter();
		MockHttpServletRequest head = request("HEAD", "/static/app.js");
		head.addHeader("Accept-Encoding", "br");
		MockHttpServletResponse response = serve(filter, head);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsByteArray()).isEmpty();
		assertThat(response.getHeader("Content-Encoding")).isEqualTo("br");
		assertThat(response.getContentLengthLong()).isEqualTo(6);
		assertThat(response.getHeader("Vary")).isEqualTo("Accept-Encoding");
	}

	@Test
	void anUnsatisfiableRangeOfAVariantNamesItsCoding() throws Exception {
		// Content-Range gives the length of the representation selected: the compressed one
		write(this.site.resolve("app.js.br"), "BROTLI");
		MockHttpServletResponse response = get(filter(), "/static/app.js", (r) -> {
			r.addHeader("Accept-Encoding", "br");
			r.addHeader("Range", "bytes=100-");
		});
		assertThat(response.getStatus()).isEqualTo(416);
		assertThat(response.getHeader("Content-Range")).isEqualTo("bytes */6");
		assertThat(response.getHeader("Content-Encoding")).isEqualTo("br");
		assertThat(response.getHeader("Vary")).isEqualTo("Accept-Encoding");
	}

	@Test
	void aVariantIsHiddenWheneverItsOriginalIs() throws Exception {
		write(this.site.resolve("config.secret.gz"), "GZIPPED SECRET");
		write(this.site.resolve(".env.br"), "BROTLI TOKEN");
		SharedDataFilter filter = filter();
		assertFallsThrough(filter, "/static/config.secret.gz");
		assertFallsThrough(filter, "/static/.env.br");
	}

	// --- index files (issue 3, point 5) ---

	@Test
	void indexFilesAreServedForTheSlashFormAndTheBareFormRedirects() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().indexFile("index.html").build());
		assertThat(get(filter, "/static/docs/").getContentAsString()).isEqualTo("<h1>docs</h1>");
		MockHttpServletRequest bare = request("GET", "/static/docs");
		bare.setQueryString("a=1");
		MockHttpServletResponse redirect = serve(filter, bare);
		assertThat(redirect.getStatus()).isEqualTo(302);
		assertThat(redirect.getHeader("Location")).isEqualTo("docs/?a=1");
		assertFallsThrough(filter, "/static/css/");
		assertFallsThrough(filter, "/static/css");
		assertFallsThrough(filter(), "/static/docs/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "q?a", "a;b", "50% off", "#tag" })
	void theRedirectToAFoldersSlashFormNamesItAsAUrlSegment(String folder) throws Exception {
		write(this.site.resolve(folder).resolve("index.html"), "inside");
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().indexFile("index.html").build());
		MockHttpServletResponse redirect = serve(filter, request("GET", "/static/" + folder));
		assertThat(redirect.getStatus()).isEqualTo(302);
		String location = redirect.getHeader("Location");
		assertThat(location).endsWith("/").doesNotContain("?", ";", " ", "#");
		assertThat(UriUtils.decode(location, StandardCharsets.UTF_8)).isEqualTo(folder + "/");
	}

	// --- single-page-application fallback (issue 3, point 7) ---

	@Test
	void theSpaFallbackAnswersTheApplicationsBodilessNotFoundForHtmlNavigations() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(
				List.of(Export.directory("/static", this.site).withSpaFallback("/docs/index.html")), options().build());
		MockHttpServletResponse viaSendError = navigate(filter, "/static/users/42", "text/html",
				(response) -> response.sendError(404));
		assertThat(viaSendError.getStatus()).isEqualTo(200);
		assertThat(viaSendError.getContentAsString()).isEqualTo("<h1>docs</h1>");
		MockHttpServletResponse viaSetStatus = navigate(filter, "/static/users", "text/html;q=0.9",
				(response) -> response.setStatus(404));
		assertThat(viaSetStatus.getContentAsString()).isEqualTo("<h1>docs</h1>");
	}

	@Test
	void theSpaFallbackLeavesEveryOtherAnswerAlone() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(
				List.of(Export.directory("/static", this.site).withSpaFallback("/docs/index.html")), options().build());
		MockHttpServletResponse ownNotFoundBody = navigate(filter, "/static/api/x", "text/html", (response) -> {
			response.setStatus(404);
			response.getWriter().write("{\"error\":\"none\"}");
		});
		assertThat(ownNotFoundBody.getStatus()).isEqualTo(404);
		assertThat(ownNotFoundBody.getContentAsString()).isEqualTo("{\"error\":\"none\"}");
		MockHttpServletResponse json = navigate(filter, "/static/api/x", "application/json",
				(response) -> response.sendError(404));
		assertThat(json.getStatus()).isEqualTo(404);
		MockHttpServletResponse wildcard = navigate(filter, "/static/api/x", "*/*", (response) -> response.sendError(404));
		assertThat(wildcard.getStatus()).isEqualTo(404);
		MockHttpServletResponse anyText = navigate(filter, "/static/api/x", "text/*, application/xhtml+xml",
				(response) -> response.sendError(404));
		assertThat(anyText.getStatus()).as("text/* is no navigation").isEqualTo(404);
		MockHttpServletResponse withExtension = navigate(filter, "/static/missing.js", "text/html",
				(response) -> response.sendError(404));
		assertThat(withExtension.getStatus()).isEqualTo(404);
		MockHttpServletResponse serverError = navigate(filter, "/static/users", "text/html",
				(response) -> response.sendError(500));
		assertThat(serverError.getStatus()).isEqualTo(500);
		MockHttpServletResponse outside = navigate(filter, "/other/users", "text/html", (response) -> response.sendError(404));
		assertThat(outside.getStatus()).isEqualTo(404);
		SharedDataFilter missingFallback = new SharedDataFilter(
				List.of(Export.directory("/static", this.site).withSpaFallback("/no-such.html")), options().build());
		assertThat(navigate(missingFallback, "/static/users", "text/html", (response) -> response.sendError(404))
			.getStatus()).isEqualTo(404);
	}

	@Test
	void whereTheSpaFallbackMayAnswerTheAnswerVariesOnAccept() throws Exception {
		// One URL, two answers chosen by Accept: the fallback (public, max-age 12h) for a
		// navigation, the application's 404 for an API client. Without Vary a shared cache
		// hands the stored one to the other kind of client (RFC 9110 12.5.5).
		SharedDataFilter filter = new SharedDataFilter(
				List.of(Export.directory("/static", this.site).withSpaFallback("/docs/index.html")), options().build());
		MockHttpServletResponse navigation = navigate(filter, "/static/users/42", "text/html",
				(response) -> response.sendError(404));
		assertThat(navigation.getStatus()).isEqualTo(200);
		assertThat(navigation.getHeaders("Vary")).containsExactly("Accept");
		MockHttpServletResponse api = navigate(filter, "/static/users/42", "application/json",
				(response) -> response.sendError(404));
		assertThat(api.getStatus()).isEqualTo(404);
		assertThat(api.getHeaders("Vary")).containsExactly("Accept");
		MockHttpServletResponse noFallback = navigate(filter(), "/static/users/42", "text/html",
				(response) -> response.sendError(404));
		assertThat(noFallback.getHeaders("Vary")).isEmpty();
	}

	@Test
	void theSpaFallbackAnswersHeadAsItAnswersGet() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(
				List.of(Export.directory("/static", this.site).withSpaFallback("/docs/index.html")), options().build());
		MockHttpServletResponse get = navigate(filter, "GET", "/static/users/42", "text/html",
				(response) -> response.sendError(404));
		MockHttpServletResponse head = navigate(filter, "HEAD", "/static/users/42", "text/html",
				(response) -> response.sendError(404));
		assertThat(head.getStatus()).isEqualTo(200);
		assertThat(head.getContentAsByteArray()).isEmpty();
		for (String name : get.getHeaderNames()) {
			assertThat(head.getHeader(name)).as(name).isEqualTo(get.getHeader(name));
		}
	}

	@Test
	void theSpaFallbackKeepsWhatTheOuterLayersSetAndDropsWhatTheApplicationSet() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(
				List.of(Export.directory("/static", this.site).withSpaFallback("/docs/index.html")), options().build());
		MockHttpServletRequest request = request("GET", "/static/users/42");
		request.addHeader("Accept", "text/html");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("X-Request-Id", "abc-123");
		response.addHeader("Vary", "Origin");
		response.addHeader("Vary", "Cookie");
		filter.doFilter(request, response, (req, res) -> {
			jakarta.servlet.http.HttpServletResponse app = (jakarta.servlet.http.HttpServletResponse) res;
			app.setHeader("X-App-Error", "not found");
			app.sendError(404);
		});
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("<h1>docs</h1>");
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc-123");
		assertThat(response.getHeaders("Vary")).containsExactly("Origin", "Cookie", "Accept");
		assertThat(response.getHeader("X-App-Error")).isNull();
		assertThat(response.getHeader("ETag")).isNotNull();
	}

	private static MockHttpServletResponse navigate(SharedDataFilter filter, String path, String accept,
			ApplicationAnswer answer) throws Exception {
		return navigate(filter, "GET", path, accept, answer);
	}

	private static MockHttpServletResponse navigate(SharedDataFilter filter, String method, String path, String accept,
			ApplicationAnswer answer) throws Exception {
		MockHttpServletRequest request = request(method, path);
		request.addHeader("Accept", accept);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, (req, res) -> answer.answer((jakarta.servlet.http.HttpServletResponse) res));
		return response;
	}

	@FunctionalInterface
	private interface ApplicationAnswer {

		void answer(jakarta.servlet.http.HttpServletResponse response) throws IOException;

	}

	// --- caching of metadata and bytes (issue 3, point 6) ---

	@Test
	void aChangeOnDiskIsNoticedOnlyOnceTheRefreshIntervalHasPassed() throws Exception {
		SharedDataFilter everyRequest = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().refreshInterval(Duration.ZERO).build());
		SharedDataFilter hourly = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().refreshInterval(Duration.ofHours(1)).build());
		assertThat(get(everyRequest, "/static/hello.txt").getContentAsString()).isEqualTo("hello world\n");
		assertThat(get(hourly, "/static/hello.txt").getContentAsString()).isEqualTo("hello world\n");
		write(this.site.resolve("hello.txt"), "changed\n");
		Files.setLastModifiedTime(this.site.resolve("hello.txt"), FileTime.from(NOW));
		assertThat(get(everyRequest, "/static/hello.txt").getContentAsString()).isEqualTo("changed\n");
		assertThat(get(hourly, "/static/hello.txt").getContentAsString()).isEqualTo("hello world\n");
		assertFallsThrough(hourly, "/static/new.txt");
		write(this.site.resolve("new.txt"), "new");
		assertThat(get(everyRequest, "/static/new.txt").getContentAsString()).isEqualTo("new");
		assertFallsThrough(hourly, "/static/new.txt");
	}

	@Test
	void smallFilesComeFromMemoryWithinTheBoundAndLargeOnesFromDisk() throws Exception {
		byte[] large = new byte[200_000];
		new Random(7).nextBytes(large);
		Files.write(this.site.resolve("large.bin"), large);
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().memoryCache(64 * 1024, 20).build());
		get(filter, "/static/hello.txt");
		assertThat(filter.getMemoryCacheSize()).isEqualTo(12);
		get(filter, "/static/css/site.css");
		assertThat(filter.getMemoryCacheSize()).as("bounded: 12 + 6 <= 20").isEqualTo(18);
		assertThat(get(filter, "/static/app.js").getContentAsString()).isEqualTo("console.log(1)\n");
		assertThat(filter.getMemoryCacheSize()).as("over the bound: streamed instead").isEqualTo(18);
		MockHttpServletResponse response = get(filter, "/static/large.bin");
		assertThat(response.getContentAsByteArray()).isEqualTo(large);
		assertThat(filter.getMemoryCacheSize()).isEqualTo(18);
		MockHttpServletResponse range = get(filter, "/static/large.bin", (r) -> r.addHeader("Range", "bytes=100000-100009"));
		assertThat(range.getContentAsByteArray()).isEqualTo(java.util.Arrays.copyOfRange(large, 100000, 100010));
	}

	@Test
	void aFileStreamedFromDiskThatChangedIsResolvedAgainBeforeItIsSent() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().memoryCache(0, 0).refreshInterval(Duration.ofHours(1)).build());
		String before = get(filter, "/static/hello.txt").getHeader("ETag");
		write(this.site.resolve("hello.txt"), "a longer version\n");
		MockHttpServletResponse response = get(filter, "/static/hello.txt");
		assertThat(response.getContentAsString()).isEqualTo("a longer version\n");
		assertThat(response.getContentLengthLong()).isEqualTo(17);
		assertThat(response.getHeader("ETag")).isNotEqualTo(before);
	}

	@Test
	void anAtomicReplacementWithTheSameSizeAndTimeIsNotSentUnderTheOldEtag() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().memoryCache(0, 0).refreshInterval(Duration.ofHours(1)).build());
		MockHttpServletResponse before = get(filter, "/static/hello.txt");
		assertThat(before.getContentAsString()).isEqualTo("hello world\n");
		// Same length, same modification time, new inode: only the file's identity tells them apart.
		Path replacement = this.root.resolve("replacement.txt");
		write(replacement, "HELLO WORLD\n");
		Files.move(replacement, this.site.resolve("hello.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		MockHttpServletResponse headAfter = serve(filter, request("HEAD", "/static/hello.txt"));
		assertThat(headAfter.getHeader("ETag")).isNotEqualTo(before.getHeader("ETag"));
		MockHttpServletResponse after = get(filter, "/static/hello.txt");
		assertThat(after.getContentAsString()).isEqualTo("HELLO WORLD\n");
		assertThat(after.getHeader("ETag")).isNotEqualTo(before.getHeader("ETag")).isEqualTo(headAfter.getHeader("ETag"));
	}

	@Test
	void aLargeFileGoesToTheContainersSendfileAsAPinnedLinkToTheVersionChecked() throws Exception {
		byte[] version1 = randomBytes(200_000, 1);
		Files.write(this.site.resolve("large.bin"), version1);
		Path tmp = Files.createDirectories(this.root.resolve("tmp"));
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().refreshInterval(Duration.ofHours(1)).build(), Clock.fixed(NOW, ZoneOffset.UTC),
				new PinnedLinks(tmp));
		Sendfile first = sendWholeFile(filter, "/static/large.bin", version1.length, tmp);
		MockHttpServletResponse response = first.response();
		Path link = first.link();
		// Replaced after the check, before the container opens the name: the link is still version 1.
		byte[] version2 = randomBytes(200_000, 2);
		Path replacement = this.root.resolve("replacement.bin");
		Files.write(replacement, version2);
		Files.move(replacement, this.site.resolve("large.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		assertThat(Files.readAllBytes(link)).isEqualTo(version1);
		// The next request notices the replacement and pins the new version under its own ETag.
		Sendfile second = sendWholeFile(filter, "/static/large.bin", version2.length, tmp);
		MockHttpServletResponse after = second.response();
		Path newLink = second.link();
		assertThat(newLink).isNotEqualTo(link);
		assertThat(Files.readAllBytes(newLink)).isEqualTo(version2);
		assertThat(after.getHeader("ETag")).isNotEqualTo(response.getHeader("ETag"));
		assertThat(link).as("kept for the grace period").exists();
		filter.destroy();
		assertThat(newLink).doesNotExist();
		assertThat(link).doesNotExist();
	}

	@Test
	void aFileInMemoryGoesToSendfileFrom48KiBAndIsCopiedFromMemoryBelow() throws Exception {
		byte[] cached = randomBytes(60_000, 4);
		Files.write(this.site.resolve("cached.bin"), cached);
		Files.write(this.site.resolve("small.bin"), randomBytes(40_000, 5));
		Path tmp = Files.createDirectories(this.root.resolve("tmp"));
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().refreshInterval(Duration.ofHours(1)).build(), Clock.fixed(NOW, ZoneOffset.UTC),
				new PinnedLinks(tmp));
		// Copied from memory where the container has no sendfile: the version is in memory ...
		MockHttpServletResponse copied = get(filter, "/static/cached.bin");
		assertThat(copied.getContentAsByteArray()).isEqualTo(cached);
		// ... and handed to sendfile, as a link to the same version, where it has.
		Path link = sendWholeFile(filter, "/static/cached.bin", cached.length, tmp).link();
		assertThat(Files.readAllBytes(link)).isEqualTo(cached);
		// A short range of it and a file under 48 KiB are copied from memory.
		MockHttpServletRequest narrow = sendfileRequest("/static/cached.bin");
		narrow.addHeader("Range", "bytes=10-19");
		assertThat(serve(filter, narrow).getContentAsByteArray()).isEqualTo(java.util.Arrays.copyOfRange(cached, 10, 20));
		assertThat(narrow.getAttribute("org.apache.tomcat.sendfile.filename")).isNull();
		MockHttpServletRequest small = sendfileRequest("/static/small.bin");
		assertThat(serve(filter, small).getContentAsByteArray()).hasSize(40_000);
		assertThat(small.getAttribute("org.apache.tomcat.sendfile.filename")).isNull();
		try (Stream<Path> links = Files.list(link.getParent())) {
			assertThat(links).as("no link for the small file")
				.noneMatch((linked) -> isSameFile(linked, this.site.resolve("small.bin")));
		}
		filter.destroy();
		assertThat(link).doesNotExist();
	}

	@Test
	void rangesOfAPinnedFileUseSendfileWhenLargeAndAreCopiedWhenSmall() throws Exception {
		byte[] large = randomBytes(200_000, 3);
		Files.write(this.site.resolve("large.bin"), large);
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().build(), Clock.fixed(NOW, ZoneOffset.UTC),
				new PinnedLinks(Files.createDirectories(this.root.resolve("tmp"))));
		MockHttpServletRequest wide = sendfileRequest("/static/large.bin");
		wide.addHeader("Range", "bytes=100000-");
		assertThat(serve(filter, wide).getStatus()).isEqualTo(206);
		assertThat(wide.getAttribute("org.apache.tomcat.sendfile.start")).isEqualTo(100_000L);
		assertThat(wide.getAttribute("org.apache.tomcat.sendfile.end")).isEqualTo(200_000L);
		MockHttpServletRequest narrow = sendfileRequest("/static/large.bin");
		narrow.addHeader("Range", "bytes=10-19");
		MockHttpServletResponse copied = serve(filter, narrow);
		assertThat(narrow.getAttribute("org.apache.tomcat.sendfile.filename")).isNull();
		assertThat(copied.getContentAsByteArray()).isEqualTo(java.util.Arrays.copyOfRange(large, 10, 20));
		MockHttpServletRequest several = sendfileRequest("/static/large.bin");
		several.addHeader("Range", "bytes=0-0,199999-199999");
		MockHttpServletResponse multipart = serve(filter, several);
		assertThat(several.getAttribute("org.apache.tomcat.sendfile.filename")).isNull();
		assertThat(multipart.getContentType()).startsWith("multipart/byteranges");
		filter.destroy();
	}

	@Test
	void aFileThatCannotBeReadWhenItIsResolvedFallsThroughAndHoldsNoMemory() throws Exception {
		write(this.site.resolve("gone.txt.gz"), "a variant read into memory first");
		StoredFile variant = storedFile(this.site.resolve("gone.txt.gz"));
		// Found a moment ago, unreadable now: removed, or its permissions changed.
		StoredFile original = new StoredFile("gone.txt", "gone.txt", 21, MODIFIED.toEpochMilli(), null,
				this.site.resolve("gone.txt"), null);
		FileSource source = new FileSource() {

			@Override
			public StoredFile find(String relativePath) {
				return switch (relativePath) {
					case "gone.txt" -> original;
					case "gone.txt.gz" -> variant;
					default -> null;
				};
			}

			@Override
			public String description() {
				return "a file that disappears";
			}

		};
		SharedDataFilter filter = new SharedDataFilter(List.of(new Export("/static", source)),
				options().precompressed(true).build());
		for (int i = 0; i < 3; i++) {
			assertFallsThrough(filter, "/static/gone.txt");
		}
		assertThat(filter.getMemoryCacheSize()).as("nothing stays reserved for files never served").isZero();
	}

	@Test
	void aClasspathResourceThatCanNoLongerBeOpenedFallsThroughAndHoldsNoMemory() throws Exception {
		// A jar closed under the resource (a restart) answers with a runtime exception, not an IOException.
		Resource closedJar = new ByteArrayResource(new byte[21]) {

			@Override
			public InputStream getInputStream() {
				throw new IllegalStateException("zip file closed");
			}

		};
		StoredFile file = new StoredFile("gone.txt", "gone.txt", 21, MODIFIED.toEpochMilli(), null, null, closedJar);
		FileSource source = new FileSource() {

			@Override
			public @Nullable StoredFile find(String relativePath) {
				return relativePath.equals("gone.txt") ? file : null;
			}

			@Override
			public String description() {
				return "a jar that was closed";
			}

		};
		SharedDataFilter filter = new SharedDataFilter(List.of(new Export("/static", source)), options().build());
		for (int i = 0; i < 3; i++) {
			assertFallsThrough(filter, "/static/gone.txt");
		}
		assertThat(filter.getMemoryCacheSize()).as("nothing stays reserved for files never served").isZero();
	}

	@Test
	void hostileMissesDoNotCostTheFilesTheirVersions() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.directory("/static", this.site)),
				options().refreshInterval(Duration.ofHours(1)).build());
		String etag = get(filter, "/static/hello.txt").getHeader("ETag");
		assertThat(filter.getMemoryCacheSize()).isEqualTo(12);
		for (int i = 0; i <= FileLookup.MAX_ENTRIES; i++) {
			assertFallsThrough(filter, "/static/missing-" + i + ".txt");
		}
		assertThat(filter.getMemoryCacheSize()).as("still held, not read again").isEqualTo(12);
		write(this.site.resolve("hello.txt"), "changed, which a fresh read would see");
		assertThat(get(filter, "/static/hello.txt").getHeader("ETag")).as("the version remembered").isEqualTo(etag);
	}

	@Test
	void concurrentFirstRequestsForAFileBuildItsVersionOnce() throws Exception {
		GatedFile file = new GatedFile(FirstLook.READABLE);
		SharedDataFilter filter = new SharedDataFilter(List.of(new Export("/static", file)), options().build());
		Request first = Request.start(() -> get(filter, "/static/gated.txt"));
		await(file.looking);
		List<Request> others = Stream.generate(() -> Request.start(() -> get(filter, "/static/gated.txt")))
			.limit(3)
			.toList();
		awaitWaiting(others);
		file.gate.countDown();
		assertThat(first.response().getContentAsString()).isEqualTo(GatedFile.CONTENT);
		for (Request other : others) {
			assertThat(other.response().getContentAsString()).isEqualTo(GatedFile.CONTENT);
		}
		assertThat(file.lookups).as("resolved once").hasValue(1);
		assertThat(file.reads).as("read and hashed once").hasValue(1);
		assertThat(filter.getMemoryCacheSize()).isEqualTo(GatedFile.CONTENT.length());
	}

	@ParameterizedTest
	@EnumSource(names = { "UNREADABLE", "THROWING" })
	void aFailedResolutionReleasesItsWaitersAndTheNextRequestTriesAgain(FirstLook firstLook) throws Exception {
		GatedFile file = new GatedFile(firstLook);
		SharedDataFilter filter = new SharedDataFilter(List.of(new Export("/static", file)),
				options().refreshInterval(Duration.ZERO).build());
		Request first = Request.start(() -> fallsThrough(filter, "/static/gated.txt"));
		await(file.looking);
		List<Request> others = Stream.generate(() -> Request.start(() -> fallsThrough(filter, "/static/gated.txt")))
			.limit(3)
			.toList();
		awaitWaiting(others);
		file.gate.countDown();
		if (firstLook == FirstLook.THROWING) {
			assertThat(first.failure()).isInstanceOf(IllegalStateException.class);
		}
		else {
			assertThat(first.response()).isNotNull();
		}
		for (Request other : others) {
			assertThat(other.response()).as("fell through").isNotNull();
		}
		assertThat(file.lookups).hasValue(1);
		assertThat(filter.getMemoryCacheSize()).as("nothing stays reserved").isZero();
		assertThat(get(filter, "/static/gated.txt").getContentAsString()).isEqualTo(GatedFile.CONTENT);
		assertThat(file.lookups).hasValue(2);
	}

	@Test
	void anInterruptedWaiterFallsThroughAndKeepsItsInterrupt() throws Exception {
		GatedFile file = new GatedFile(FirstLook.READABLE);
		SharedDataFilter filter = new SharedDataFilter(List.of(new Export("/static", file)), options().build());
		Request first = Request.start(() -> get(filter, "/static/gated.txt"));
		await(file.looking);
		Request waiter = Request.start(() -> {
			MockHttpServletResponse response = fallsThrough(filter, "/static/gated.txt");
			assertThat(Thread.currentThread().isInterrupted()).as("interrupt kept").isTrue();
			return response;
		});
		awaitWaiting(List.of(waiter));
		waiter.thread().interrupt();
		assertThat(waiter.response()).as("fell through without waiting for the file").isNotNull();
		file.gate.countDown();
		assertThat(first.response().getContentAsString()).isEqualTo(GatedFile.CONTENT);
		assertThat(file.lookups).hasValue(1);
	}

	@Test
	void aVersionFoundReplacedByManyRequestsIsForgottenOnce() throws Exception {
		SharedDataOptions options = options().refreshInterval(Duration.ofHours(1)).build();
		FileLookup lookup = new FileLookup(List.of(Export.directory("/static", this.site)), options,
				new FileVersions(options, new MemoryBudget(options.memoryCacheMaxSize()),
						new PinnedLinks(Files.createDirectories(this.root.resolve("tmp"))), Clock.systemUTC()));
		FileVersion replaced = lookup.find("/static/hello.txt").file();
		write(this.site.resolve("hello.txt"), "replaced while it was being served");
		// Two requests that served the first version both find it replaced on disk.
		lookup.forget("/static/hello.txt", replaced);
		FileVersion current = lookup.find("/static/hello.txt").file();
		assertThat(current).isNotSameAs(replaced);
		lookup.forget("/static/hello.txt", replaced);
		assertThat(lookup.find("/static/hello.txt").file()).as("not built again").isSameAs(current);
	}

	// --- classpath exports (point 9) ---

	@Test
	void classpathFoldersAndFilesAreServed() throws Exception {
		SharedDataFilter filter = new SharedDataFilter(List.of(Export.classpath("/cp", "/site-test/", null),
				Export.classpath("/hello", "site-test/hello.txt", null)), options().build());
		assertThat(get(filter, "/cp/hello.txt").getContentAsString()).isEqualTo("from the classpath\n");
		assertThat(get(filter, "/cp/css/a.css").getContentType()).isEqualTo("text/css;charset=UTF-8");
		assertThat(get(filter, "/hello").getContentAsString()).isEqualTo("from the classpath\n");
		assertFallsThrough(filter, "/cp/css");
		assertFallsThrough(filter, "/cp/../site-test/hello.txt");
		assertFallsThrough(filter, "/cp/missing.txt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "./", "/./", "site-test/../", "/site-test/..", "site-test//", "site-test\\..\\" })
	void aClasspathLocationThatCleansToTheRootIsRefused(String location) {
		assertThatIllegalArgumentException().isThrownBy(() -> Export.classpath("/cp", location, null))
			.withMessageContaining(location);
	}

	@Test
	void classpathDataInsideAJarIsServedAndItsDirectoriesAreNot() throws Exception {
		Path jar = this.root.resolve("data.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("pkg/"));
			out.putNextEntry(new JarEntry("pkg/dir/"));
			out.putNextEntry(new JarEntry("pkg/dir/file.txt"));
			out.write("in a jar".getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			SharedDataFilter filter = new SharedDataFilter(List.of(Export.classpath("/pkg", "pkg/", loader)),
					options().build());
			assertThat(get(filter, "/pkg/dir/file.txt").getContentAsString()).isEqualTo("in a jar");
			assertFallsThrough(filter, "/pkg/dir");
		}
	}

	@Test
	void aLargeClasspathFileThatDisappearsBeforeItIsSentFallsThrough() throws Exception {
		try (URLClassLoader loader = largeClasspathFile()) {
			SharedDataFilter filter = largeClasspathFileFilter(loader);
			assertThat(get(filter, "/cp/large.txt").getContentAsString()).isEqualTo("too large to be kept in memory");
			// Several ranges read the resource once per part: the first from the stream opened up front.
			String parts = get(filter, "/cp/large.txt", (r) -> r.addHeader("Range", "bytes=0-2,4-8")).getContentAsString();
			assertThat(parts).contains("bytes 0-2/30\r\n\r\ntoo\r\n").contains("bytes 4-8/30\r\n\r\nlarge\r\n");
			// Removed (an exploded classpath during development) while its answer is remembered.
			Files.delete(this.root.resolve("classes/pkg/large.txt"));
			assertFallsThrough(filter, "/cp/large.txt");
		}
	}

	// --- helpers ---

	private SharedDataOptions.Builder options() {
		return SharedDataOptions.builder()
			.accessPolicy(new DisallowRulesPolicy(List.of("*.secret", "private/*"), false))
			.immutablePattern(Pattern.compile(SharedDataOptions.DEFAULT_IMMUTABLE_PATTERN));
	}

	/** A class loader whose one resource, pkg/large.txt, is too large for the memory cache below. */
	private URLClassLoader largeClasspathFile() throws IOException {
		Path classes = Files.createDirectories(this.root.resolve("classes/pkg"));
		write(classes.resolve("large.txt"), "too large to be kept in memory");
		return new URLClassLoader(new URL[] { this.root.resolve("classes").toUri().toURL() }, null);
	}

	/** Serves pkg/ of the loader under /cp, reading each file from its resource every time. */
	private SharedDataFilter largeClasspathFileFilter(ClassLoader loader) {
		return new SharedDataFilter(List.of(Export.classpath("/cp", "pkg/", loader)),
				options().refreshInterval(Duration.ofHours(1)).memoryCache(4, 1024).build());
	}

	private SharedDataFilter filter() {
		return new SharedDataFilter(List.of(Export.directory("/static", this.site)), options().build(),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private void assertRange(SharedDataFilter filter, String range, String contentRange, String body) throws Exception {
		MockHttpServletResponse response = get(filter, "/static/hello.txt", (r) -> r.addHeader("Range", range));
		assertThat(response.getStatus()).as(range).isEqualTo(206);
		assertThat(response.getHeader("Content-Range")).isEqualTo(contentRange);
		assertThat(response.getContentAsString()).isEqualTo(body);
		assertThat(response.getContentLengthLong()).isEqualTo(body.length());
	}

	private MockHttpServletResponse rangeWithIfRange(SharedDataFilter filter, String ifRange) throws Exception {
		return get(filter, "/static/hello.txt", (r) -> {
			r.addHeader("Range", "bytes=0-4");
			r.addHeader("If-Range", ifRange);
		});
	}

	private static void assertFallsThrough(SharedDataFilter filter, String path) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request("GET", path), response, chain);
		assertThat(chain.getRequest()).as("%s falls through", path).isNotNull();
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	private static MockHttpServletResponse get(SharedDataFilter filter, String path) throws Exception {
		return serve(filter, request("GET", path));
	}

	private static MockHttpServletResponse get(SharedDataFilter filter, String path,
			Consumer<MockHttpServletRequest> customizer) throws Exception {
		MockHttpServletRequest request = request("GET", path);
		customizer.accept(request);
		return serve(filter, request);
	}

	private static MockHttpServletResponse serve(SharedDataFilter filter, MockHttpServletRequest request)
			throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).as("served by the filter, not passed on").isNull();
		return response;
	}

	/**
	 * Asks for a whole file where the container has sendfile, and checks that the filter set the
	 * headers and handed the body to the container.
	 * @return the response, and the link the container is to send
	 */
	private static Sendfile sendWholeFile(SharedDataFilter filter, String path, long length, Path linkFolder)
			throws Exception {
		MockHttpServletRequest request = sendfileRequest(path);
		MockHttpServletResponse response = serve(filter, request);
		assertThat(response.getContentAsByteArray()).as("the container sends the body").isEmpty();
		assertThat(response.getContentLengthLong()).isEqualTo(length);
		assertThat(request.getAttribute("org.apache.tomcat.sendfile.start")).isEqualTo(0L);
		assertThat(request.getAttribute("org.apache.tomcat.sendfile.end")).isEqualTo(length);
		Path link = Path.of((String) request.getAttribute("org.apache.tomcat.sendfile.filename"));
		assertThat(link).startsWith(linkFolder);
		return new Sendfile(response, link);
	}

	/** A request as the container hands it to filters: the decoded path is the servlet path. */
	private static MockHttpServletRequest sendfileRequest(String path) {
		MockHttpServletRequest request = request("GET", path);
		request.setAttribute("org.apache.tomcat.sendfile.support", Boolean.TRUE);
		return request;
	}

	private static StoredFile storedFile(Path file) throws IOException {
		return new StoredFile(file.getFileName().toString(), file.getFileName().toString(), Files.size(file),
				Files.getLastModifiedTime(file).toMillis(), null, file, null);
	}

	private static boolean isSameFile(Path first, Path second) {
		try {
			return Files.isSameFile(first, second);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static byte[] randomBytes(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setServletPath(path);
		return request;
	}

	private static void write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(content.getBytes(StandardCharsets.UTF_8));
		}
		Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
	}

	/** Serves a request that is to fall through, and returns its (empty) response. */
	private static MockHttpServletResponse fallsThrough(SharedDataFilter filter, String path) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request("GET", path), response, chain);
		assertThat(chain.getRequest()).as("%s falls through", path).isNotNull();
		return response;
	}

	private static void await(CountDownLatch latch) throws InterruptedException {
		assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released in time").isTrue();
	}

	/**
	 * Waits until every request's thread is parked: on the gate of its own look at the file
	 * when each request resolves the path itself, on the first request's answer when it waits.
	 */
	private static void awaitWaiting(List<Request> requests) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		for (Request request : requests) {
			while (request.thread().getState() != Thread.State.WAITING
					&& request.thread().getState() != Thread.State.TIMED_WAITING) {
				assertThat(request.thread().getState()).as("parked in time").isNotEqualTo(Thread.State.TERMINATED);
				assertThat(System.nanoTime() - deadline).as("parked in time").isNegative();
				Thread.onSpinWait();
			}
		}
	}

	/** A request served on a thread of its own. */
	private record Request(Thread thread, FutureTask<MockHttpServletResponse> task) {

		static Request start(Callable<MockHttpServletResponse> call) {
			FutureTask<MockHttpServletResponse> task = new FutureTask<>(call);
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			thread.start();
			return new Request(thread, task);
		}

		MockHttpServletResponse response() throws Exception {
			try {
				return this.task.get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
		}

		Throwable failure() throws Exception {
			try {
				this.task.get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				return ex.getCause();
			}
			throw new AssertionError("the request did not fail");
		}

	}

	/**
	 * One file, {@code gated.txt}, whose every look waits for the gate to open, counting looks
	 * and reads of its content. The first look finds what {@link FirstLook} says.
	 */
	private static final class GatedFile implements FileSource {

		static final String CONTENT = "read once\n";

		final CountDownLatch gate = new CountDownLatch(1);

		final CountDownLatch looking = new CountDownLatch(1);

		final AtomicInteger lookups = new AtomicInteger();

		final AtomicInteger reads = new AtomicInteger();

		private final FirstLook firstLook;

		GatedFile(FirstLook firstLook) {
			this.firstLook = firstLook;
		}

		@Override
		public @Nullable StoredFile find(String relativePath) {
			if (!relativePath.equals("gated.txt")) {
				return null;
			}
			boolean first = this.lookups.incrementAndGet() == 1;
			this.looking.countDown();
			try {
				if (!this.gate.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("gate not opened in time");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (first && this.firstLook == FirstLook.THROWING) {
				throw new IllegalStateException("a look that failed");
			}
			boolean readable = !first || this.firstLook == FirstLook.READABLE;
			byte[] content = CONTENT.getBytes(StandardCharsets.UTF_8);
			Resource resource = new ByteArrayResource(content) {

				@Override
				public InputStream getInputStream() throws IOException {
					if (!readable) {
						throw new IOException("gone");
					}
					GatedFile.this.reads.incrementAndGet();
					return super.getInputStream();
				}

			};
			return new StoredFile("gated.txt", "gated.txt", content.length, MODIFIED.toEpochMilli(), null, null,
					resource);
		}

		@Override
		public String description() {
			return "a gated file";
		}

	}

	/** What the first look at a {@link GatedFile} finds. */
	private enum FirstLook {

		READABLE, UNREADABLE, THROWING

	}

	/** A response whose body the filter handed to the container, and the link it named. */
	private record Sendfile(MockHttpServletResponse response, Path link) {
	}

}
