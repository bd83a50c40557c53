package io.shareddata.files;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The private hard link of one file version on disk (see {@link PinnedLinks}): made the first
 * time a response wants it, retired when the version stops being served.
 */
final class PinnedLink {

	private final PinnedLinks links;

	private final StoredFile file;

	private volatile @Nullable Path path;

	private boolean attempted;

	private boolean retired;

	PinnedLink(PinnedLinks links, StoredFile file) {
		this.links = links;
		this.file = file;
	}

	/**
	 * Returns the link, making it on first use.
	 * @return the link, or {@code null} when none could be made
	 */
	@Nullable Path path() {
		Path made = this.path;
		if (made != null) {
			return made;
		}
		synchronized (this) {
			if (!this.attempted && !this.retired) {
				// One attempt per version: a file that cannot be linked is sent by copying.
				this.attempted = true;
				this.path = this.links.link(this.file);
			}
			return this.path;
		}
	}

	/** The version is no longer served: its link goes after the grace period. */
	synchronized void retire() {
		if (this.retired) {
			return;
		}
		this.retired = true;
		Path made = this.path;
		if (made != null) {
			this.links.retire(made);
		}
	}

}
