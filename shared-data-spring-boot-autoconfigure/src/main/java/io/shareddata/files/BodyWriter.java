package io.shareddata.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

import org.jspecify.annotations.Nullable;

/**
 * Writes a byte range of a file version to a stream: from memory, from the file channel the
 * filter opened and verified for this response, or, for classpath resources in a jar, as a
 * stream. A large file is never loaded into the heap.
 * <p>
 * The body always comes from the channel that was checked to be the recorded version, never
 * from a second open by name: under atomic replacement, a container's sendfile (which opens
 * the file by name later) could send one version's bytes under another version's
 * Content-Length and ETag.
 */
final class BodyWriter {

	private BodyWriter() {
	}

	/**
	 * Copies a byte range of the file to a stream.
	 * @param out the response stream
	 * @param file the version being sent
	 * @param channel the verified open file, for a version on disk that is not in memory
	 * @param start the first byte
	 * @param length how many bytes
	 */
	static void write(OutputStream out, FileVersion file, @Nullable FileChannel channel, long start, long length)
			throws IOException {
		byte[] body = file.body();
		if (body != null) {
			out.write(body, (int) start, (int) length);
			return;
		}
		if (channel != null) {
			WritableByteChannel target = Channels.newChannel(out);
			long position = start;
			long end = start + length;
			while (position < end) {
				long sent = channel.transferTo(position, end - position, target);
				if (sent <= 0) {
					// Modified in place while being sent: the client sees a short body and the connection closes.
					throw new IOException("File shorter than its recorded length: " + file.stored().fileName());
				}
				position += sent;
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
