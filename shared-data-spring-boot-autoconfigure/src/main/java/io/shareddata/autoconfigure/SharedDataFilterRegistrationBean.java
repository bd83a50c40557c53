package io.shareddata.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The registration of one of the starter's filters, carrying a description of the feature it
 * implements, so the whole onion can be logged at start-up and shown by the {@code shareddata}
 * actuator endpoint in chain order.
 *
 * @param <F> the filter type
 */
public class SharedDataFilterRegistrationBean<F extends Filter> extends FilterRegistrationBean<F> {

	private String feature = "";

	private String summary = "";

	private Map<String, Object> settings = Map.of();

	SharedDataFilterRegistrationBean(F filter) {
		super(filter);
	}

	/**
	 * Describes the feature this filter implements.
	 * @param feature the feature's name, e.g. {@code shared data}
	 * @param summary a one-line summary of what it does with its current settings
	 * @param settings the effective settings, without secrets, in a stable order
	 * @return this registration
	 */
	public SharedDataFilterRegistrationBean<F> describedAs(String feature, String summary,
			Map<String, Object> settings) {
		this.feature = feature;
		this.summary = summary;
		this.settings = new LinkedHashMap<>(settings);
		return this;
	}

	/**
	 * Returns the feature's name.
	 * @return the name
	 */
	public String getFeature() {
		return this.feature;
	}

	/**
	 * Returns the one-line summary.
	 * @return the summary
	 */
	public String getSummary() {
		return this.summary;
	}

	/**
	 * Returns the effective settings.
	 * @return the settings
	 */
	public Map<String, Object> getSettings() {
		return this.settings;
	}

}
