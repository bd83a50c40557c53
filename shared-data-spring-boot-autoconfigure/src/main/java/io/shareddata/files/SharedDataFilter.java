package io.shareddata.files;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.shareddata.http.ContainerSendfile;
import io.shareddata.http.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * werkzeug's {@code SharedDataMiddleware} as a servlet filter: serves files from folders,
 * single files and classpath data under URL prefixes, and passes everything else on.
 * <p>
 * Only GET and HEAD of a regular file that the {@link FileAccessPolicy} allows are answered
 * here; anything else (no export matches, a directory, a missing, disallowed or hidden file,
 * another method) continues down the chain to the application. The filter itself never
 * answers 403, 404 or 405. Usable by hand:
 * <pre class="code">
 * new SharedDataFilter(List.of(Export.directory("/static", Path.of("shared"))), SharedDataOptions.defaults());
 * </pre>
 */
public final class SharedDataFilter extends HttpFilter {

	/** Attempts to find a version that stays put long enough to be opened. */
	private static final int MAX_ATTEMPTS = 8;

	private final List<Export> exports;

	private final FileLookup lookup;

	private final FileResponder responder;

	private final MemoryBudget memory;

	private final PinnedLinks links;

	/**
	 * Creates a filter.
	 * @param exports the exports, tried in this order
	 * @param options how to serve
	 */
	public SharedDataFilter(List<Export> exports, SharedDataOptions options) {
		this(exports, options, Clock.systemUTC());
	}

	SharedDataFilter(List<Export> exports, SharedDataOptions options, Clock clock) {
		this(exports, options, clock, new PinnedLinks(Path.of(System.getProperty("java.io.tmpdir"))));
	}

	SharedDataFilter(List<Export> exports, SharedDataOptions options, Clock clock, PinnedLinks links) {
		this.exports = List.copyOf(exports);
		this.memory = new MemoryBudget(options.memoryCacheMaxSize());
		this.links = links;
		this.lookup = new FileLookup(this.exports, options, new FileVersions(options, this.memory, links, clock));
		this.responder = new FileResponder(options, clock);
	}

	/**
	 * Returns the exports, in the order they are tried.
	 * @return the exports
	 */
	public List<Export> getExports() {
		return this.exports;
	}

	/**
	 * Returns how many bytes of file content are held in memory now.
	 * @return bytes in the memory cache
	 */
	public long getMemoryCacheSize() {
		return this.memory.used();
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String method = request.getMethod();
		boolean head = "HEAD".equals(method);
		if (!head && !"GET".equals(method)) {
			chain.doFilter(request, response);
			return;
		}
		String path = RequestPaths.pathWithinApplication(request);
		Resolution resolution = this.lookup.find(path);
		FileVersion file = resolution.file();
		if (file != null) {
			if (!serve(request, response, path, file, head)) {
				chain.doFilter(request, response);
			}
		}
		else if (resolution.redirectLocation() != null) {
			redirect(request, response, resolution.redirectLocation());
		}
		else {
			passOn(request, response, chain, path, head);
		}
	}

	/** Passes on a request no file answers, with the single-page-app fallback where one covers its path. */
	private void passOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path,
			boolean head) throws IOException, ServletException {
		String fallbackPath = spaFallbackFor(path);
		if (fallbackPath == null) {
			chain.doFilter(request, response);
			return;
		}
		// Accept picks the answer here, the fallback or the application's 404: a shared cache must
		// not hand the one stored for a browser to an API client, or the other way round.
		response.addHeader("Vary", "Accept");
		if (!acceptsHtml(request)) {
			chain.doFilter(request, response);
			return;
		}
		// What the outer layers set before the application ran (a request id, say) belongs on
		// the fallback's answer too; reset() below clears every header.
		HttpHeaders outerHeaders = headersOf(response);
		NotFoundHoldingResponse holding = new NotFoundHoldingResponse(response);
		chain.doFilter(request, holding);
		if (!holding.isNotFoundHeld()) {
			return;
		}
		FileVersion fallback = this.lookup.find(fallbackPath).file();
		if (fallback == null) {
			holding.sendHeldNotFound();
			return;
		}
		response.reset();
		outerHeaders.forEach((name, values) -> {
			// Set, then add: a layer may put its own header back on reset() (request logging's
			// id), and adding alone would send that header twice
			response.setHeader(name, values.get(0));
			values.subList(1, values.size()).forEach((value) -> response.addHeader(name, value));
		});
		if (!serve(request, response, fallbackPath, fallback, head)) {
			holding.sendHeldNotFound();
		}
	}

	private static HttpHeaders headersOf(HttpServletResponse response) {
		HttpHeaders headers = new HttpHeaders();
		for (String name : response.getHeaderNames()) {
			headers.addAll(name, List.copyOf(response.getHeaders(name)));
		}
		return headers;
	}

	/** The fallback of the first export that covers a path whose last segment has no extension. */
	private @Nullable String spaFallbackFor(String path) {
		if (path.lastIndexOf('.') > path.lastIndexOf('/')) {
			return null;
		}
		for (Export export : this.exports) {
			String fallback = export.spaFallbackPath();
			if (fallback != null && export.relativePathOf(path) != null) {
				return fallback;
			}
		}
		return null;
	}

	/** A browser navigation: text/html listed explicitly (not as text/*) with a non-zero quality. */
	private static boolean acceptsHtml(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		if (accept == null || !accept.contains("html")) {
			return false;
		}
		try {
			for (MediaType type : MediaType.parseMediaTypes(accept)) {
				if (type.getQualityValue() > 0 && MediaType.TEXT_HTML.equalsTypeAndSubtype(type)) {
					return true;
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			// A malformed Accept header is no navigation.
		}
		return false;
	}

	/**
	 * Sends a file. A version sent from disk is opened first and checked to be the one whose
	 * headers go out; if the file changed since it was resolved, the path is resolved again.
	 * @return {@code false} when the file disappeared and the request should fall through
	 */
	private boolean serve(HttpServletRequest request, HttpServletResponse response, String path, FileVersion found,
			boolean head) throws IOException {
		FileVersion file = found;
		for (int attempt = 1;; attempt++) {
			FileVersion representation = this.responder.selectRepresentation(request, file);
			OpenedFiles opened = head ? (OpenedFiles.isRecordedVersion(representation) ? OpenedFiles.NONE : null)
					: OpenedFiles.open(representation,
							representation.pinnedLink() != null && ContainerSendfile.isSupported(request));
			if (opened != null) {
				try (opened) {
					this.responder.respond(request, response, file, representation, head, opened);
				}
				return true;
			}
			if (attempt == MAX_ATTEMPTS) {
				// Replaced again and again while we looked: let the client retry in a moment.
				response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
				response.setHeader("Retry-After", "1");
				response.setContentLength(0);
				return true;
			}
			this.lookup.forget(path, file);
			FileVersion current = this.lookup.find(path).file();
			if (current == null) {
				return false;
			}
			file = current;
		}
	}

	/** Deletes the private links that pinned file versions for sendfile. */
	@Override
	public void destroy() {
		this.links.close();
	}

	private static void redirect(HttpServletRequest request, HttpServletResponse response, String location) {
		String query = request.getQueryString();
		response.setStatus(HttpServletResponse.SC_FOUND);
		response.setHeader("Location", (query != null) ? location + "?" + query : location);
		response.setContentLength(0);
	}

}
