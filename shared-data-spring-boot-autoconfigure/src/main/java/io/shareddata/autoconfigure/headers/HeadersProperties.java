package io.shareddata.autoconfigure.headers;

import java.util.ArrayList;
import java.util.List;

import io.shareddata.headers.HeaderMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for custom response headers.
 */
@ConfigurationProperties("shareddata.headers")
public class HeadersProperties {

	/**
	 * Whether to enable custom response headers. The filter is only registered when there
	 * are rules or the security preset is on.
	 */
	private boolean enabled = true;

	/**
	 * Header rules, applied to every response in list order. Several rules may name the same
	 * header.
	 */
	private List<Rule> rules = new ArrayList<>();

	/**
	 * Whether to add common security headers (X-Content-Type-Options, Referrer-Policy,
	 * X-Frame-Options, Cross-Origin-Opener-Policy, and Strict-Transport-Security on secure
	 * requests) unless the application sets them. They are applied before the rules.
	 */
	private boolean securityPreset = false;

	/**
	 * Order of the headers filter in the servlet filter chain.
	 */
	private int order = -2147483628; // SharedDataFilterOrder.HEADERS

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Rule> getRules() {
		return this.rules;
	}

	public void setRules(List<Rule> rules) {
		this.rules = rules;
	}

	public boolean isSecurityPreset() {
		return this.securityPreset;
	}

	public void setSecurityPreset(boolean securityPreset) {
		this.securityPreset = securityPreset;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	/**
	 * One header rule.
	 */
	public static class Rule {

		/**
		 * Header name, an RFC 9110 token such as X-Powered-By.
		 */
		private @Nullable String name;

		/**
		 * Header value. Required unless the mode is remove.
		 */
		private @Nullable String value;

		/**
		 * How the rule treats a header that is already present.
		 */
		private HeaderMode mode = HeaderMode.SET_IF_ABSENT;

		/**
		 * Comma-separated list of Spring path patterns the rule applies to, matched on the
		 * path within the application. Every path when empty.
		 */
		private List<String> paths = new ArrayList<>();

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getValue() {
			return this.value;
		}

		public void setValue(@Nullable String value) {
			this.value = value;
		}

		public HeaderMode getMode() {
			return this.mode;
		}

		public void setMode(HeaderMode mode) {
			this.mode = mode;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

	}

}
