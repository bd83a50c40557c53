package io.shareddata.http;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * Both paths of one dispatch of a request (see {@link RequestPaths}), each parsed at most
 * once however many filters match rules against it: {@link #of} keeps the value on the
 * request and hands it to every later caller while the dispatch's paths stay the same. A
 * filter that must match the path the client asked for on later dispatches (an error page)
 * keeps the value it got on the first one.
 * <p>
 * Most paths are plain text (no percent sign, no {@code ;}): then each path's {@link #text}
 * is exactly what a {@code PathPattern} compares its segments with, and {@link PathPatterns}
 * decides most rules on the text without parsing either path.
 * <p>
 * Not thread-safe, like the request it belongs to: a request is handled by one thread at a
 * time.
 */
public final class RequestedPath {

	/**
	 * The two paths of a request (see {@link RequestPaths}).
	 */
	public enum Kind {

		/** The container's decoded, normalised path: {@link #normalised()}. */
		NORMALISED,

		/** The path Spring MVC routes by: {@link #routed()}. */
		ROUTED

	}

	private static final String ATTRIBUTE = RequestedPath.class.getName();

	private final String requestUri;

	private final String contextPath;

	private final String pathWithinApplication;

	private @Nullable PathContainer normalised;

	private @Nullable PathContainer routed;

	private boolean routedParsed;

	private @Nullable String routedText;

	private boolean routedTextKnown;

	private RequestedPath(String requestUri, String contextPath, String pathWithinApplication) {
		this.requestUri = requestUri;
		this.contextPath = contextPath;
		this.pathWithinApplication = pathWithinApplication;
	}

	/**
	 * Returns both paths of the request's current dispatch, parsing them only if no filter
	 * asked for them yet in this dispatch (a forward or an error page has paths of its own).
	 * @param request the request
	 * @return the paths
	 */
	public static RequestedPath of(HttpServletRequest request) {
		String requestUri = Objects.requireNonNullElse(request.getRequestURI(), "");
		String contextPath = Objects.requireNonNullElse(request.getContextPath(), "");
		String pathWithinApplication = RequestPaths.pathWithinApplication(request);
		if (request.getAttribute(ATTRIBUTE) instanceof RequestedPath known
				&& known.isOf(requestUri, contextPath, pathWithinApplication)) {
			return known;
		}
		RequestedPath path = new RequestedPath(requestUri, contextPath, pathWithinApplication);
		request.setAttribute(ATTRIBUTE, path);
		return path;
	}

	private boolean isOf(String requestUri, String contextPath, String pathWithinApplication) {
		// The container hands out the same String instances within a dispatch: usually no
		// character is compared.
		return this.requestUri.equals(requestUri) && this.contextPath.equals(contextPath)
				&& this.pathWithinApplication.equals(pathWithinApplication);
	}

	/**
	 * Returns the container's decoded, normalised path.
	 * @return the path for matching
	 */
	public PathContainer normalised() {
		PathContainer path = this.normalised;
		if (path == null) {
			path = RequestPaths.normalisedPath(this.pathWithinApplication);
			this.normalised = path;
		}
		return path;
	}

	/**
	 * Returns the path Spring MVC routes by.
	 * @return the path for matching, or {@code null} when the URI cannot be parsed
	 */
	public @Nullable PathContainer routed() {
		if (!this.routedParsed) {
			this.routed = RequestPaths.routedPath(this.requestUri, this.contextPath);
			this.routedParsed = true;
		}
		return this.routed;
	}

	/**
	 * Returns whether Spring can parse the path it routes by; known without parsing it when
	 * its {@link #text} is plain.
	 * @return whether {@link #routed()} is not {@code null}
	 */
	public boolean hasRoutedPath() {
		return text(Kind.ROUTED) != null || routed() != null;
	}

	/**
	 * Returns one of the paths.
	 * @param kind which path
	 * @return the path for matching, or {@code null} for a routed path that cannot be parsed
	 */
	public @Nullable PathContainer container(Kind kind) {
		return (kind == Kind.NORMALISED) ? normalised() : routed();
	}

	/**
	 * Returns one of the paths as the text a {@code PathPattern} matches its segments with,
	 * without parsing it: the normalised path always (the container has decoded it already);
	 * the routed path only when decoding and dropping {@code ;} parameters would change
	 * nothing, that is when it is printable ASCII without {@code %} or {@code ;}.
	 * @param kind which path
	 * @return the text, or {@code null} when only {@link #container} can tell
	 */
	public @Nullable String text(Kind kind) {
		if (kind == Kind.NORMALISED) {
			return RequestPaths.normalisedText(this.pathWithinApplication);
		}
		if (!this.routedTextKnown) {
			this.routedText = plainPathWithinContext(this.requestUri, this.contextPath);
			this.routedTextKnown = true;
		}
		return this.routedText;
	}

	/**
	 * The raw URI within the context path, when Spring's {@code RequestPath} would parse it
	 * into segments equal to its own text: the context path is valid and a whole-segment
	 * prefix, and no character is decoded, dropped or replaced.
	 */
	private static @Nullable String plainPathWithinContext(String requestUri, String contextPath) {
		for (int i = 0; i < requestUri.length(); i++) {
			char c = requestUri.charAt(i);
			if (c <= ' ' || c >= 0x7F || c == '%' || c == ';') {
				return null;
			}
		}
		if (contextPath.isEmpty()) {
			return requestUri;
		}
		boolean validContextPath = contextPath.startsWith("/") && !contextPath.endsWith("/")
				&& requestUri.startsWith(contextPath)
				&& (requestUri.length() == contextPath.length() || requestUri.charAt(contextPath.length()) == '/');
		return validContextPath ? requestUri.substring(contextPath.length()) : null;
	}

	@Override
	public String toString() {
		return this.pathWithinApplication;
	}

}
