package io.shareddata.dispatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.util.UriUtils;

/**
 * Mounts another HTTP server: a reverse proxy on the JDK {@link HttpClient}.
 * <p>
 * The method, the path below the mount (appended to the base path, segment by segment
 * percent-encoded), the query string, the headers and the body are forwarded; status,
 * headers and body come back. Bodies stream both ways: the request body is read while it is
 * sent, and each chunk of the response body is written and flushed as soon as it arrives,
 * so Server-Sent Events reach the client as the upstream produces them. A body with neither
 * Content-Length nor Transfer-Encoding, as HTTP/2 allows, goes chunked. A form body that a
 * filter ahead has already read into parameters is rebuilt from them
 * ({@link ParsedFormBody}).
 * <p>
 * Hop-by-hop headers (and every header named in {@code Connection}) are dropped in both
 * directions. {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Prefix} are
 * set; incoming {@code X-Forwarded-*} values are kept (and extended) only when the
 * {@link ClientAddressResolver} says the peer is a trusted proxy, otherwise replaced, and the
 * other headers that name the client ({@code X-Real-IP}, {@code True-Client-IP}, ...) pass only
 * from a trusted proxy. These rules hold for their spellings with underscores too
 * ({@code X_Real_IP}), which a CGI, WSGI or Rack upstream reads as the same header.
 * {@code Forwarded} (RFC 7239) is never passed on, so the upstream cannot read a chain that
 * disagrees with {@code X-Forwarded-For}, nor is {@code Proxy} (httpoxy). {@code Location} and {@code Set-Cookie} paths are
 * rewritten to the mount.
 * <p>
 * The read timeout is a time without progress, as in nginx: between two pieces of the
 * request body handed to the upstream, then until the response headers, then between two
 * pieces of the response body. An upstream that cannot be reached answers 502; an exchange
 * that runs out of read timeout before the response headers answers 504 and is cancelled.
 * Status and headers are passed on together with the first piece of the body, so an
 * upstream that fails before it still gets a clean 502 or 504; after it, the client's
 * response is aborted. A client that goes away cancels the upstream exchange.
 * <p>
 * Response headers larger than the limit given answer 502, as nginx does beyond its
 * {@code proxy_buffer_size}: the servlet container holds the response headers in a buffer of
 * its own (Tomcat's {@code maxHttpResponseHeaderSize}, Jetty's {@code responseHeaderSize})
 * and refuses those that do not fit only when the response commits, with a 500 of its own.
 */
public final class ProxyMountTarget implements MountTarget {

	private static final Log logger = LogFactory.getLog(ProxyMountTarget.class);

	/** Headers the JDK client sets itself and refuses to take from us. */
	private static final Set<String> CLIENT_MANAGED = Set.of("host", "content-length", "expect", "connection",
			"upgrade");

	/**
	 * httpoxy (CVE-2016-5385 and its siblings): a CGI, WSGI or Rack upstream reads a
	 * {@code Proxy} request header as {@code HTTP_PROXY}, which its own HTTP clients take as
	 * the proxy for their outgoing calls. No standard header has that name.
	 */
	private static final String PROXY_HEADER = "proxy";

	/**
	 * The limit on the upstream's response headers unless one is given: 2 KiB below the 8 KiB
	 * that embedded Tomcat takes by default, which leaves room for the status line and the
	 * headers the container and the filters around the mount add (a request id, security
	 * headers).
	 */
	public static final long DEFAULT_MAX_RESPONSE_HEADER_SIZE = 6 * 1024;

	/** The ASCII characters besides letters and digits that {@link URI} takes in a query as they are. */
	private static final String QUERY_PUNCTUATION = "-._~!$&'()*+,;=:@/?[]";

	private final String mountPath;

	private final URI base;

	private final String origin;

	private final String basePath;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final long maxResponseHeaderSize;

	private final ProxyTransport transport;

	private final ClientAddressResolver clientAddressResolver;

	private final UpstreamRewriter rewriter;

	/**
	 * Creates a target that passes on response headers of up to
	 * {@link #DEFAULT_MAX_RESPONSE_HEADER_SIZE}.
	 * @param mountPath the mount path, for log lines
	 * @param base the upstream base URL: http or https, with a host, no query or fragment
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout the longest time without progress: between two pieces of the
	 * request body, then for the response headers, then for each piece of the response body
	 * @param transport the shared clients and timer
	 * @param clientAddressResolver decides whether forwarding headers may be kept
	 */
	public ProxyMountTarget(String mountPath, URI base, Duration connectTimeout, Duration readTimeout,
			ProxyTransport transport, ClientAddressResolver clientAddressResolver) {
		this(mountPath, base, connectTimeout, readTimeout, DEFAULT_MAX_RESPONSE_HEADER_SIZE, transport,
				clientAddressResolver);
	}

	/**
	 * Creates a target.
	 * @param mountPath the mount path, for log lines
	 * @param base the upstream base URL: http or https, with a host, no query or fragment
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout the longest time without progress: between two pieces of the
	 * request body, then for the response headers, then for each piece of the response body
	 * @param maxResponseHeaderSize the most bytes of response header lines passed on (name,
	 * {@code ": "}, value and CRLF of each, after hop-by-hop headers are dropped and
	 * {@code Location} and {@code Set-Cookie} rewritten); more answer 502. Keep it below the
	 * container's limit on response headers by what the container and the filters around the
	 * mount add.
	 * @param transport the shared clients and timer
	 * @param clientAddressResolver decides whether forwarding headers may be kept
	 */
	public ProxyMountTarget(String mountPath, URI base, Duration connectTimeout, Duration readTimeout,
			long maxResponseHeaderSize, ProxyTransport transport, ClientAddressResolver clientAddressResolver) {
		Assert.isTrue(maxResponseHeaderSize > 0, "Max response header size must be positive");
		Assert.isTrue("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()),
				"Upstream URL must be http or https");
		Assert.notNull(base.getHost(), "Upstream URL must have a host");
		this.mountPath = mountPath;
		this.base = base;
		this.origin = base.getScheme() + "://" + base.getRawAuthority();
		this.basePath = UpstreamRewriter.basePath(base);
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.maxResponseHeaderSize = maxResponseHeaderSize;
		this.transport = transport;
		this.clientAddressResolver = clientAddressResolver;
		this.rewriter = new UpstreamRewriter(base);
	}

	@Override
	public void serve(MountedRequest request, HttpServletResponse response) throws IOException {
		HttpServletRequest original = request.getRequest();
		String rest = request.getPathWithinMount();
		if (!MountPaths.isSafe(original, rest)) {
			answer(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request");
			return;
		}
		URI uri;
		try {
			uri = upstreamUri(rest, original.getQueryString());
		}
		catch (IllegalArgumentException ex) {
			answer(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request");
			return;
		}
		DetachableInputStream requestBody = new DetachableInputStream(original.getInputStream());
		try {
			ProgressTimeout timeout = new ProgressTimeout(this.transport, this.readTimeout);
			HttpRequest upstreamRequest;
			try {
				upstreamRequest = upstreamRequest(request, uri, requestBody, timeout);
			}
			catch (IllegalArgumentException ex) {
				// A method name the JDK client refuses (e.g. CONNECT).
				answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed");
				return;
			}
			HttpResponse<InputStream> upstreamResponse = exchange(upstreamRequest, timeout, response);
			if (upstreamResponse != null) {
				relay(request, upstreamResponse, response);
			}
		}
		finally {
			// Nothing may read the servlet input stream once this request is over, even if
			// the upstream answered before taking the whole body.
			if (requestBody.detach()) {
				// The exchange ended (a timeout, a failed upstream) while the JDK client was
				// blocked reading the upload. Once we return, the container reads the rest of
				// the body, then the next request on the connection: two threads reading it
				// at once would garble that request. Let the client see the answer, then wait
				// for the read to return, as long as the container would wait for the rest.
				flushQuietly(response);
				requestBody.awaitReads();
			}
		}
	}

	private URI upstreamUri(String rest, @Nullable String query) {
		String path = this.basePath + MountPaths.encode(rest);
		if (path.isEmpty()) {
			path = "/";
		}
		return URI.create(this.origin + path + ((query != null) ? "?" + encodeQuery(query) : ""));
	}

	/**
	 * Returns the raw query string as {@link URI} takes it. Containers accept more than RFC 3986
	 * allows in a query (Jetty '|', '{', '}' and '^', which browsers send unencoded; Tomcat those
	 * with relaxed-query-chars; both a '%' that starts no escape), and the upstream must get what
	 * the application would have: such characters are percent-encoded (as UTF-8), everything
	 * else, escapes included, goes as sent.
	 */
	private static String encodeQuery(String query) {
		StringBuilder encoded = new StringBuilder(query.length());
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if ((c < 0x80 && (Character.isLetterOrDigit(c) || QUERY_PUNCTUATION.indexOf(c) >= 0))
					|| (c == '%' && i + 2 < query.length() && HexFormat.isHexDigit(query.charAt(i + 1))
							&& HexFormat.isHexDigit(query.charAt(i + 2)))) {
				encoded.append(c);
			}
			else {
				int end = i + Character.charCount(query.codePointAt(i));
				encoded.append(UriUtils.encode(query.substring(i, end), StandardCharsets.UTF_8));
				i = end - 1;
			}
		}
		return encoded.toString();
	}

	private HttpRequest upstreamRequest(MountedRequest request, URI uri, InputStream requestBody,
			ProgressTimeout timeout) throws IOException {
		HttpServletRequest original = request.getRequest();
		// No HttpRequest.timeout(): it would count the upload as well (see ProgressTimeout).
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.method(original.getMethod(), bodyPublisher(original, requestBody, timeout));
		boolean trusted = this.clientAddressResolver.isFromTrustedProxy(original);
		HopByHopHeaders hopByHop = HopByHopHeaders.of(Collections.list(original.getHeaders("Connection")));
		for (String name : Collections.list(original.getHeaderNames())) {
			String lowerName = name.toLowerCase(Locale.ROOT);
			if (hopByHop.contains(name) || CLIENT_MANAGED.contains(lowerName) || lowerName.equals(PROXY_HEADER)
					|| !ForwardedHeaders.passesOn(lowerName, trusted)) {
				continue;
			}
			for (String value : Collections.list(original.getHeaders(name))) {
				addHeader(builder, name, value);
			}
		}
		ForwardedHeaders.of(request, trusted, this.clientAddressResolver)
			.forEach((name, value) -> addHeader(builder, name, value));
		return builder.build();
	}

	private static BodyPublisher bodyPublisher(HttpServletRequest original, InputStream requestBody,
			ProgressTimeout timeout) throws IOException {
		long length = original.getContentLengthLong();
		if (length < 0 && original.getHeader("Transfer-Encoding") == null) {
			return undeclaredBodyPublisher(original, requestBody, timeout);
		}
		if (length == 0) {
			return BodyPublishers.noBody();
		}
		byte[] form = ParsedFormBody.of(original);
		if (form != null) {
			// The input stream is spent; the rebuilt body brings its own Content-Length.
			return timeout.observe(BodyPublishers.ofByteArray(form));
		}
		if (length > 0) {
			// Keep the length: the upstream gets Content-Length rather than chunked encoding.
			return timeout.observe(
					BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> requestBody), length));
		}
		return timeout.observe(BodyPublishers.ofInputStream(() -> requestBody));
	}

	/**
	 * The body of a request with neither Content-Length nor Transfer-Encoding. Over HTTP/1.1
	 * that means no body, but HTTP/2 (h2c too) sends a body in DATA frames without either
	 * header, so one byte is read to tell: Tomcat answers -1 at once over HTTP/1.1, and over
	 * HTTP/2 waits for the first DATA frame or the end of the stream (at most its stream read
	 * timeout). A body goes on chunked; no body goes without one, not as an empty chunked body.
	 */
	private static BodyPublisher undeclaredBodyPublisher(HttpServletRequest original, InputStream requestBody,
			ProgressTimeout timeout) throws IOException {
		int first = requestBody.read();
		if (first == -1) {
			// No body, or a form that a filter ahead read into parameters (over HTTP/2 Tomcat
			// parses a form POST whatever its length).
			byte[] form = ParsedFormBody.of(original);
			return (form != null && form.length > 0) ? timeout.observe(BodyPublishers.ofByteArray(form))
					: BodyPublishers.noBody();
		}
		InputStream body = new SequenceInputStream(new ByteArrayInputStream(new byte[] { (byte) first }),
				requestBody);
		return timeout.observe(BodyPublishers.ofInputStream(() -> body));
	}

	private static void addHeader(HttpRequest.Builder builder, String name, String value) {
		try {
			builder.header(name, value);
		}
		catch (IllegalArgumentException ex) {
			// A name or value the JDK client will not send (control characters): drop it.
		}
	}

	private @Nullable HttpResponse<InputStream> exchange(HttpRequest upstreamRequest, ProgressTimeout timeout,
			HttpServletResponse response) throws IOException {
		HttpClient client = this.transport.client(this.connectTimeout);
		CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(upstreamRequest,
				BodyHandlers.ofInputStream());
		// Cancelling aborts the exchange, which also ends an upload the upstream stopped reading.
		timeout.start(() -> pending.cancel(true));
		try {
			return pending.get();
		}
		catch (CancellationException | ExecutionException ex) {
			Throwable failure = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			if (timeout.hasFired() || failure instanceof HttpTimeoutException) {
				logger.warn("Proxy mount '" + this.mountPath + "': " + this.base + " did not answer in time ("
						+ (timeout.hasFired() ? "read timeout" : failure.getClass().getSimpleName())
						+ "), answered 504");
				answer(response, HttpServletResponse.SC_GATEWAY_TIMEOUT, "Gateway Timeout");
			}
			else if (failure instanceof ConnectException) {
				logger.warn("Proxy mount '" + this.mountPath + "': " + this.base + " is unreachable ("
						+ failure.getClass().getSimpleName() + "), answered 502");
				answer(response, HttpServletResponse.SC_BAD_GATEWAY, "Bad Gateway");
			}
			else {
				logger.warn("Proxy mount '" + this.mountPath + "': exchange with " + this.base + " failed ("
						+ ((failure != null) ? failure.getClass().getSimpleName() : "unknown") + "), answered 502");
				answer(response, HttpServletResponse.SC_BAD_GATEWAY, "Bad Gateway");
			}
		}
		catch (InterruptedException ex) {
			pending.cancel(true);
			Thread.currentThread().interrupt();
			answer(response, HttpServletResponse.SC_BAD_GATEWAY, "Bad Gateway");
		}
		finally {
			timeout.stop();
		}
		return null;
	}

	private void relay(MountedRequest request, HttpResponse<InputStream> upstreamResponse,
			HttpServletResponse response) throws IOException {
		try (InputStream body = upstreamResponse.body()) {
			if (hasAmbiguousLength(upstreamResponse.headers())) {
				// The JDK client framed the body by the first Content-Length, whatever else the
				// upstream said: relayed, the client would get chunk framing as content, or a
				// Content-Length the body never reaches. Closing the body drops the connection.
				logger.warn("Proxy mount '" + this.mountPath + "': response from " + this.base
						+ " has Content-Length with Transfer-Encoding, or two different Content-Lengths, answered 502");
				answer(response, HttpServletResponse.SC_BAD_GATEWAY, "Bad Gateway");
				return;
			}
			List<Header> headers = responseHeaders(request, upstreamResponse);
			long headerSize = size(headers);
			if (headerSize > this.maxResponseHeaderSize) {
				// The container would take them into its response header buffer and refuse them
				// only as the response commits: a 500 of its own, too late for this 502. The
				// body goes unread, so closing it drops the connection rather than pooling it.
				logger.warn("Proxy mount '" + this.mountPath + "': response from " + this.base + " has " + headerSize
						+ " bytes of headers, more than the " + this.maxResponseHeaderSize
						+ " of max-response-header-size, answered 502");
				answer(response, HttpServletResponse.SC_BAD_GATEWAY, "Bad Gateway");
				return;
			}
			byte[] buffer = new byte[16384];
			int read;
			try {
				read = readWithTimeout(body, buffer);
			}
			catch (IOException ex) {
				// Nothing of the upstream's answer is on the response yet (status and headers
				// wait for the first piece of the body), so the client can still be told.
				if (ex instanceof HttpTimeoutException) {
					logger.warn("Proxy mount '" + this.mountPath + "': response body from " + this.base
							+ " did not start within the read timeout, answered 504");
					answer(response, HttpServletResponse.SC_GATEWAY_TIMEOUT, "Gateway Timeout");
				}
				else {
					logger.warn("Proxy mount '" + this.mountPath + "': response body from " + this.base
							+ " failed before its first byte (" + ex.getClass().getSimpleName() + "), answered 502");
					answer(response, HttpServletResponse.SC_BAD_GATEWAY, "Bad Gateway");
				}
				return;
			}
			response.setStatus(upstreamResponse.statusCode());
			copyResponseHeaders(headers, response);
			if (read == -1) {
				return;
			}
			OutputStream out = response.getOutputStream();
			out.write(buffer, 0, read);
			// Commit with the first piece: from here on a failure can only abort the client's
			// response, and a 502 must never go out under the upstream's headers.
			out.flush();
			while ((read = readBodyWithTimeout(body, buffer)) != -1) {
				// A failed write means the client went away: closing the body (try-with-
				// resources) cancels the upstream exchange.
				out.write(buffer, 0, read);
				if (body.available() == 0) {
					// Nothing more has arrived yet: let the client see what we have.
					out.flush();
				}
			}
		}
	}

	/**
	 * Whether the upstream's body length is ambiguous (RFC 9112 section 6.3): Content-Length
	 * together with Transfer-Encoding, or Content-Length values that differ.
	 */
	private static boolean hasAmbiguousLength(HttpHeaders headers) {
		List<String> lengths = headers.allValues("Content-Length");
		return (!lengths.isEmpty() && headers.firstValue("Transfer-Encoding").isPresent())
				|| lengths.stream().map(String::trim).distinct().count() > 1;
	}

	private int readBodyWithTimeout(InputStream body, byte[] buffer) throws IOException {
		try {
			return readWithTimeout(body, buffer);
		}
		catch (IOException ex) {
			// The status is on its way already: the only honest signal left is to abort
			// the client's response, so it cannot take a truncated body as complete.
			logger.warn("Proxy mount '" + this.mountPath + "': response body from " + this.base
					+ ((ex instanceof HttpTimeoutException) ? " stalled longer than the read timeout" : " failed")
					+ ", aborting");
			throw CommittedResponseAbort.of(ex);
		}
	}

	/**
	 * Reads the next piece of the response body, or fails with an
	 * {@link HttpTimeoutException} when none arrives within the read timeout.
	 */
	private int readWithTimeout(InputStream body, byte[] buffer) throws IOException {
		AtomicBoolean timedOut = new AtomicBoolean();
		ScheduledFuture<?> timeout = this.transport.schedule(() -> {
			timedOut.set(true);
			closeQuietly(body);
		}, this.readTimeout);
		try {
			return body.read(buffer);
		}
		catch (IOException ex) {
			if (timedOut.get()) {
				HttpTimeoutException timeoutException = new HttpTimeoutException("No data within the read timeout");
				timeoutException.initCause(ex);
				throw timeoutException;
			}
			throw ex;
		}
		finally {
			timeout.cancel(false);
		}
	}

	/**
	 * The upstream's response headers as they are passed on: without pseudo-headers and
	 * hop-by-hop headers, {@code Location} and {@code Set-Cookie} rewritten to the mount.
	 */
	private List<Header> responseHeaders(MountedRequest request, HttpResponse<InputStream> upstreamResponse) {
		Map<String, List<String>> headers = upstreamResponse.headers().map();
		HopByHopHeaders hopByHop = HopByHopHeaders.of(upstreamResponse.headers().allValues("Connection"));
		String prefix = request.getContextPath();
		List<Header> passedOn = new ArrayList<>();
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			String name = header.getKey();
			if (name.startsWith(":") || hopByHop.contains(name)) {
				continue;
			}
			for (String value : header.getValue()) {
				if (name.equalsIgnoreCase("Location")) {
					value = this.rewriter.rewriteLocation(value, request.getOrigin(), prefix);
				}
				else if (name.equalsIgnoreCase("Set-Cookie")) {
					value = this.rewriter.rewriteSetCookie(value, prefix);
				}
				passedOn.add(new Header(name, value));
			}
		}
		return passedOn;
	}

	/**
	 * The bytes of the header lines the container writes for these headers: name,
	 * {@code ": "}, value and CRLF each. The JDK client reads every byte of a header as one
	 * character, and the containers write each character as one byte.
	 */
	private static long size(List<Header> headers) {
		long size = 0;
		for (Header header : headers) {
			size += header.name().length() + 2 + header.value().length() + 2;
		}
		return size;
	}

	private static void copyResponseHeaders(List<Header> headers, HttpServletResponse response) {
		for (Header header : headers) {
			if (header.name().equalsIgnoreCase("Date")) {
				// Jetty has put its own Date on the response already: the upstream's replaces it.
				response.setHeader(header.name(), header.value());
			}
			else {
				response.addHeader(header.name(), header.value());
			}
		}
	}

	private static void answer(HttpServletResponse response, int status, String message) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType("text/plain;charset=UTF-8");
		byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static void flushQuietly(HttpServletResponse response) {
		try {
			response.flushBuffer();
		}
		catch (IOException ex) {
			// The client went away: nothing to show it.
		}
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ex) {
			// Closing to cancel: nothing to do about a failure.
		}
	}

	/**
	 * One response header line as passed on.
	 * @param name the name
	 * @param value the value
	 */
	private record Header(String name, String value) {
	}

	/**
	 * The servlet request body as the JDK client reads it (on its own thread), cut off once
	 * the exchange is over so a late read can never touch a recycled request.
	 */
	private static final class DetachableInputStream extends InputStream {

		private final InputStream in;

		private boolean detached;

		private int reading;

		DetachableInputStream(InputStream in) {
			this.in = in;
		}

		/**
		 * Makes every further read fail.
		 * @return whether a read is still in progress (see {@link #awaitReads()})
		 */
		synchronized boolean detach() {
			this.detached = true;
			return this.reading > 0;
		}

		/**
		 * Waits until no read is in progress: a blocking read of the servlet input stream
		 * ends with data, the end of the body, or the container's read timeout.
		 */
		synchronized void awaitReads() {
			while (this.reading > 0) {
				try {
					wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

		@Override
		public int read() throws IOException {
			startRead();
			try {
				return this.in.read();
			}
			finally {
				endRead();
			}
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			startRead();
			try {
				return this.in.read(b, off, len);
			}
			finally {
				endRead();
			}
		}

		@Override
		public void close() {
			// The container owns the servlet input stream.
		}

		private synchronized void startRead() throws IOException {
			if (this.detached) {
				throw new IOException("Request is complete");
			}
			this.reading++;
		}

		private synchronized void endRead() {
			this.reading--;
			notifyAll();
		}

	}

}
