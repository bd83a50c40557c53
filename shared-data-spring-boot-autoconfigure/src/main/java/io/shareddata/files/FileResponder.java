package io.shareddata.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a GET or HEAD for a file: precompressed variant selection, conditional requests,
 * ranges, headers and body. Every header value except Expires and Content-Range was prepared
 * when the version was built.
 */
final class FileResponder {

	private final boolean cache;

	private final ExpiresHeader expires;

	FileResponder(SharedDataOptions options, Clock clock) {
		this.cache = options.cache();
		this.expires = new ExpiresHeader(clock, options.cacheTimeout().toMillis());
	}

	/**
	 * Answers the request.
	 * @param original the original file version
	 * @param file the representation sent, chosen by {@link #selectRepresentation}
	 * @param opened the body source: the verified open file or the pinned link, when the
	 * representation is not sent from memory or the classpath
	 */
	void respond(HttpServletRequest request, HttpServletResponse response, FileVersion original, FileVersion file,
			boolean head, OpenedFiles opened) throws IOException {
		if (original.hasVariants()) {
			// Every response for a file with variants varies, 304 and identity included, or a
			// shared cache could hand a br body to a client that cannot read it.
			response.addHeader("Vary", "Accept-Encoding");
		}
		if (this.cache) {
			Preconditions.Outcome outcome = Preconditions.evaluate(request, file);
			if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
				response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
				// RFC 9110 15.4.5: the caching fields a 200 would carry, but no Last-Modified,
				// which only guides a cache when there is no ETag (here there always is one);
				// werkzeug's 304 leaves it out too
				writeCachingHeaders(response, file);
				return;
			}
			if (outcome == Preconditions.Outcome.PRECONDITION_FAILED) {
				response.setStatus(HttpServletResponse.SC_PRECONDITION_FAILED);
				response.setContentLength(0);
				return;
			}
		}
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Accept-Ranges", "bytes");
		if (file.contentCoding() != null) {
			// On a 416 too: its Content-Range gives the length of this coding's bytes
			response.setHeader("Content-Encoding", file.contentCoding());
		}
		List<ByteRanges.Range> ranges = ByteRanges.plan(request, file);
		if (ranges != null && ranges.isEmpty()) {
			// No caching fields: a cache keys on the URL, not on Range, and would store a 416
			// that has a max-age (RFC 9111 section 3) and hand it to every later client.
			response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
			response.setHeader("Content-Range", "bytes */" + file.length());
			response.setContentLength(0);
			return;
		}
		writeValidators(response, file);
		if (ranges == null) {
			response.setContentType(file.contentType());
			response.setContentLengthLong(file.length());
			if (!head) {
				BodyWriter.writeWhole(request, response, file, opened, 0, file.length());
			}
		}
		else if (ranges.size() == 1) {
			ByteRanges.Range range = ranges.get(0);
			response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
			response.setContentType(file.contentType());
			response.setHeader("Content-Range", range.contentRange(file.length()));
			response.setContentLengthLong(range.length());
			BodyWriter.writeWhole(request, response, file, opened, range.start(), range.length());
		}
		else {
			writeMultipart(response, file, opened, ranges);
		}
	}

	FileVersion selectRepresentation(HttpServletRequest request, FileVersion original) {
		if (original.variants().isEmpty()) {
			return original;
		}
		FileVersion variant = AcceptEncoding.choose(request.getHeaders("Accept-Encoding"), original.variants(),
				FileVersion::contentCoding);
		return (variant != null) ? variant : original;
	}

	private void writeValidators(HttpServletResponse response, FileVersion file) {
		response.setHeader("Last-Modified", file.lastModifiedHeader());
		writeCachingHeaders(response, file);
	}

	private void writeCachingHeaders(HttpServletResponse response, FileVersion file) {
		response.setHeader("Cache-Control", file.cacheControl());
		if (this.cache) {
			response.setHeader("ETag", file.etag());
			response.setHeader("Expires", this.expires.value());
		}
	}

	/** multipart/byteranges (RFC 9110 14.6), with an exact Content-Length. */
	private static void writeMultipart(HttpServletResponse response, FileVersion file, OpenedFiles opened,
			List<ByteRanges.Range> ranges) throws IOException {
		String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong())
				+ Long.toHexString(ThreadLocalRandom.current().nextLong());
		byte[][] partHeaders = new byte[ranges.size()][];
		long length = 0;
		for (int i = 0; i < ranges.size(); i++) {
			ByteRanges.Range range = ranges.get(i);
			partHeaders[i] = ("\r\n--" + boundary + "\r\nContent-Type: " + file.contentType() + "\r\nContent-Range: "
					+ range.contentRange(file.length()) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII);
			length += partHeaders[i].length + range.length();
		}
		byte[] closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		length += closing.length;
		response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
		response.setContentType("multipart/byteranges; boundary=" + boundary);
		response.setContentLengthLong(length);
		ServletOutputStream out = response.getOutputStream();
		for (int i = 0; i < ranges.size(); i++) {
			out.write(partHeaders[i]);
			BodyWriter.write(out, file, opened, ranges.get(i).start(), ranges.get(i).length());
		}
		out.write(closing);
	}

}
