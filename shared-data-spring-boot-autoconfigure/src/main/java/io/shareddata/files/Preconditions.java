package io.shareddata.files;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ETag;

/**
 * Evaluates conditional request headers for a GET or HEAD of a file, in the order of RFC 9110
 * section 13.2.2: {@code If-Match}, else {@code If-Unmodified-Since} (412 when they fail);
 * then {@code If-None-Match}, else {@code If-Modified-Since} (304 when the client's copy is
 * current). werkzeug answered 304 to a failed {@code If-Match}; that is fixed here.
 */
final class Preconditions {

	enum Outcome {

		/** Send the file. */
		PROCEED,

		/** The client's copy is current: 304. */
		NOT_MODIFIED,

		/** A precondition failed: 412. */
		PRECONDITION_FAILED

	}

	private Preconditions() {
	}

	static Outcome evaluate(HttpServletRequest request, FileVersion file) {
		// getHeader first: the usual absent header then costs no enumeration.
		if (request.getHeader("If-Match") != null) {
			if (!anyMatches(request.getHeaders("If-Match"), file.etag(), true)) {
				return Outcome.PRECONDITION_FAILED;
			}
		}
		else {
			long ifUnmodifiedSince = dateHeader(request, "If-Unmodified-Since");
			if (ifUnmodifiedSince >= 0 && file.lastModifiedSeconds() > ifUnmodifiedSince / 1000) {
				return Outcome.PRECONDITION_FAILED;
			}
		}
		String ifNoneMatch = request.getHeader("If-None-Match");
		if (ifNoneMatch != null) {
			// When If-None-Match is present, If-Modified-Since must be ignored (RFC 9110 13.1.3).
			// The usual revalidation echoes the one tag we sent: no enumeration, no parsing.
			return (ifNoneMatch.equals(file.etag()) || anyMatches(request.getHeaders("If-None-Match"), file.etag(), false))
					? Outcome.NOT_MODIFIED : Outcome.PROCEED;
		}
		long ifModifiedSince = dateHeader(request, "If-Modified-Since");
		if (ifModifiedSince >= 0 && file.lastModifiedSeconds() <= ifModifiedSince / 1000) {
			return Outcome.NOT_MODIFIED;
		}
		return Outcome.PROCEED;
	}

	/**
	 * Returns whether any entity tag in the header lines matches, {@code *} included.
	 * @param headerLines the lines of If-Match or If-None-Match
	 * @param etag our quoted strong entity tag
	 * @param strong strong comparison (If-Match) or weak comparison (If-None-Match)
	 */
	private static boolean anyMatches(Enumeration<String> headerLines, String etag, boolean strong) {
		ETag ours = null;
		while (headerLines.hasMoreElements()) {
			String line = headerLines.nextElement();
			if (line.equals(etag)) {
				// The common revalidation: the client echoes exactly what we sent.
				return true;
			}
			if (ours == null) {
				ours = ETag.create(etag);
			}
			for (ETag candidate : ETag.parse(line)) {
				if (candidate.isWildcard() || candidate.compare(ours, strong)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Reads a date header with the container's parser; an unparseable date is ignored, as
	 * RFC 9110 requires.
	 * @return epoch milliseconds, or -1 when absent or invalid
	 */
	static long dateHeader(HttpServletRequest request, String name) {
		try {
			return request.getDateHeader(name);
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
	}

}
