package io.shareddata.files;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRange;

/**
 * Decides how a {@code Range} request is answered (RFC 9110 section 14): the whole file, one or
 * more byte ranges, or 416. Syntax is parsed by Spring's {@link HttpRange}.
 */
final class ByteRanges {

	/**
	 * Most ranges one request may ask for. Real clients (video seeking, download resumption, PDF
	 * viewers) ask for a handful; hundreds of tiny ranges are a way to make the server work.
	 */
	static final int MAX_RANGES = 16;

	private ByteRanges() {
	}

	/**
	 * Plans the ranges to send.
	 * @param request the request
	 * @param file the selected representation
	 * @param validatorsSent whether the response carries ETag and Last-Modified (If-Range
	 * needs them)
	 * @return the ranges to send; {@code null} to send the whole file; an empty list for 416
	 */
	static @Nullable List<Range> plan(HttpServletRequest request, FileVersion file) {
		String header = request.getHeader("Range");
		// An empty file ignores Range, as Tomcat does: a suffix range is satisfiable there (RFC 9110
		// 14.1.1), so 416 would be wrong, yet no Content-Range can name a byte of it for a 206.
		if (header == null || file.length() == 0 || !"GET".equals(request.getMethod())
				|| !ifRangeHolds(request, file)) {
			return null;
		}
		List<HttpRange> requested;
		try {
			requested = HttpRange.parseRanges(header);
		}
		catch (IllegalArgumentException ex) {
			// A syntactically invalid Range is ignored (RFC 9110 14.2).
			return null;
		}
		if (requested.isEmpty() || requested.size() > MAX_RANGES) {
			return null;
		}
		long length = file.length();
		List<Range> satisfiable = new ArrayList<>(requested.size());
		long total = 0;
		for (HttpRange range : requested) {
			long start = range.getRangeStart(length);
			long end = range.getRangeEnd(length);
			if (start < length && start <= end) {
				satisfiable.add(new Range(start, end));
				total += end - start + 1;
			}
		}
		if (total > length) {
			// Overlapping ranges that add up to more than the file: send it once, whole.
			return null;
		}
		return satisfiable;
	}

	/** If-Range: a strong ETag or the exact Last-Modified date; anything else means "send it all". */
	private static boolean ifRangeHolds(HttpServletRequest request, FileVersion file) {
		String ifRange = request.getHeader("If-Range");
		if (ifRange == null) {
			return true;
		}
		String value = ifRange.strip();
		if (value.startsWith("\"") || value.startsWith("W/")) {
			return value.equals(file.etag());
		}
		long date = Preconditions.dateHeader(request, "If-Range");
		return date >= 0 && date / 1000 == file.lastModifiedSeconds();
	}

	/**
	 * An inclusive byte range within a file.
	 *
	 * @param start the first byte
	 * @param end the last byte
	 */
	record Range(long start, long end) {

		long length() {
			return this.end - this.start + 1;
		}

		String contentRange(long total) {
			return "bytes " + this.start + "-" + this.end + "/" + total;
		}

	}

}
