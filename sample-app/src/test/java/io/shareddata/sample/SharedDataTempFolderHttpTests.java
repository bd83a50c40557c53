package io.shareddata.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared data over real HTTP from a folder made by the test: symbolic links, large files
 * (sent by Tomcat's sendfile from a private link), ranges, precompressed variants, and changes
 * on disk, atomic replacements under concurrent downloads included.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SharedDataTempFolderHttpTests {

	private static final Path ROOT;

	private static final Path EXPORT;

	private static final byte[] LARGE = new byte[8 * 1024 * 1024];

	static {
		try {
			ROOT = Files.createTempDirectory("shared-data-http");
			EXPORT = Files.createDirectories(ROOT.resolve("export"));
			Files.writeString(ROOT.resolve("outside.txt"), "outside the export");
			Files.createSymbolicLink(EXPORT.resolve("escape.txt"), ROOT.resolve("outside.txt"));
			Files.createSymbolicLink(EXPORT.resolve("up"), ROOT);
			new Random(42).nextBytes(LARGE);
			Files.write(EXPORT.resolve("large.bin"), LARGE);
			Files.write(EXPORT.resolve("cached.bin"), Arrays.copyOf(LARGE, 60_000));
			Files.writeString(EXPORT.resolve("app.js"), "console.log('identity')");
			Files.writeString(EXPORT.resolve("app.js.br"), "brotli bytes");
			Files.writeString(EXPORT.resolve("app.js.gz"), "gzip bytes");
			Files.writeString(EXPORT.resolve("changing.txt"), "version 1");
		}
		catch (IOException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@DynamicPropertySource
	static void exportTheTemporaryFolder(DynamicPropertyRegistry registry) {
		registry.add("shareddata.files.exports[0].path", () -> "/tmp-export");
		registry.add("shareddata.files.exports[0].location", () -> "file:" + EXPORT);
		registry.add("shareddata.files.refresh-interval", () -> "0s");
	}

	@AfterAll
	static void deleteTheFolder() throws IOException {
		FileSystemUtils.deleteRecursively(ROOT);
	}

	@LocalServerPort
	int port;

	private LocalHttp http;

	@BeforeEach
	void connect() {
		this.http = new LocalHttp("127.0.0.1", this.port);
	}

	@Test
	void symbolicLinksLeavingTheExportAreNotFollowed() throws Exception {
		assertThat(this.http.get("/tmp-export/escape.txt").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/tmp-export/up/outside.txt").statusCode()).isEqualTo(404);
	}

	@Test
	void aLargeDownloadArrivesByteForByte() throws Exception {
		HttpResponse<byte[]> response = this.http.send(this.http.request("/tmp-export/large.bin").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(LARGE.length));
		assertThat(MessageDigest.getInstance("SHA-256").digest(response.body()))
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(LARGE));
	}

	@Test
	void aLargeDownloadIsHandedToSendfileAsAPrivateLinkToTheVersionChecked() throws Exception {
		HttpResponse<Void> response = this.http.send(
				this.http.request("/tmp-export/large.bin").build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(pinnedFileKeys()).as("a hard link to the exported file, which Tomcat's sendfile opened")
			.contains(fileKey(EXPORT.resolve("large.bin")));
	}

	@Test
	void aFileHeldInMemoryFrom48KiBIsAlsoHandedToSendfile() throws Exception {
		HttpResponse<byte[]> response = this.http.send(this.http.request("/tmp-export/cached.bin").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(Arrays.copyOf(LARGE, 60_000));
		assertThat(pinnedFileKeys()).as("a hard link to the exported file, which Tomcat's sendfile opened")
			.contains(fileKey(EXPORT.resolve("cached.bin")));
	}

	@Test
	void largeDownloadsDuringAtomicReplacementsAreEachOneWholeVersion() throws Exception {
		int replacements = 40;
		Path churn = EXPORT.resolve("churn.bin");
		Files.write(churn, version(0));
		AtomicBoolean replacing = new AtomicBoolean(true);
		ExecutorService readers = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				results.add(readers.submit(() -> downloadWhile(replacing)));
			}
			for (int i = 1; i <= replacements; i++) {
				Path next = Files.write(ROOT.resolve("churn.next"), version(i));
				Files.move(next, churn, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			replacing.set(false);
			List<String> problems = new ArrayList<>();
			int complete = 0;
			for (Future<List<String>> result : results) {
				for (String outcome : result.get(60, TimeUnit.SECONDS)) {
					if (outcome.equals("ok")) {
						complete++;
					}
					else if (!outcome.equals("503")) {
						problems.add(outcome);
					}
				}
			}
			assertThat(problems).isEmpty();
			assertThat(complete).isGreaterThanOrEqualTo(4);
		}
		finally {
			readers.shutdownNow();
		}
	}

	/** Version n: 100,000 + 1,000 n bytes, every one of them n. */
	private static byte[] version(int n) {
		byte[] bytes = new byte[100_000 + 1_000 * n];
		Arrays.fill(bytes, (byte) n);
		return bytes;
	}

	/**
	 * Downloads until the replacing stops (and at least once after), checking that each body is
	 * one whole version under its own Content-Length and ETag.
	 */
	private List<String> downloadWhile(AtomicBoolean replacing) throws Exception {
		List<String> outcomes = new ArrayList<>();
		boolean last;
		do {
			last = !replacing.get();
			HttpResponse<byte[]> response = this.http.send(this.http.request("/tmp-export/churn.bin").build(),
					HttpResponse.BodyHandlers.ofByteArray());
			outcomes.add(checkVersion(response));
		}
		while (!last);
		return outcomes;
	}

	private static String checkVersion(HttpResponse<byte[]> response) throws Exception {
		if (response.statusCode() == 503) {
			return "503";
		}
		byte[] body = response.body();
		if (response.statusCode() != 200 || body.length < 100_000) {
			return "status " + response.statusCode() + ", " + body.length + " bytes";
		}
		int n = body[0];
		byte[] expected = version(n);
		String etag = "\"" + Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), 18)) + "\"";
		if (!Arrays.equals(body, expected)) {
			return "torn body starting with version " + n + ", " + body.length + " bytes";
		}
		if (!response.headers().firstValue("Content-Length").equals(Optional.of(String.valueOf(body.length)))
				|| !response.headers().firstValue("ETag").equals(Optional.of(etag))) {
			return "version " + n + " under the headers of another: " + response.headers().map();
		}
		return "ok";
	}

	/** The identities (inodes) of every file in the shared-data link folders. */
	private static List<Object> pinnedFileKeys() throws IOException {
		try (Stream<Path> folders = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return folders.filter((folder) -> folder.getFileName().toString().startsWith("shareddata-links-"))
				.flatMap(SharedDataTempFolderHttpTests::list)
				.map(SharedDataTempFolderHttpTests::fileKey)
				.toList();
		}
	}

	private static Stream<Path> list(Path folder) {
		try {
			return Files.list(folder).toList().stream();
		}
		catch (IOException ex) {
			return Stream.empty();
		}
	}

	private static Object fileKey(Path path) {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
		}
		catch (IOException ex) {
			return "gone";
		}
	}

	@Test
	void rangesOfALargeFileArriveExactly() throws Exception {
		HttpResponse<byte[]> response = this.http.send(
				this.http.request("/tmp-export/large.bin").header("Range", "bytes=1000000-1999999").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000000-1999999/" + LARGE.length);
		assertThat(response.body()).isEqualTo(Arrays.copyOfRange(LARGE, 1000000, 2000000));
		HttpResponse<byte[]> last = this.http.send(
				this.http.request("/tmp-export/large.bin").header("Range", "bytes=-1").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(last.body()).containsExactly(LARGE[LARGE.length - 1]);
		HttpResponse<byte[]> pastTheEnd = this.http.send(
				this.http.request("/tmp-export/large.bin").header("Range", "bytes=" + LARGE.length + "-").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pastTheEnd.statusCode()).isEqualTo(416);
		assertThat(pastTheEnd.headers().firstValue("Content-Range")).hasValue("bytes */" + LARGE.length);
	}

	@Test
	void precompressedVariantsAreNegotiated() throws Exception {
		HttpResponse<String> br = this.http.get("/tmp-export/app.js", "Accept-Encoding", "gzip, br");
		assertThat(br.body()).isEqualTo("brotli bytes");
		assertThat(br.headers().firstValue("Content-Encoding")).hasValue("br");
		assertThat(br.headers().firstValue("Vary")).hasValue("Accept-Encoding");
		HttpResponse<String> gzip = this.http.get("/tmp-export/app.js", "Accept-Encoding", "gzip, br;q=0");
		assertThat(gzip.body()).isEqualTo("gzip bytes");
		HttpResponse<String> gzipRankedHigher = this.http.get("/tmp-export/app.js", "Accept-Encoding",
				"gzip;q=1.0, br;q=0.5");
		assertThat(gzipRankedHigher.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gzipRankedHigher.body()).isEqualTo("gzip bytes");
		HttpResponse<String> identityRankedHigher = this.http.get("/tmp-export/app.js", "Accept-Encoding",
				"br;q=0.2, identity;q=0.8");
		assertThat(identityRankedHigher.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(identityRankedHigher.body()).isEqualTo("console.log('identity')");
		HttpResponse<String> identity = this.http.get("/tmp-export/app.js");
		assertThat(identity.body()).isEqualTo("console.log('identity')");
		assertThat(identity.headers().firstValue("Vary")).hasValue("Accept-Encoding");
	}

	@Test
	void aChangeOnDiskIsServedWithARefreshIntervalOfZero() throws Exception {
		HttpResponse<String> before = this.http.get("/tmp-export/changing.txt");
		assertThat(before.body()).isEqualTo("version 1");
		Path replacement = ROOT.resolve("changing.tmp");
		Files.writeString(replacement, "version two");
		Files.move(replacement, EXPORT.resolve("changing.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		HttpResponse<String> after = this.http.get("/tmp-export/changing.txt");
		assertThat(after.body()).isEqualTo("version two");
		assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
	}

}
