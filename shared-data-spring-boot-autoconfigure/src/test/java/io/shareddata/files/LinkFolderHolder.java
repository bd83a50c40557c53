package io.shareddata.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another process for {@link LinkFolderTests}: creates a link folder with one file in it under
 * the folder given as its first argument and prints the folder's path. With {@code hold} it
 * then waits for its standard input to close and exits without closing the folder, as a crash
 * would; with {@code close} it closes the folder and exits.
 */
final class LinkFolderHolder {

	private LinkFolderHolder() {
	}

	public static void main(String[] args) throws IOException {
		LinkFolder folder = LinkFolder.create(Path.of(args[0]));
		Files.writeString(folder.path().resolve("1"), "a pinned version");
		System.out.println(folder.path());
		System.out.flush();
		if ("hold".equals(args[1])) {
			System.in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		else {
			folder.close();
		}
	}

}
