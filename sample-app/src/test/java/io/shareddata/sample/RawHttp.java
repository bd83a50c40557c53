package io.shareddata.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately dumb HTTP/1.1 client over a plain {@link Socket}: it sends the request target
 * exactly as written (JDK's {@code HttpClient} normalises {@code //} and {@code /./}, and
 * cannot bind a local address), and connects from a chosen local address such as
 * {@code 127.0.0.2}.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends {@code GET target} from {@code localAddress} to the server's loopback address.
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
			socket.setSoTimeout(20_000);
			// Literals only: getByName on an IP literal never touches DNS.
			socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
			socket.connect(new InetSocketAddress(InetAddress.getByName(serverAddress), port), 20_000);
			StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
				.append("Host: localhost\r\nConnection: close\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int statusEnd = raw.indexOf("\r\n");
			int headersEnd = raw.indexOf("\r\n\r\n");
			int status = Integer.parseInt(raw.substring(9, 12));
			return new Response(status, raw.substring(0, headersEnd), raw.substring(headersEnd + 4),
					raw.substring(0, statusEnd));
		}
	}

	/**
	 * A response as received.
	 * @param status the status code
	 * @param headers the status line and header lines
	 * @param body the body as sent (possibly chunked)
	 * @param statusLine the status line
	 */
	record Response(int status, String headers, String body, String statusLine) {
	}

}
