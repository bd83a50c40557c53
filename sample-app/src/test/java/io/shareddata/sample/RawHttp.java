package io.shareddata.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request exactly as written, for paths and headers no HTTP client library would send
 * (raw {@code ..}, backslashes, NUL, broken escapes), optionally from a chosen local address.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends a GET with {@code Connection: close} and reads the whole response.
	 * @param port the server port on 127.0.0.1
	 * @param target the request target, sent verbatim
	 * @param extraHeaders header lines without the trailing CRLF
	 * @return the response
	 */
	static Response get(int port, String target, String... extraHeaders) throws IOException {
		return send(null, port, "GET " + target + " HTTP/1.1", extraHeaders);
	}

	static Response send(String localAddress, int port, String requestLine, String... extraHeaders) throws IOException {
		try (Socket socket = new Socket()) {
			if (localAddress != null) {
				socket.bind(new InetSocketAddress(InetAddress.getByAddress(literal(localAddress)), 0));
			}
			socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), port), 5000);
			// Bounded: a server that never answers fails the test instead of hanging the build.
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1:").append(port)
				.append("\r\nConnection: close\r\n");
			for (String header : extraHeaders) {
				request.append(header).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			in.transferTo(bytes);
			return Response.parse(bytes.toByteArray());
		}
	}

	private static byte[] literal(String dotted) {
		String[] parts = dotted.split("\\.");
		byte[] address = new byte[4];
		for (int i = 0; i < 4; i++) {
			address[i] = (byte) Integer.parseInt(parts[i]);
		}
		return address;
	}

	record Response(int status, String head, byte[] body) {

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			byte[] body = (end >= 0) ? java.util.Arrays.copyOfRange(raw, end + 4, raw.length) : new byte[0];
			int status = Integer.parseInt(head.substring(9, 12));
			return new Response(status, head, body);
		}

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
					return line.substring(colon + 1).strip();
				}
			}
			return null;
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
