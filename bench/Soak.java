import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak client run by {@code bench/soak.sh}: load, aborted downloads, atomic file churn and a
 * replay of the hostile corpus against a running sample app. JDK only, one file, run with
 * {@code java bench/Soak.java <check> --key=value ...}. Each check prints ONE line, its figures
 * and PASS or FAIL, and exits 0 (PASS) or 1 (FAIL).
 *
 * <p>The load workers are plain sockets, one keep-alive connection each, so that the number of
 * connections is exact, a connection can come from another loopback address (127.0.0.2, which the
 * sample's allow-list does not admit), and every status is counted. {@code java.net.http.HttpClient}
 * is used for the set-up requests.
 *
 * <p>Options (all {@code --key=value}): {@code port}, {@code pid} (the app's process id),
 * {@code seconds}, {@code warmup}, {@code connections}, {@code proxy} (proxy mount path),
 * {@code denied} (allow-listed path), {@code denied-from} (a non-allowed local address),
 * {@code export} (the temporary export folder, served at {@code /soak}), {@code aborts},
 * {@code churns}, {@code churn-interval-ms}, {@code corpus} (hostile-paths.txt).
 */
public final class Soak {

	private static final String LARGE = "large.bin";

	private static final int LARGE_LENGTH = 8 * 1024 * 1024;

	private static final String CHURN = "churn.txt";

	private final Map<String, String> options;

	private final int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private Soak(Map<String, String> options) {
		this.options = options;
		this.port = Integer.parseInt(option("port", null));
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: java bench/Soak.java prepare|load|aborts|churn|hostile --port=N --pid=N ...");
			System.exit(2);
		}
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String[] pair = args[i].replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		if (args[0].equals("prepare")) {
			prepare(Path.of(options.get("export")));
			return;
		}
		Soak soak = new Soak(options);
		boolean pass = switch (args[0]) {
			case "load" -> soak.load();
			case "aborts" -> soak.aborts();
			case "churn" -> soak.churn();
			case "hostile" -> soak.hostile();
			default -> throw new IllegalArgumentException("unknown check " + args[0]);
		};
		System.exit(pass ? 0 : 1);
	}

	private String option(String name, String fallback) {
		String value = this.options.getOrDefault(name, fallback);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + "= is required");
		}
		return value;
	}

	private int intOption(String name, int fallback) {
		return Integer.parseInt(option(name, String.valueOf(fallback)));
	}

	// ---------------------------------------------------------------------------------------
	// prepare: the temporary export (an 8 MiB file and the first version of the churn file).
	// ---------------------------------------------------------------------------------------

	private static void prepare(Path export) throws IOException {
		Files.createDirectories(export);
		byte[] large = new byte[LARGE_LENGTH];
		new java.util.Random(42).nextBytes(large);
		Files.write(export.resolve(LARGE), large);
		Files.write(export.resolve(CHURN), churnVersion(0));
	}

	// ---------------------------------------------------------------------------------------
	// load: mixed traffic, exact status accounting, heap after a full GC before and after.
	// ---------------------------------------------------------------------------------------

	private boolean load() throws Exception {
		int seconds = intOption("seconds", 60);
		int warmup = intOption("warmup", 15);
		int connections = intOption("connections", 256);
		Traffic traffic = traffic();
		long pid = Long.parseLong(option("pid", null));
		Idle idle = Idle.of(pid);
		long warmStart = System.nanoTime();
		Stats warm = runLoad(traffic, connections, warmup, 20);
		long warmSeconds = Math.round((System.nanoTime() - warmStart) / 1e9);
		// Both heap figures are taken in the same state: the load over and the app idle again.
		double[] heapStart = idle.heapOnceDrained();
		Stats stats = runLoad(traffic, connections, seconds);
		double[] heapEnd = idle.heapOnceDrained();
		double growth = (heapEnd[0] - heapStart[0]) / heapStart[0] * 100;
		Stats all = warm.plus(stats);
		boolean pass = all.socketErrors.sum() == 0 && all.unexpected.sum() == 0 && growth <= 10;
		System.out.printf(Locale.ROOT,
				"load: %d requests in %d s at %d connections (+%d s warm-up: %d), %d socket errors, %s unexpected statuses, "
						+ "heap after GC %.1f MiB vs %.1f MiB at start (%+.1f%%; idle again after %.0f s and %.0f s) [%s]%s %s%n",
				stats.requests.sum(), seconds, connections, warmSeconds, warm.requests.sum(), all.socketErrors.sum(),
				all.unexpected.sum() + all.unexpectedDetail(), heapEnd[0], heapStart[0], growth, heapStart[1], heapEnd[1], all.perKind(),
				traffic.notes(), verdict(pass));
		all.printSamples();
		return pass;
	}

	/** The request kinds of the mixed traffic, each with the status it must get. */
	private Traffic traffic() throws Exception {
		List<Kind> allowed = new ArrayList<>();
		List<Kind> denied = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		byte[] css = fetch("/static/css/site.css").body();
		byte[] js = fetch("/static/js/site.js").body();
		String cssEtag = fetch("/static/css/site.css").headers().firstValue("ETag").orElseThrow();
		Kind smallCss = new Kind("small", "/static/css/site.css", 200, css);
		Kind smallJs = new Kind("small", "/static/js/site.js", 200, js);
		Kind classpath = new Kind("small", "/packaged/about.txt", 200, fetch("/packaged/about.txt").body());
		Kind notModified = new Kind("304", "/static/css/site.css", 304, new byte[0], "If-None-Match: " + cssEtag);
		Kind hello = new Kind("controller", "/hello", 200, fetch("/hello").body());
		Kind large = new Kind("large", "/soak/" + LARGE, 200, null);
		large.expectedLength = LARGE_LENGTH;
		check(fetch(large.path).statusCode() == 200, "/soak/large.bin must answer 200: is the soak export configured?");
		String proxyPath = option("proxy", "/upstream/");
		Kind proxy = null;
		int proxyStatus = fetch(proxyPath).statusCode();
		if (proxyStatus == 200) {
			proxy = new Kind("proxy", proxyPath, 200, null);
		}
		else {
			notes.add("proxy " + proxyPath + " skipped (answered " + proxyStatus + ")");
		}
		String deniedPath = option("denied", "/admin");
		String deniedFrom = option("denied-from", "127.0.0.2");
		int fromAllowed = rawStatus(null, deniedPath);
		int fromOther = rawStatus(deniedFrom, deniedPath);
		Kind deniedKind = null;
		if (fromAllowed == 200 && fromOther == 403) {
			deniedKind = new Kind("denied", deniedPath, 403, null);
			allowed.add(new Kind("admin-allowed", deniedPath, 200, null));
		}
		else {
			notes.add("denied " + deniedPath + " skipped (127.0.0.1 got " + fromAllowed + ", " + deniedFrom + " got " + fromOther + ")");
		}
		// Per 64 requests: 1 large, the rest spread over the small kinds.
		List<Kind> common = new ArrayList<>();
		for (int i = 0; i < 63; i++) {
			common.add(switch (i % 9) {
				case 0, 1 -> smallCss;
				case 2 -> smallJs;
				case 3 -> classpath;
				case 4, 5 -> notModified;
				case 6 -> hello;
				case 7 -> (proxy != null) ? proxy : hello;
				default -> smallCss;
			});
		}
		common.add(large);
		allowed.addAll(common);
		denied.addAll(common);
		if (deniedKind != null) {
			for (int i = 0; i < 8; i++) {
				denied.add(deniedKind);
			}
		}
		return new Traffic(allowed, denied, (deniedKind != null) ? deniedFrom : null, notes);
	}

	/**
	 * Runs the traffic for the given time. One connection in 8 comes from the non-allowed
	 * address when the allow-list is there.
	 */
	private Stats runLoad(Traffic traffic, int connections, int seconds) throws Exception {
		return runLoad(traffic, connections, seconds, 0);
	}

	/**
	 * Runs the traffic for the given time, and beyond it (at most 120 s more) until every
	 * connection has made {@code minimumPerConnection} requests: a warm-up must have had all
	 * connections in flight at once, or Tomcat's processor and channel caches, which keep their
	 * size after the load, would grow only during the measured run.
	 */
	private Stats runLoad(Traffic traffic, int connections, int seconds, int minimumPerConnection) throws Exception {
		Stats stats = new Stats();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		long hardEnd = end + TimeUnit.SECONDS.toNanos(120);
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			boolean fromDenied = traffic.deniedFrom != null && i % 8 == 7;
			List<Kind> kinds = fromDenied ? traffic.denied : traffic.allowed;
			String local = fromDenied ? traffic.deniedFrom : null;
			int offset = i;
			workers.add(pool.submit(() -> work(kinds, offset, local, end, hardEnd, minimumPerConnection, stats)));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return stats;
	}

	private void work(List<Kind> kinds, int offset, String local, long end, long hardEnd, int minimum, Stats stats) {
		Connection connection = null;
		int next = offset;
		int made = 0;
		while (System.nanoTime() < end || (made < minimum && System.nanoTime() < hardEnd)) {
			made++;
			Kind kind = kinds.get(next++ % kinds.size());
			try {
				if (connection == null) {
					connection = new Connection(local, this.port);
				}
				Response response = connection.exchange(kind.path, kind.headers);
				stats.record(kind, response);
				if (response.close) {
					connection.close();
					connection = null;
				}
			}
			catch (IOException ex) {
				stats.socketError(kind, ex);
				if (connection != null) {
					connection.close();
				}
				connection = null;
			}
		}
		if (connection != null) {
			connection.close();
		}
	}

	// ---------------------------------------------------------------------------------------
	// aborts: downloads of the large file cut off mid-body; open descriptors must come back.
	// ---------------------------------------------------------------------------------------

	private boolean aborts() throws Exception {
		int count = intOption("aborts", 1000);
		long pid = Long.parseLong(option("pid", null));
		int before = settledDescriptors(pid);
		AtomicInteger peak = new AtomicInteger(before);
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (sampling.get()) {
				peak.accumulateAndGet(descriptors(pid), Math::max);
				pause(50);
			}
		});
		sampler.start();
		AtomicInteger ok = new AtomicInteger();
		AtomicInteger resets = new AtomicInteger();
		LongAdder errors = new LongAdder();
		Map<String, Integer> unexpected = new ConcurrentHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Future<?>> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			boolean reset = i % 2 == 0;
			tasks.add(pool.submit(() -> {
				try (Socket socket = new Socket()) {
					socket.setSoTimeout(30_000);
					socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 10_000);
					send(socket.getOutputStream(), "/soak/" + LARGE, new String[0], false);
					BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
					Head head = Head.read(in);
					if (head.status != 200) {
						unexpected.merge(String.valueOf(head.status), 1, Integer::sum);
					}
					// A few KB of the body, then away: half with a RST (SO_LINGER 0), half with a FIN.
					in.readNBytes(1024 + ThreadLocalRandom.current().nextInt(63 * 1024));
					if (reset) {
						socket.setSoLinger(true, 0);
						resets.incrementAndGet();
					}
					ok.incrementAndGet();
				}
				catch (IOException ex) {
					errors.increment();
				}
			}));
		}
		for (Future<?> task : tasks) {
			task.get();
		}
		pool.shutdown();
		// The server notices the closed sockets asynchronously: poll with a deadline.
		long start = System.nanoTime();
		long deadline = start + TimeUnit.SECONDS.toNanos(intOption("fd-wait", 30));
		int after = descriptors(pid);
		while (after > before && System.nanoTime() < deadline) {
			pause(200);
			after = descriptors(pid);
		}
		double waited = (System.nanoTime() - start) / 1e9;
		sampling.set(false);
		sampler.join();
		boolean pass = after <= before && errors.sum() == 0 && unexpected.isEmpty() && ok.get() == count;
		System.out.printf(Locale.ROOT,
				"aborts: %d downloads of 8 MiB cut after 1-64 KiB (%d RST, %d FIN), %d socket errors, %d unexpected statuses %s, "
						+ "open fds %d at start, %d peak, %d after %.1f s %s%n",
				ok.get(), resets.get(), ok.get() - resets.get(), errors.sum(), unexpected.values().stream().mapToInt(Integer::intValue).sum(),
				unexpected, before, peak.get(), after, waited, verdict(pass));
		return pass;
	}

	/** The descriptor count once it stops moving (connections of an earlier check closing). */
	private static int settledDescriptors(long pid) {
		int previous = descriptors(pid);
		for (int i = 0; i < 20; i++) {
			pause(500);
			int now = descriptors(pid);
			if (now == previous) {
				return now;
			}
			previous = now;
		}
		return previous;
	}

	private static int descriptors(long pid) {
		String[] names = new java.io.File("/proc/" + pid + "/fd").list();
		if (names == null) {
			throw new IllegalStateException("cannot read /proc/" + pid + "/fd: is the app running as this user?");
		}
		return names.length;
	}

	// ---------------------------------------------------------------------------------------
	// churn: the churn file replaced atomically under load; every 200 must be one whole version.
	// ---------------------------------------------------------------------------------------

	private boolean churn() throws Exception {
		int churns = intOption("churns", 100);
		int interval = intOption("churn-interval-ms", 100);
		int readers = intOption("readers", 32);
		Path export = Path.of(option("export", null));
		Path target = export.resolve(CHURN);
		Map<Integer, String> etags = new HashMap<>();
		for (int v = 0; v <= churns; v++) {
			etags.put(v, contentEtag(churnVersion(v)));
		}
		Files.write(target, churnVersion(0));
		AtomicBoolean running = new AtomicBoolean(true);
		LongAdder responses = new LongAdder();
		LongAdder torn = new LongAdder();
		LongAdder tornFromDisk = new LongAdder();
		LongAdder truncated = new LongAdder();
		LongAdder badLength = new LongAdder();
		LongAdder badEtag = new LongAdder();
		LongAdder badStatus = new LongAdder();
		LongAdder errors = new LongAdder();
		Set<Integer> seen = ConcurrentHashMap.newKeySet();
		List<String> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(readers);
		for (int r = 0; r < readers; r++) {
			pool.submit(() -> {
				Connection connection = null;
				while (running.get()) {
					try {
						if (connection == null) {
							connection = new Connection(null, this.port);
						}
						Response response = connection.exchange("/soak/" + CHURN, new String[0]);
						responses.increment();
						if (response.status != 200) {
							badStatus.increment();
							sample(samples, "status", "status " + response.status);
						}
						else {
							int version = versionOf(response.body);
							if (version < 0 || !Arrays.equals(response.body, churnVersion(version))) {
								torn.increment();
								if (response.contentLength > 64 * 1024) {
									// Headers of a version above the memory cache's 64 KB: sent from disk.
									tornFromDisk.increment();
								}
								sample(samples, "torn", "body of " + response.body.length + " bytes starting with version " + version
										+ " (" + churnVersion(Math.max(version, 0)).length + " bytes), sent with ETag "
										+ response.etag + " of version " + versionOfEtag(etags, response.etag));
							}
							else {
								seen.add(version);
								if (response.contentLength != churnVersion(version).length) {
									badLength.increment();
									sample(samples, "length", "version " + version + " with Content-Length " + response.contentLength);
								}
								if (!etags.get(version).equals(response.etag)) {
									badEtag.increment();
									sample(samples, "etag", "version " + version + " with ETag " + response.etag + ", expected "
											+ etags.get(version));
								}
							}
						}
						if (response.close) {
							connection.close();
							connection = null;
						}
					}
					catch (TruncatedBodyException ex) {
						// The server promised more bytes than it sent, then closed: a broken answer, not a network fault.
						truncated.increment();
						sample(samples, "truncated", ex.getMessage());
						connection.close();
						connection = null;
					}
					catch (IOException ex) {
						errors.increment();
						sample(samples, "error", ex.toString());
						if (connection != null) {
							connection.close();
						}
						connection = null;
					}
				}
				if (connection != null) {
					connection.close();
				}
			});
		}
		// The mixed traffic of the load check runs meanwhile, on the remaining connections.
		int loadConnections = Math.max(0, intOption("connections", 256) - readers);
		int loadSeconds = Math.max(5, (int) Math.ceil(churns * interval / 1000.0) + 2);
		Traffic traffic = traffic();
		ExecutorService loader = Executors.newSingleThreadExecutor();
		Future<Stats> load = loader.submit(() -> runLoad(traffic, loadConnections, loadSeconds));
		pause(1000);
		Path temp = export.resolve(".churn.tmp");
		for (int v = 1; v <= churns; v++) {
			Files.write(temp, churnVersion(v));
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			pause(interval);
		}
		pause(1000);
		running.set(false);
		pool.shutdown();
		pool.awaitTermination(60, TimeUnit.SECONDS);
		Stats stats = load.get();
		loader.shutdown();
		long bad = torn.sum() + truncated.sum() + badLength.sum() + badEtag.sum() + badStatus.sum() + errors.sum();
		boolean pass = bad == 0 && stats.socketErrors.sum() == 0 && stats.unexpected.sum() == 0 && responses.sum() > 0;
		System.out.printf(Locale.ROOT,
				"churn: %d atomic replacements (%d-%d bytes), %d responses of churn.txt, %d versions seen, %d torn bodies (%d with the headers of a version over 64 KB), "
						+ "%d truncated bodies, %d length mismatches, %d ETag mismatches, %d other statuses, %d socket errors; "
						+ "meanwhile %d mixed requests, %d socket errors, %s unexpected statuses %s%n",
				churns, minChurnLength(churns), maxChurnLength(churns), responses.sum() + truncated.sum(), seen.size(), torn.sum(),
				tornFromDisk.sum(), truncated.sum(), badLength.sum(), badEtag.sum(), badStatus.sum(), errors.sum(), stats.requests.sum(),
				stats.socketErrors.sum(), stats.unexpected.sum() + stats.unexpectedDetail(), verdict(pass));
		samples.forEach((s) -> System.out.println("  churn sample: " + s));
		stats.printSamples();
		return pass;
	}

	/**
	 * Version {@code v} of the churn file: lengths from 1 KB to about 200 KB, so versions are
	 * served both from the memory cache (up to 64 KB) and from disk by sendfile; every line
	 * names the version, so a body stitched from two versions is caught.
	 */
	static byte[] churnVersion(int version) {
		int length = 1000 + (int) ((version * 7919L) % 200_000);
		String line = String.format(Locale.ROOT, "churn version %05d\n", version);
		StringBuilder text = new StringBuilder(length + line.length());
		while (text.length() < length) {
			text.append(line);
		}
		return text.substring(0, length).getBytes(StandardCharsets.US_ASCII);
	}

	private static String versionOfEtag(Map<Integer, String> etags, String etag) {
		return etags.entrySet().stream().filter((e) -> e.getValue().equals(etag)).map((e) -> e.getKey() + " ("
				+ churnVersion(e.getKey()).length + " bytes)").findFirst().orElse("none");
	}

	private static int versionOf(byte[] body) {
		String start = new String(body, 0, Math.min(body.length, 20), StandardCharsets.US_ASCII);
		if (body.length < 20 || !start.startsWith("churn version ")) {
			return -1;
		}
		try {
			return Integer.parseInt(start.substring(14, 19));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static int minChurnLength(int churns) {
		int min = Integer.MAX_VALUE;
		for (int v = 0; v <= churns; v++) {
			min = Math.min(min, churnVersion(v).length);
		}
		return min;
	}

	private static int maxChurnLength(int churns) {
		int max = 0;
		for (int v = 0; v <= churns; v++) {
			max = Math.max(max, churnVersion(v).length);
		}
		return max;
	}

	/** The server's content ETag (FileVersions#contentEtag): the first 18 bytes of SHA-256, base64url. */
	static String contentEtag(byte[] content) throws Exception {
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
		return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 18)) + "\"";
	}

	// ---------------------------------------------------------------------------------------
	// hostile: the JUnit corpus replayed once against the packaged app.
	// ---------------------------------------------------------------------------------------

	private boolean hostile() throws Exception {
		List<String> targets = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of(option("corpus", null)), StandardCharsets.UTF_8)) {
			if (!line.isEmpty() && !line.equals("#") && !line.startsWith("# ")) {
				targets.add(line.translateEscapes());
			}
		}
		targets.add("/static/" + "a/".repeat(2500) + "config.secret");
		targets.add("/static/" + "x".repeat(64 * 1024));
		int serverErrors = 0;
		int hangs = 0;
		int leaks = 0;
		int other = 0;
		List<String> samples = new ArrayList<>();
		for (String target : targets) {
			try (Socket socket = new Socket()) {
				socket.setSoTimeout(15_000);
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 10_000);
				send(socket.getOutputStream(), target, new String[0], true);
				byte[] raw = socket.getInputStream().readAllBytes();
				String text = new String(raw, StandardCharsets.ISO_8859_1);
				int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
				if (status >= 500 || status < 0) {
					serverErrors++;
					samples.add(status + " for " + printable(target));
				}
				if (text.contains("do not serve me") || text.contains("private\n") || text.contains("hidden\n")
						|| text.contains("<artifactId>") || text.contains("root:x:0:0:") || text.contains("shareddata:")) {
					leaks++;
					samples.add("protected content for " + printable(target));
				}
			}
			catch (SocketTimeoutException ex) {
				hangs++;
				samples.add("no answer within 15 s for " + printable(target));
			}
			catch (IOException ex) {
				other++;
				samples.add(ex + " for " + printable(target));
			}
		}
		boolean pass = serverErrors == 0 && hangs == 0 && leaks == 0 && other == 0;
		System.out.printf(Locale.ROOT, "hostile: %d raw targets replayed, %d 5xx, %d hangs, %d protected bodies, %d socket errors %s%n",
				targets.size(), serverErrors, hangs, leaks, other, verdict(pass));
		samples.stream().limit(10).forEach((s) -> System.out.println("  hostile sample: " + s));
		return pass;
	}

	private static String printable(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			out.append((c < 0x20 || c >= 0x7f) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
		}
		return (out.length() <= 100) ? out.toString() : out.substring(0, 80) + "... (" + text.length() + " chars)";
	}

	// ---------------------------------------------------------------------------------------
	// Heap, set-up requests, helpers.
	// ---------------------------------------------------------------------------------------

	/**
	 * The app's idle state before any load: its thread and descriptor counts. Under load Tomcat
	 * grows to 200 threads, the proxy mount's HTTP client pools up to 200 upstream connections
	 * and the demo upstream as many threads, and all of them hold heap; they are released only
	 * after their idle timeouts (30 to 60 s). Heap is compared once they are gone, so that the
	 * figures measure what the app keeps, not how far its pools had shrunk at that moment.
	 */
	record Idle(long pid, int threads, int descriptors) {

		static Idle of(long pid) throws IOException {
			return new Idle(pid, threads(pid), Soak.descriptors(pid));
		}

		/**
		 * Waits (at most 150 s) for the pools to drain, then takes the smallest of three heap
		 * readings.
		 * @return the heap in MiB and the seconds waited
		 */
		double[] heapOnceDrained() throws Exception {
			long start = System.nanoTime();
			long deadline = start + TimeUnit.SECONDS.toNanos(150);
			while (System.nanoTime() < deadline
					&& (threads(this.pid) > this.threads + 2 || Soak.descriptors(this.pid) > this.descriptors)) {
				pause(2000);
			}
			double waited = (System.nanoTime() - start) / 1e9;
			double smallest = Double.MAX_VALUE;
			for (int i = 0; i < 3; i++) {
				smallest = Math.min(smallest, heapAfterFullGc(this.pid));
				pause(1000);
			}
			return new double[] { smallest, waited };
		}

		private static int threads(long pid) throws IOException {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("Threads:")) {
					return Integer.parseInt(line.substring(8).trim());
				}
			}
			throw new IllegalStateException("no thread count in /proc/" + pid + "/status");
		}

	}

	/**
	 * Live heap in MiB after a full GC: the "Total" bytes of {@code jcmd <pid> GC.class_histogram},
	 * which runs a full collection and then counts what survived. (The "used" figures of
	 * {@code GC.run} followed by {@code GC.heap_info} also count whatever the app allocated
	 * between the two attaches: several MiB of young generation on a busy machine.)
	 */
	private static double heapAfterFullGc(long pid) throws Exception {
		String histogram = jcmd(pid, "GC.class_histogram");
		java.util.regex.Matcher total = java.util.regex.Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
		check(total.find(), "no Total line in jcmd GC.class_histogram");
		return Long.parseLong(total.group(1)) / (1024.0 * 1024.0);
	}

	private static String jcmd(long pid, String command) throws Exception {
		Process process = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		check(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "jcmd " + command + " failed:\n" + output);
		return output;
	}

	private HttpResponse<byte[]> fetch(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** HttpClient cannot choose its local address (JDK 17), so the allow-list probe is a raw request. */
	private int rawStatus(String local, String path) throws IOException {
		try (Connection connection = new Connection(local, this.port)) {
			return connection.exchange(path, new String[0]).status;
		}
	}

	private static void send(OutputStream out, String target, String[] headers, boolean close) throws IOException {
		StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		if (close) {
			request.append("Connection: close\r\n");
		}
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String verdict(boolean pass) {
		return pass ? "PASS" : "FAIL";
	}

	/** Keeps up to three samples of each kind of problem. */
	private static void sample(List<String> samples, String kind, String text) {
		synchronized (samples) {
			if (samples.stream().filter((s) -> s.startsWith(kind + ": ")).count() < 3) {
				samples.add(kind + ": " + text);
			}
		}
	}

	/** A request kind: a path, its headers, the status it must get and, if known, its body. */
	static final class Kind {

		final String name;

		final String path;

		final int status;

		final byte[] body;

		final String[] headers;

		long expectedLength = -1;

		Kind(String name, String path, int status, byte[] body, String... headers) {
			this.name = name;
			this.path = path;
			this.status = status;
			this.body = body;
			this.headers = headers;
		}

	}

	record Traffic(List<Kind> allowed, List<Kind> denied, String deniedFrom, List<String> notesList) {

		String notes() {
			return this.notesList.isEmpty() ? "" : " (" + String.join("; ", this.notesList) + ")";
		}

	}

	/** Counters per request kind; unexpected answers keep a few samples for the log. */
	static final class Stats {

		final LongAdder requests = new LongAdder();

		final LongAdder socketErrors = new LongAdder();

		final LongAdder unexpected = new LongAdder();

		final Map<String, LongAdder> unexpectedByKind = new ConcurrentHashMap<>();

		final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

		final List<String> samples = new java.util.concurrent.CopyOnWriteArrayList<>();

		void record(Kind kind, Response response) {
			this.requests.increment();
			this.byKind.computeIfAbsent(kind.name, (k) -> new LongAdder()).increment();
			String problem = null;
			if (response.status != kind.status) {
				problem = "status " + response.status;
			}
			else if (kind.body != null && !Arrays.equals(kind.body, response.body)) {
				problem = "different body (" + response.length + " bytes)";
			}
			else if (kind.expectedLength >= 0 && response.length != kind.expectedLength) {
				problem = "body of " + response.length + " bytes";
			}
			if (problem != null) {
				this.unexpected.increment();
				this.unexpectedByKind.computeIfAbsent(kind.name + " " + problem.replaceAll("\\(.*", "").trim(),
						(k) -> new LongAdder()).increment();
				if (this.samples.size() < 10) {
					this.samples.add(kind.name + " " + kind.path + ": expected " + kind.status + ", got " + problem);
				}
			}
		}

		void socketError(Kind kind, IOException ex) {
			this.socketErrors.increment();
			if (this.samples.size() < 10) {
				this.samples.add(kind.name + " " + kind.path + ": " + ex);
			}
		}

		Stats plus(Stats other) {
			Stats sum = new Stats();
			for (Stats stats : List.of(this, other)) {
				sum.requests.add(stats.requests.sum());
				sum.socketErrors.add(stats.socketErrors.sum());
				sum.unexpected.add(stats.unexpected.sum());
				stats.byKind.forEach((k, v) -> sum.byKind.computeIfAbsent(k, (x) -> new LongAdder()).add(v.sum()));
				stats.unexpectedByKind.forEach((k, v) -> sum.unexpectedByKind.computeIfAbsent(k, (x) -> new LongAdder()).add(v.sum()));
				sum.samples.addAll(stats.samples);
			}
			return sum;
		}

		/** The unexpected answers by request kind and problem, e.g. " (proxy status 504: 17)". */
		String unexpectedDetail() {
			if (this.unexpectedByKind.isEmpty()) {
				return "";
			}
			return " (" + new java.util.TreeMap<>(this.unexpectedByKind).entrySet().stream()
				.map((e) -> e.getKey() + ": " + e.getValue().sum())
				.collect(java.util.stream.Collectors.joining(", ")) + ")";
		}

		String perKind() {
			Map<String, Long> sorted = new java.util.TreeMap<>();
			this.byKind.forEach((k, v) -> sorted.put(k, v.sum()));
			return sorted.entrySet().stream().map((e) -> e.getKey() + " " + e.getValue())
				.collect(java.util.stream.Collectors.joining(", "));
		}

		void printSamples() {
			this.samples.stream().limit(10).forEach((s) -> System.out.println("  load sample: " + s));
		}

	}

	/** A response as the load client saw it; large bodies are counted, not kept. */
	static final class Response {

		int status;

		long length;

		long contentLength = -1;

		String etag;

		boolean close;

		byte[] body;

	}

	/** Status line and headers. */
	static final class Head {

		int status;

		long contentLength = -1;

		boolean chunked;

		boolean close;

		String etag;

		static Head read(InputStream in) throws IOException {
			Head head = new Head();
			String statusLine = line(in);
			if (statusLine == null) {
				throw new IOException("connection closed before a response");
			}
			if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
				throw new IOException("not an HTTP/1.1 status line: " + statusLine);
			}
			head.status = Integer.parseInt(statusLine.substring(9, 12));
			String header;
			while ((header = line(in)) != null && !header.isEmpty()) {
				int colon = header.indexOf(':');
				if (colon < 0) {
					continue;
				}
				String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				switch (name) {
					case "content-length" -> head.contentLength = Long.parseLong(value);
					case "transfer-encoding" -> head.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
					case "connection" -> head.close = value.toLowerCase(Locale.ROOT).contains("close");
					case "etag" -> head.etag = value;
					default -> {
					}
				}
			}
			if (header == null) {
				throw new IOException("connection closed inside the response head");
			}
			return head;
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					int end = line.length();
					return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
				}
				line.append((char) b);
			}
			return (line.length() == 0) ? null : line.toString();
		}

	}

	/** The connection closed before the Content-Length the server announced. */
	static final class TruncatedBodyException extends IOException {

		TruncatedBodyException(String message) {
			super(message);
		}

	}

	/** One keep-alive HTTP/1.1 connection over a plain socket, optionally from a chosen local address. */
	static final class Connection implements AutoCloseable {

		/** Bodies up to this size are kept for comparison; larger ones are only counted. */
		private static final int KEEP_LIMIT = 1024 * 1024;

		private final Socket socket;

		private final BufferedInputStream in;

		private final OutputStream out;

		private final byte[] discard = new byte[64 * 1024];

		Connection(String local, int port) throws IOException {
			this.socket = new Socket();
			try {
				if (local != null) {
					// Literals only: getByName on an IP literal never touches DNS.
					this.socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
				}
				this.socket.setSoTimeout(30_000);
				this.socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
				this.in = new BufferedInputStream(this.socket.getInputStream(), 64 * 1024);
				this.out = this.socket.getOutputStream();
			}
			catch (IOException ex) {
				this.socket.close();
				throw ex;
			}
		}

		Response exchange(String path, String[] headers) throws IOException {
			send(this.out, path, headers, false);
			Head head = Head.read(this.in);
			Response response = new Response();
			response.status = head.status;
			response.contentLength = head.contentLength;
			response.etag = head.etag;
			response.close = head.close;
			java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
			if (head.status == 304 || head.status == 204 || head.status / 100 == 1) {
				response.body = new byte[0];
				return response;
			}
			if (head.chunked) {
				long total = 0;
				while (true) {
					String size = Head.line(this.in);
					if (size == null) {
						throw new IOException("connection closed inside a chunked body");
					}
					int chunk = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
					if (chunk == 0) {
						while (!"".equals(Head.line(this.in))) {
							// trailers
						}
						break;
					}
					total += copy(chunk, kept, total);
					Head.line(this.in);
				}
				response.length = total;
			}
			else if (head.contentLength >= 0) {
				response.length = copy(head.contentLength, kept, 0);
			}
			else {
				response.close = true;
				long total = 0;
				int read;
				while ((read = this.in.read(this.discard)) != -1) {
					if (total + read <= KEEP_LIMIT) {
						kept.write(this.discard, 0, read);
					}
					total += read;
				}
				response.length = total;
			}
			response.body = (response.length <= KEEP_LIMIT) ? kept.toByteArray() : null;
			return response;
		}

		private long copy(long length, java.io.ByteArrayOutputStream kept, long already) throws IOException {
			long remaining = length;
			while (remaining > 0) {
				int read = this.in.read(this.discard, 0, (int) Math.min(this.discard.length, remaining));
				if (read < 0) {
					throw new TruncatedBodyException(
							"connection closed after " + (length - remaining) + " of " + length + " body bytes");
				}
				if (already + length <= KEEP_LIMIT) {
					kept.write(this.discard, 0, read);
				}
				remaining -= read;
			}
			return length;
		}

		@Override
		public void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Nothing to do: the connection is gone either way.
			}
		}

	}

}
