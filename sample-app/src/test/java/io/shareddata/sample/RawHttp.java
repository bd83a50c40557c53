package io.shareddata.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A deliberately dumb HTTP/1.1 client over a plain {@link Socket}: it sends the request target
 * exactly as written (no client library would send raw {@code ..}, backslashes, NUL or broken
 * escapes, and JDK 17's {@code HttpClient} cannot bind a local address), optionally from a
 * chosen local address such as {@code 127.0.0.2}.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends {@code GET target} from and to 127.0.0.1.
	 * @param port the server port
	 * @param target the request target, sent as is
	 * @param headers extra header lines, {@code "Name: value"}
	 * @return the response
	 */
	static Response get(int port, String target, String... headers) throws IOException {
		return get("127.0.0.1", "127.0.0.1", port, target, headers);
	}

	/**
	 * Sends {@code GET target} from {@code localAddress} to the server's address.
	 * @param localAddress the client's address, an IP literal
	 * @param serverAddress the server's address, an IP literal
	 * @param port the server port
	 * @param target the request target, sent as is
	 * @param headers extra header lines, {@code "Name: value"}
	 * @return the response
	 */
	static Response get(String localAddress, String serverAddress, int port, String target, String... headers)
			throws IOException {
		try (Socket socket = new Socket()) {
			// Bounded: a server that never answers fails the test instead of hanging the build.
			socket.setSoTimeout(20_000);
			// Literals only: getByName on an IP literal never touches DNS.
			socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
			socket.connect(new InetSocketAddress(InetAddress.getByName(serverAddress), port), 20_000);
			StringBuilder request = new StringBuilder("GET ").append(target)
				.append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("\r\n");
			byte[] requestBytes = request.toString().getBytes(StandardCharsets.ISO_8859_1);
			OutputStream out = socket.getOutputStream();
			// Written while the answer is read, as browsers do: a server may answer an oversized
			// request early and close, and the client must still see that answer.
			Thread writer = new Thread(() -> {
				try {
					out.write(requestBytes);
					out.flush();
				}
				catch (IOException ex) {
					// The server closed before reading everything; its answer is read below.
				}
			}, "raw-http-writer");
			writer.start();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try {
				socket.getInputStream().transferTo(bytes);
			}
			catch (SocketException ex) {
				// A reset after the answer arrived (the unread rest of the request): keep the answer.
				if (bytes.size() == 0) {
					throw ex;
				}
			}
			finally {
				socket.close();
				joinQuietly(writer);
			}
			return Response.parse(bytes.toByteArray());
		}
	}

	private static void joinQuietly(Thread writer) {
		try {
			writer.join(20_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A response as received.
	 * @param status the status code
	 * @param headers the status line and header lines
	 * @param bytes the body as sent (possibly chunked)
	 */
	record Response(int status, String headers, byte[] bytes) {

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			byte[] body = (end >= 0) ? Arrays.copyOfRange(raw, end + 4, raw.length) : new byte[0];
			return new Response(Integer.parseInt(head.substring(9, 12)), head, body);
		}

		/** The body decoded as UTF-8. */
		String body() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		String header(String name) {
			for (String line : this.headers.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
					return line.substring(colon + 1).strip();
				}
			}
			return null;
		}

	}

}
