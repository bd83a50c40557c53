package io.shareddata.headers;

/**
 * Thrown when a {@link HeaderRule} is built from a name, value or path pattern that cannot be
 * used. Says which part of the rule is wrong, so configuration code can name the exact
 * property, and how to fix it.
 */
public class InvalidHeaderRuleException extends IllegalArgumentException {

	private final String part;

	private final String value;

	private final String action;

	/**
	 * Creates a new exception.
	 * @param part the offending part of the rule: {@code name}, {@code value} or
	 * {@code paths[i]}
	 * @param value the offending value
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidHeaderRuleException(String part, String value, String problem, String action) {
		super(problem);
		this.part = part;
		this.value = value;
		this.action = action;
	}

	/**
	 * Returns the offending part of the rule: {@code name}, {@code value} or {@code paths[i]}.
	 * @return the part, usable as a property name suffix
	 */
	public String getPart() {
		return this.part;
	}

	/**
	 * Returns the offending value as configured. It may contain line breaks: escape it before
	 * logging it (the start-up report does).
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Returns how to fix the rule.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
