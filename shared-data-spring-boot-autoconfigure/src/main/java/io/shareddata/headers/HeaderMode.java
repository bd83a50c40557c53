package io.shareddata.headers;

/**
 * How a {@link HeaderRule} treats a header that the application, or an earlier rule, may
 * already have written.
 */
public enum HeaderMode {

	/**
	 * Replace every value the header has with the rule's value.
	 */
	SET,

	/**
	 * Add the rule's value as one more value of the header, keeping the existing ones.
	 */
	ADD,

	/**
	 * Write the rule's value only when the header has no value yet, so the application's own
	 * value wins.
	 */
	SET_IF_ABSENT,

	/**
	 * Delete the header, whoever wrote it.
	 */
	REMOVE

}
