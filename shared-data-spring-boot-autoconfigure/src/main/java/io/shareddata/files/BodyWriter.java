package io.shareddata.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes a byte range of a file version to the response by the cheapest means available:
 * from memory, through the container's sendfile (zero-copy), through a file channel, or, for
 * classpath resources in a jar, as a stream. Never loads a large file into the heap.
 */
final class BodyWriter {

	/** Request attribute by which Tomcat says it can send files itself (zero-copy). */
	private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";

	private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";

	private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";

	private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

	/** Below this, handing the file to the poller costs more than copying it (Tomcat's own threshold). */
	private static final long SENDFILE_MIN_LENGTH = 48 * 1024;

	private BodyWriter() {
	}

	/**
	 * Writes the whole body of a single-part response: one range, or the whole file. The
	 * Content-Length must already be set.
	 */
	static void writeWhole(HttpServletRequest request, HttpServletResponse response, FileVersion file, long start,
			long length) throws IOException {
		Path path = file.stored().path();
		if (file.body() == null && path != null && length >= SENDFILE_MIN_LENGTH
				&& Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
			request.setAttribute(SENDFILE_FILENAME, path.toString());
			request.setAttribute(SENDFILE_START, start);
			request.setAttribute(SENDFILE_END, start + length);
			return;
		}
		write(response.getOutputStream(), file, start, length);
	}

	/**
	 * Copies a byte range of the file to a stream.
	 */
	static void write(OutputStream out, FileVersion file, long start, long length) throws IOException {
		byte[] body = file.body();
		if (body != null) {
			out.write(body, (int) start, (int) length);
			return;
		}
		Path path = file.stored().path();
		if (path != null) {
			try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
				WritableByteChannel target = Channels.newChannel(out);
				long position = start;
				long end = start + length;
				while (position < end) {
					long sent = channel.transferTo(position, end - position, target);
					if (sent <= 0) {
						// The file shrank under us; the client sees a short body and the connection closes.
						throw new IOException("File shorter than its recorded length: " + path);
					}
					position += sent;
				}
			}
			return;
		}
		try (InputStream in = file.stored().open()) {
			in.skipNBytes(start);
			long remaining = length;
			byte[] buffer = new byte[(int) Math.min(16 * 1024, Math.max(length, 1))];
			while (remaining > 0) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (read < 0) {
					throw new IOException("Resource shorter than its recorded length");
				}
				out.write(buffer, 0, read);
				remaining -= read;
			}
		}
	}

}
