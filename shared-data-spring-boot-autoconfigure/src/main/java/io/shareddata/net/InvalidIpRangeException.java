package io.shareddata.net;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when text is not a strict IP literal or CIDR range. The message says what is wrong;
 * {@link #getSuggestion()} gives the corrected text when there is exactly one obvious fix.
 */
public class InvalidIpRangeException extends IllegalArgumentException {

	private final @Nullable String suggestion;

	/**
	 * Creates a new exception.
	 * @param message what is wrong
	 * @param suggestion the corrected text, if there is one
	 */
	public InvalidIpRangeException(String message, @Nullable String suggestion) {
		super(message);
		this.suggestion = suggestion;
	}

	/**
	 * Returns the corrected text, for example {@code 10.0.0.0/8} for {@code 10.1.2.3/8}.
	 * @return the suggestion, or {@code null}
	 */
	public @Nullable String getSuggestion() {
		return this.suggestion;
	}

}
