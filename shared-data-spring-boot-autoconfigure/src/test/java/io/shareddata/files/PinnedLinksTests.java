package io.shareddata.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PinnedLinksTests {

	@TempDir
	Path root;

	private Path export;

	private Path parent;

	private final AtomicLong nanoTime = new AtomicLong();

	private PinnedLinks links;

	@BeforeEach
	void createFolders() throws IOException {
		this.export = Files.createDirectories(this.root.resolve("export"));
		this.parent = Files.createDirectories(this.root.resolve("tmp"));
		this.links = new PinnedLinks(this.parent, this.nanoTime::get);
	}

	@Test
	void aLinkKeepsTheVersionItPinnedWhenThePathIsReplaced() throws IOException {
		StoredFile found = write("big.bin", "version 1");
		Path link = this.links.link(found);
		assertThat(link).isNotNull().startsWith(this.parent);
		replace("big.bin", "version 2");
		assertThat(Files.readString(link)).isEqualTo("version 1");
		assertThat(Files.readString(this.export.resolve("big.bin"))).isEqualTo("version 2");
	}

	@Test
	void aVersionNoLongerAtThePathIsNotLinked() throws IOException {
		StoredFile found = write("big.bin", "version 1");
		// Same length: only the identity (a new inode) tells the versions apart.
		replace("big.bin", "version 2");
		assertThat(this.links.link(found)).isNull();
		assertThat(linksOnDisk()).isZero();
	}

	@Test
	void aFileWithoutAPathOrIdentityIsNotLinked() throws IOException {
		StoredFile found = write("big.bin", "version 1");
		assertThat(this.links.link(new StoredFile(found.fileName(), found.realRelativePath(), found.length(),
				found.lastModified(), null, found.path(), null))).isNull();
		assertThat(this.links.link(new StoredFile(found.fileName(), found.realRelativePath(), found.length(),
				found.lastModified(), found.fileKey(), null, null))).isNull();
	}

	@Test
	void whenNoLinkCanBeMadeThereIsNone() throws IOException {
		StoredFile found = write("big.bin", "version 1");
		Path notAFolder = Files.writeString(this.root.resolve("file"), "");
		assertThat(new PinnedLinks(notAFolder).link(found)).isNull();
	}

	@Test
	void aRetiredLinkStaysForTheGracePeriodAndIsThenDeleted() throws IOException {
		Path retired = this.links.link(write("a.bin", "a"));
		this.links.retire(retired);
		this.nanoTime.addAndGet(PinnedLinks.GRACE_NANOS - 1);
		this.links.link(write("b.bin", "b"));
		assertThat(retired).exists();
		this.nanoTime.addAndGet(1);
		this.links.link(write("c.bin", "c"));
		assertThat(retired).doesNotExist();
		assertThat(linksOnDisk()).isEqualTo(2);
	}

	@Test
	void closeDeletesEveryLinkAndTheFolder() throws IOException {
		this.links.link(write("a.bin", "a"));
		this.links.link(write("b.bin", "b"));
		this.links.close();
		try (var folders = Files.list(this.parent)) {
			assertThat(folders).isEmpty();
		}
		assertThat(this.links.link(write("c.bin", "c"))).as("closed: no new links").isNull();
	}

	@Test
	void aVersionIsLinkedOnceAndNotAfterItWasRetired() throws IOException {
		PinnedLink pinned = new PinnedLink(this.links, write("a.bin", "a"));
		Path first = pinned.path();
		assertThat(first).isNotNull();
		assertThat(pinned.path()).isSameAs(first);
		assertThat(linksOnDisk()).isOne();
		PinnedLink retiredUnused = new PinnedLink(this.links, write("b.bin", "b"));
		retiredUnused.retire();
		assertThat(retiredUnused.path()).isNull();
		assertThat(linksOnDisk()).isOne();
	}

	private StoredFile write(String name, String content) throws IOException {
		Files.writeString(this.export.resolve(name), content);
		StoredFile found = new DirectorySource(this.export, "test").find(name);
		assertThat(found).isNotNull();
		return found;
	}

	private void replace(String name, String content) throws IOException {
		Path replacement = Files.writeString(this.root.resolve(name + ".new"), content);
		Files.move(replacement, this.export.resolve(name), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	private long linksOnDisk() throws IOException {
		try (var folders = Files.list(this.parent)) {
			return folders.flatMap((folder) -> {
				try {
					// The folder's lock file is not a link
					return Files.list(folder)
						.filter((entry) -> !entry.getFileName().toString().equals(LinkFolder.LOCK_FILE));
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).count();
		}
	}

}
