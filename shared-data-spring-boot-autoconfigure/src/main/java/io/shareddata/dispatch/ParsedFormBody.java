package io.shareddata.dispatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The body of a form-encoded request that something ahead of the proxy has already read
 * into parameters: the container for a POST, on the first {@code getParameter} call (Spring
 * Security's CSRF filter, {@code HiddenHttpMethodFilter}), or Spring's
 * {@code FormContentFilter} for PUT, PATCH and DELETE. The servlet input stream is at its
 * end then, so the body is rebuilt from the parameters that did not come from the query
 * string.
 * <p>
 * Spring's {@code ServletServerHttpRequest.getBody()} rebuilds a form POST too, but only one
 * without a query string (it cannot tell the two kinds of parameters apart), never another
 * method, and even when nothing has read the body, which would make the container parse
 * (and hold) a body the proxy can stream. So only its encoding is reused:
 * {@link FormHttpMessageConverter} writes the form, in the charset the parameters were
 * decoded with.
 */
final class ParsedFormBody {

	private static final FormHttpMessageConverter converter = new FormHttpMessageConverter();

	private ParsedFormBody() {
	}

	/**
	 * Returns the body rebuilt from the parameters, if it has been read into them.
	 * @param request a request that declares a body
	 * @return the form-encoded body, or {@code null} when the request is not a form, its
	 * body is still unread (and should be streamed), or it was read without being parsed
	 * @throws IOException if the input stream cannot be obtained
	 */
	static byte @Nullable [] of(HttpServletRequest request) throws IOException {
		if (!isForm(request.getContentType()) || !request.getInputStream().isFinished()) {
			return null;
		}
		Map<String, Integer> fromQuery = countByName(request.getQueryString());
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		request.getParameterMap().forEach((name, values) -> {
			// Containers and FormContentFilter list the query string's values first.
			for (int i = fromQuery.getOrDefault(name, 0); i < values.length; i++) {
				form.add(name, values[i]);
			}
		});
		if (form.isEmpty() && request.getContentLengthLong() > 0) {
			// Read raw by something ahead, not into parameters (the container then skips them):
			// nothing to rebuild it from, and an empty form would hide the loss.
			return null;
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		HttpHeaders headers = new HttpHeaders();
		converter.write(form, new MediaType(MediaType.APPLICATION_FORM_URLENCODED, charset(request)),
				new HttpOutputMessage() {

					@Override
					public OutputStream getBody() {
						return body;
					}

					@Override
					public HttpHeaders getHeaders() {
						return headers;
					}

				});
		return body.toByteArray();
	}

	private static boolean isForm(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * How many values each parameter name has in the query string, names decoded, counted as
	 * the container parses it: pairs split at {@code &}, the name before the first {@code =},
	 * and pairs with an empty name ignored.
	 */
	private static Map<String, Integer> countByName(@Nullable String query) {
		Map<String, Integer> counts = new HashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				String name = (equals >= 0) ? pair.substring(0, equals) : pair;
				if (!name.isEmpty()) {
					counts.merge(decode(name), 1, Integer::sum);
				}
			}
		}
		return counts;
	}

	private static String decode(String name) {
		try {
			// As the container decodes the query string: UTF-8, with '+' for a space.
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

	/** The charset the parameters were decoded with, as ServletServerHttpRequest takes it. */
	private static Charset charset(HttpServletRequest request) {
		String encoding = request.getCharacterEncoding();
		if (encoding != null) {
			try {
				Charset charset = Charset.forName(encoding);
				// Some charsets only decode (x-JISAutoDetect): the form could not be written in them.
				if (charset.canEncode()) {
					return charset;
				}
			}
			catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
				// Fall back as Spring does.
			}
		}
		return StandardCharsets.UTF_8;
	}

}
