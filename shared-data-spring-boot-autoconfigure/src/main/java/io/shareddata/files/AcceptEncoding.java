package io.shareddata.files;

import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code Accept-Encoding} (RFC 9110 section 12.5.3) to choose between a file and its
 * precompressed variants by the client's weights. A coding's weight is its own q-value, or that
 * of {@code *} when the coding is not listed itself; a weight of 0 refuses it. The variant with
 * the highest weight is sent, the earlier one on a tie (the server's order: br before gzip),
 * unless the client weights {@code identity} higher still. Browsers do not list
 * {@code identity}, and an unlisted {@code identity} never beats a listed coding.
 * A malformed q-value counts as 0, so a garbled header gets the identity file.
 */
final class AcceptEncoding {

	/** A weight the header did not give, in thousandths like the others. */
	private static final int UNLISTED = -1;

	private static final int FULL_WEIGHT = 1000;

	private AcceptEncoding() {
	}

	/**
	 * Returns the offered variant the client prefers, or {@code null} for the identity file.
	 * @param headerValues the {@code Accept-Encoding} values, or {@code null} if absent
	 * @param offered the variants, in the server's order of preference
	 * @param codingOf the content coding of a variant
	 */
	static <T> @Nullable T choose(@Nullable Enumeration<String> headerValues, List<T> offered,
			Function<T, String> codingOf) {
		if (headerValues == null || offered.isEmpty()) {
			return null;
		}
		int[] weights = new int[offered.size()];
		Arrays.fill(weights, UNLISTED);
		int wildcard = UNLISTED;
		int identity = UNLISTED;
		while (headerValues.hasMoreElements()) {
			for (String element : headerValues.nextElement().split(",")) {
				int semicolon = element.indexOf(';');
				String name = ((semicolon >= 0) ? element.substring(0, semicolon) : element).strip()
					.toLowerCase(Locale.ROOT);
				int weight = (semicolon < 0) ? FULL_WEIGHT : weight(element.substring(semicolon + 1));
				// A coding listed twice keeps its first weight
				if (name.equals("*")) {
					wildcard = (wildcard == UNLISTED) ? weight : wildcard;
				}
				else if (name.equals("identity")) {
					identity = (identity == UNLISTED) ? weight : identity;
				}
				else {
					for (int i = 0; i < weights.length; i++) {
						if (weights[i] == UNLISTED && names(name, codingOf.apply(offered.get(i)))) {
							weights[i] = weight;
						}
					}
				}
			}
		}
		T best = null;
		int bestWeight = 0;
		for (int i = 0; i < weights.length; i++) {
			int weight = (weights[i] != UNLISTED) ? weights[i] : wildcard;
			if (weight > bestWeight) {
				best = offered.get(i);
				bestWeight = weight;
			}
		}
		int identityWeight = (identity != UNLISTED) ? identity : Math.max(wildcard, 0);
		return (best != null && bestWeight >= identityWeight) ? best : null;
	}

	/** {@code x-gzip} is an alias of {@code gzip} (RFC 9110 section 8.4.1.3). */
	private static boolean names(String listed, String coding) {
		return listed.equals(coding) || (coding.equals("gzip") && listed.equals("x-gzip"));
	}

	/**
	 * The {@code q} parameter among an element's parameters, in thousandths; 1000 without one.
	 * A {@code q} that is not written {@code q=} exactly ({@code q =0}, a bare {@code q}) is a
	 * malformed weight like any other, not some other parameter: the client meant a weight, and
	 * may have meant 0.
	 */
	private static int weight(String parameters) {
		for (String parameter : parameters.split(";")) {
			String trimmed = parameter.strip();
			int equals = trimmed.indexOf('=');
			String name = (equals >= 0) ? trimmed.substring(0, equals) : trimmed;
			if (name.strip().equalsIgnoreCase("q")) {
				return (equals == 1) ? qvalue(trimmed.substring(2)) : 0;
			}
		}
		return FULL_WEIGHT;
	}

	/**
	 * Parses {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )} (RFC 9110
	 * section 12.4.2) exactly: {@link Double#parseDouble} would also take {@code 1e0},
	 * {@code 0x1p0}, {@code .5} and {@code NaN}.
	 * @return the weight in thousandths, or 0 when malformed
	 */
	private static int qvalue(String text) {
		int length = text.length();
		if (length == 0 || length > 5 || (text.charAt(0) != '0' && text.charAt(0) != '1')) {
			return 0;
		}
		boolean one = text.charAt(0) == '1';
		if (length == 1) {
			return one ? FULL_WEIGHT : 0;
		}
		if (text.charAt(1) != '.') {
			return 0;
		}
		int thousandths = 0;
		int scale = 100;
		for (int i = 2; i < length; i++) {
			char digit = text.charAt(i);
			if (digit < '0' || digit > '9') {
				return 0;
			}
			thousandths += (digit - '0') * scale;
			scale /= 10;
		}
		if (one) {
			return (thousandths == 0) ? FULL_WEIGHT : 0;
		}
		return thousandths;
	}

}
