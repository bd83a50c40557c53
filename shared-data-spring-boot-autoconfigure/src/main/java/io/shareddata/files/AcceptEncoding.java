package io.shareddata.files;

import java.util.Enumeration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code Accept-Encoding} (RFC 9110 section 12.5.3) to answer one question: may this
 * content coding be sent? A coding is acceptable when it is listed with a non-zero q-value, or
 * when {@code *} is listed with a non-zero q-value and the coding is not listed itself.
 * Anything malformed counts as not acceptable, so the client gets the identity file.
 */
final class AcceptEncoding {

	private AcceptEncoding() {
	}

	static boolean accepts(@Nullable Enumeration<String> headerValues, String coding) {
		if (headerValues == null) {
			return false;
		}
		Boolean wildcard = null;
		while (headerValues.hasMoreElements()) {
			String header = headerValues.nextElement();
			for (String element : header.split(",")) {
				int semicolon = element.indexOf(';');
				String name = ((semicolon >= 0) ? element.substring(0, semicolon) : element).strip()
					.toLowerCase(Locale.ROOT);
				boolean acceptable = (semicolon < 0) || hasNonZeroQuality(element.substring(semicolon + 1));
				if (name.equals(coding) || (coding.equals("gzip") && name.equals("x-gzip"))) {
					return acceptable;
				}
				if (name.equals("*")) {
					wildcard = acceptable;
				}
			}
		}
		return Boolean.TRUE.equals(wildcard);
	}

	private static boolean hasNonZeroQuality(String parameters) {
		for (String parameter : parameters.split(";")) {
			String trimmed = parameter.strip();
			if (trimmed.length() > 2 && (trimmed.charAt(0) == 'q' || trimmed.charAt(0) == 'Q')
					&& trimmed.charAt(1) == '=') {
				try {
					double quality = Double.parseDouble(trimmed.substring(2));
					return quality > 0 && quality <= 1;
				}
				catch (NumberFormatException ex) {
					return false;
				}
			}
		}
		return true;
	}

}
