package io.shareddata.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import io.shareddata.http.ContainerSendfile;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes a byte range of a file version: from memory, through the container's sendfile
 * (zero-copy) from the version's pinned link, from the file channel the filter opened and
 * verified for this response, or, for classpath resources in a jar, as a stream. A large file
 * is never loaded into the heap.
 * <p>
 * The body never comes from a second open of the exported path by name: under atomic
 * replacement that could send one version's bytes under another version's Content-Length and
 * ETag. Sendfile is handed the pinned link, which can only be this version.
 */
final class BodyWriter {

	/**
	 * From this length on, a body goes to the container's sendfile when it can take it, even from
	 * a version held in memory, as Tomcat's own default servlet does: Tomcat writes a copied body
	 * in socket writes of 8 KiB, and at 64 KiB those cost more than one sendfile. Below it,
	 * handing the file to the container's poller costs more than copying (Tomcat's threshold).
	 */
	static final long SENDFILE_MIN_LENGTH = 48 * 1024;

	/** Bytes read from a file at a time when copying. */
	private static final int CHUNK_SIZE = 64 * 1024;

	private BodyWriter() {
	}

	/**
	 * Sends the body of a single-part response (the whole file or one range), whose
	 * Content-Length is set: by sendfile when the response has a pinned link and the body is long
	 * enough, else by copying.
	 * @param request the request
	 * @param response the response
	 * @param file the version being sent
	 * @param opened the body source for this response
	 * @param start the first byte
	 * @param length how many bytes
	 */
	static void writeWhole(HttpServletRequest request, HttpServletResponse response, FileVersion file,
			OpenedFiles opened, long start, long length) throws IOException {
		Path name = opened.sendfileName();
		if (name != null && length >= SENDFILE_MIN_LENGTH) {
			ContainerSendfile.send(request, name.toString(), start, start + length);
			return;
		}
		write(response.getOutputStream(), file, opened, start, length);
	}

	/**
	 * Copies a byte range of the file to a stream: from memory when the version is there, else
	 * from the opened file.
	 * @param out the response stream
	 * @param file the version being sent
	 * @param opened the body source for this response
	 * @param start the first byte
	 * @param length how many bytes
	 */
	static void write(OutputStream out, FileVersion file, OpenedFiles opened, long start, long length)
			throws IOException {
		byte[] body = file.body();
		if (body != null) {
			out.write(body, (int) start, (int) length);
			return;
		}
		FileChannel channel = opened.channel();
		if (channel != null) {
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_SIZE, Math.max(length, 1)));
			long position = start;
			long end = start + length;
			while (position < end) {
				buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
				int read = channel.read(buffer, position);
				if (read <= 0) {
					// Modified in place while being sent: the client sees a short body and the connection closes.
					throw new IOException("File shorter than its recorded length: " + file.stored().fileName());
				}
				out.write(buffer.array(), 0, read);
				position += read;
			}
			return;
		}
		InputStream resourceStream = opened.takeResourceStream();
		try (InputStream in = (resourceStream != null) ? resourceStream : file.stored().open()) {
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
