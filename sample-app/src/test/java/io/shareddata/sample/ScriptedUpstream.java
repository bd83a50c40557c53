package io.shareddata.sample;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that writes raw bytes, for upstreams that misbehave at a chosen moment: each
 * connection reads a request head and runs the script registered for the longest matching
 * path prefix. A script ends its connection by returning (the socket is then closed).
 */
final class ScriptedUpstream implements Closeable {

	private final ServerSocket listener;

	private final Map<String, Script> scripts = new ConcurrentHashMap<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/** Connections accepted and not yet closed by the script's end. */
	final AtomicInteger open = new AtomicInteger();

	ScriptedUpstream() throws IOException {
		this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "scripted-upstream");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.listener.getLocalPort() + path;
	}

	void script(String pathPrefix, Script script) {
		this.scripts.put(pathPrefix, script);
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			Socket socket;
			try {
				socket = this.listener.accept();
			}
			catch (IOException ex) {
				return;
			}
			this.sockets.add(socket);
			this.open.incrementAndGet();
			Thread handler = new Thread(() -> handle(socket), "scripted-upstream-connection");
			handler.setDaemon(true);
			handler.start();
		}
	}

	private void handle(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			while (true) {
				Head head = Head.read(in);
				if (head == null) {
					return;
				}
				Script script = null;
				int longest = -1;
				for (Map.Entry<String, Script> entry : this.scripts.entrySet()) {
					if (head.path().startsWith(entry.getKey()) && entry.getKey().length() > longest) {
						script = entry.getValue();
						longest = entry.getKey().length();
					}
				}
				if (script == null || !script.run(head, in, out)) {
					return;
				}
			}
		}
		catch (IOException ex) {
			// The proxy went away.
		}
		finally {
			this.sockets.remove(socket);
			this.open.decrementAndGet();
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	/**
	 * What the upstream does with one request.
	 */
	interface Script {

		/**
		 * Answers a request whose head has been read.
		 * @return whether to read another request on the connection
		 */
		boolean run(Head head, InputStream in, OutputStream out) throws IOException;

	}

	/**
	 * A request head as read.
	 * @param requestLine the request line
	 * @param headers the header lines
	 */
	record Head(String requestLine, List<String> headers) {

		String path() {
			return this.requestLine.split(" ")[1];
		}

		String header(String name) {
			for (String line : this.headers) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

		long contentLength() {
			String value = header("Content-Length");
			return (value != null) ? Long.parseLong(value) : 0;
		}

		static Head read(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b == -1) {
					return null;
				}
				head.write(b);
			}
			List<String> lines = List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n"));
			return new Head(lines.get(0), lines.subList(1, lines.size()));
		}

	}

	/** Reads a chunked body to its last chunk and the trailer fields after it. */
	static byte[] readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int size;
		while ((size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0) {
			body.write(in.readNBytes(size));
			readLine(in);
		}
		while (!readLine(in).isEmpty()) {
			// A trailer field: not part of the body.
		}
		return body.toByteArray();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
