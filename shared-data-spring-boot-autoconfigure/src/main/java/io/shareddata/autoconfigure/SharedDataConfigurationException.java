package io.shareddata.autoconfigure;

import io.shareddata.http.LogValueEscaper;

/**
 * Thrown at start-up when a {@code shareddata.*} property has a value the starter cannot use.
 * {@link SharedDataConfigurationFailureAnalyzer} turns it into a report that names the
 * property and the fix, so a bad configuration never reaches the first request.
 */
public class SharedDataConfigurationException extends RuntimeException {

	/** A configured value is echoed into the start-up report: never with raw CR, LF or escapes. */
	private static final LogValueEscaper VALUE_ESCAPER = new LogValueEscaper(200);

	private final String property;

	private final String value;

	private final String action;

	/**
	 * Creates a new exception.
	 * @param property the full name of the offending property, e.g. {@code shareddata.files.exports[0].path}
	 * @param value the offending value as configured
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public SharedDataConfigurationException(String property, Object value, String problem, String action) {
		super("Invalid value '" + VALUE_ESCAPER.escape(String.valueOf(value)) + "' for property '" + property + "': "
				+ problem);
		this.property = property;
		this.value = String.valueOf(value);
		this.action = action;
	}

	/**
	 * Returns the full name of the offending property.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns the offending value as configured.
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Returns how to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
