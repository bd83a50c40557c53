package io.shareddata.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LinkFolderTests {

	@TempDir
	Path parent;

	private Process holder;

	@AfterEach
	void stopHolder() throws InterruptedException {
		if (this.holder != null) {
			this.holder.destroyForcibly();
			this.holder.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aFolderIsKeptWhileItsProcessLivesAndDeletedAfterItDied() throws Exception {
		Path theirs = startHolder("hold");
		try (LinkFolder ours = LinkFolder.create(this.parent)) {
			assertThat(theirs.resolve("1")).exists();
			assertThat(ours.path()).exists().isNotEqualTo(theirs);
		}
		// Killed, as a crash would end it: it never closed its folder
		this.holder.destroyForcibly();
		assertThat(this.holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(theirs.resolve("1")).exists();
		try (LinkFolder ours = LinkFolder.create(this.parent)) {
			assertThat(theirs).doesNotExist();
			assertThat(ours.path()).exists();
		}
	}

	@Test
	void aSweepInThisJvmLeavesTheFoldersOfThisJvmLockedForOtherProcesses() throws Exception {
		try (LinkFolder first = LinkFolder.create(this.parent); LinkFolder second = LinkFolder.create(this.parent)) {
			Files.writeString(first.path().resolve("1"), "a pinned version");
			// The second creation swept the parent; another process sweeps it now
			Path theirs = startHolder("close");
			assertThat(this.holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(theirs).doesNotExist();
			assertThat(first.path().resolve("1")).exists();
			assertThat(second.path()).exists();
		}
	}

	@Test
	void aFolderLeftByADeadProcessWithThisProcessIdIsDeleted() throws IOException {
		// A restarted container's JVM has the dead one's process id (often 1), not its start time
		Path stale = Files.createDirectories(
				this.parent.resolve(LinkFolder.PREFIX + ProcessHandle.current().pid() + "-0-123"));
		Files.writeString(stale.resolve(LinkFolder.LOCK_FILE), "");
		Files.writeString(stale.resolve("1"), "a pinned version");
		try (LinkFolder ours = LinkFolder.create(this.parent)) {
			assertThat(stale).doesNotExist();
		}
	}

	@Test
	void aFolderWithoutLockFileIsNeverDeleted() throws IOException {
		Path unlocked = Files.createDirectories(this.parent.resolve(LinkFolder.PREFIX + "old"));
		Files.writeString(unlocked.resolve("1"), "from an older version, or not ours");
		try (LinkFolder ours = LinkFolder.create(this.parent)) {
			assertThat(unlocked.resolve("1")).exists();
		}
	}

	@Test
	void aSymbolicLinkNamedLikeAFolderIsNotFollowed() throws IOException {
		Path elsewhere = Files.createDirectories(this.parent.resolve("elsewhere"));
		Files.writeString(elsewhere.resolve(LinkFolder.LOCK_FILE), "");
		Files.writeString(elsewhere.resolve("precious"), "not a link of ours");
		Path link = Files.createSymbolicLink(this.parent.resolve(LinkFolder.PREFIX + "link"), elsewhere);
		try (LinkFolder ours = LinkFolder.create(this.parent)) {
			assertThat(elsewhere.resolve("precious")).exists();
			assertThat(link).exists();
		}
	}

	@Test
	void closeDeletesTheFolderAndWhatIsInIt() throws IOException {
		LinkFolder folder = LinkFolder.create(this.parent);
		Files.writeString(folder.path().resolve("1"), "a pinned version");
		assertThat(folder.path().resolve(LinkFolder.LOCK_FILE)).exists();
		folder.close();
		try (var left = Files.list(this.parent)) {
			assertThat(left).isEmpty();
		}
	}

	/** Starts {@link LinkFolderHolder} in a JVM of its own and returns the folder it created. */
	private Path startHolder(String mode) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				LinkFolderHolder.class.getName(), this.parent.toString(), mode)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(this.holder.getInputStream(), StandardCharsets.UTF_8));
		String line = output.readLine();
		assertThat(line).as("the folder the other process created").isNotNull();
		return Path.of(line);
	}

}
