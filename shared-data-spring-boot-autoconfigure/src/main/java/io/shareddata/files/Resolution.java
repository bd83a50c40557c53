package io.shareddata.files;

import org.jspecify.annotations.Nullable;

/**
 * What a request path resolves to: a file, a redirect to the directory's slash form (index
 * files only), or nothing (fall through to the application).
 *
 * @param file the file to serve, or {@code null}
 * @param redirectLocation the relative Location to redirect to, or {@code null}
 */
record Resolution(@Nullable FileVersion file, @Nullable String redirectLocation) {

	static final Resolution NONE = new Resolution(null, null);

	static Resolution of(FileVersion file) {
		return new Resolution(file, null);
	}

	static Resolution redirect(String location) {
		return new Resolution(null, location);
	}

}
