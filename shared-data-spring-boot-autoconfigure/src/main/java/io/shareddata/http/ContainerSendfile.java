package io.shareddata.http;

import jakarta.servlet.ServletRequest;

/**
 * Tomcat's sendfile request attributes, in one place: shared data hands a large file to the
 * container with them, and request logging reads them back to count a body that never passes
 * through the response stream.
 */
public final class ContainerSendfile {

	/** Set by the container to {@code Boolean.TRUE} when it can send a file itself (zero-copy). */
	public static final String SUPPORTED = "org.apache.tomcat.sendfile.support";

	/** The name of the file for the container to send after the filters return. */
	public static final String FILENAME = "org.apache.tomcat.sendfile.filename";

	/** The first byte to send, a {@code Long}. */
	public static final String START = "org.apache.tomcat.sendfile.start";

	/** One past the last byte to send, a {@code Long}. */
	public static final String END = "org.apache.tomcat.sendfile.end";

	private ContainerSendfile() {
	}

	/**
	 * Returns whether the container can send a file by name after the response returns.
	 * @param request the request
	 * @return whether sendfile is available
	 */
	public static boolean isSupported(ServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(SUPPORTED));
	}

	/**
	 * Hands a byte range of a file to the container.
	 * @param request the request
	 * @param fileName the file to send
	 * @param start the first byte
	 * @param end one past the last byte
	 */
	public static void send(ServletRequest request, String fileName, long start, long end) {
		request.setAttribute(FILENAME, fileName);
		request.setAttribute(START, start);
		request.setAttribute(END, end);
	}

	/**
	 * Returns how many bytes a request handed to the container's sendfile.
	 * @param request the request
	 * @return the length of the range, or 0 when nothing was handed over
	 */
	public static long handedOverLength(ServletRequest request) {
		if (request.getAttribute(FILENAME) != null && request.getAttribute(START) instanceof Long start
				&& request.getAttribute(END) instanceof Long end && end > start) {
			return end - start;
		}
		return 0;
	}

}
