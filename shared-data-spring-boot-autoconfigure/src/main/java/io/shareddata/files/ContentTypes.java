package io.shareddata.files;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The Content-Type of a served file: Spring's {@link MediaTypeFactory} guesses from the name,
 * and textual types get {@code charset=utf-8}, as werkzeug does since 1.0 (JavaScript served
 * without a charset was read as US-ASCII, werkzeug#1689).
 */
final class ContentTypes {

	private static final Set<String> TEXTUAL_APPLICATION_SUBTYPES = Set.of("javascript", "ecmascript", "xml",
			"xml-dtd", "xml-external-parsed-entity", "sql");

	private final MediaType fallback;

	ContentTypes(MediaType fallback) {
		this.fallback = fallback;
	}

	String contentTypeOf(String fileName) {
		MediaType type = MediaTypeFactory.getMediaType(fileName).orElse(this.fallback);
		if (type.getCharset() == null && isTextual(type)) {
			type = new MediaType(type, StandardCharsets.UTF_8);
		}
		return type.toString();
	}

	private static boolean isTextual(MediaType type) {
		return type.getType().equals("text") || type.getSubtype().endsWith("+xml")
				|| (type.getType().equals("application") && TEXTUAL_APPLICATION_SUBTYPES.contains(type.getSubtype()));
	}

}
