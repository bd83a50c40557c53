package io.shareddata.autoconfigure.access;

import java.util.ArrayList;
import java.util.List;

import io.shareddata.net.ClientAddressSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the IP allow-list. {@code trusted-proxies} and
 * {@code client-address-source} also configure the client address every shareddata feature
 * uses, whether the allow-list is enabled or not.
 */
@ConfigurationProperties("shareddata.ip-allowlist")
public class IpAllowlistProperties {

	/**
	 * Whether to enable the IP allow-list. It is only active when addresses are configured.
	 */
	private boolean enabled = true;

	/**
	 * Comma-separated list of IP addresses and CIDR ranges, IPv4 or IPv6, allowed to make
	 * requests to the protected paths. Host names are not accepted.
	 */
	private List<String> addresses = new ArrayList<>();

	/**
	 * Comma-separated list of path patterns protected by the allow-list, matched against the
	 * normalised path within the application. When empty, every path is protected.
	 */
	private List<String> paths = new ArrayList<>();

	/**
	 * Comma-separated list of path patterns never checked, even when they match a protected
	 * path.
	 */
	private List<String> excludePaths = new ArrayList<>();

	/**
	 * Comma-separated list of IP addresses and CIDR ranges of the reverse proxies whose
	 * forwarding headers are believed.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * Where the client address comes from: the TCP peer, or a forwarding header written by
	 * trusted proxies.
	 */
	private ClientAddressSource clientAddressSource = ClientAddressSource.PEER;

	/**
	 * HTTP status of a denied response, 403 or 404.
	 */
	private int denyStatus = 403;

	/**
	 * HTML body of a denied response. When not set, a short sentence that matches the deny
	 * status.
	 */
	private @Nullable String denyBody;

	/**
	 * Order of the allow-list filter.
	 */
	private int order = -2147483618; // SharedDataFilterOrder.IP_ALLOWLIST

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getAddresses() {
		return this.addresses;
	}

	public void setAddresses(List<String> addresses) {
		this.addresses = addresses;
	}

	public List<String> getPaths() {
		return this.paths;
	}

	public void setPaths(List<String> paths) {
		this.paths = paths;
	}

	public List<String> getExcludePaths() {
		return this.excludePaths;
	}

	public void setExcludePaths(List<String> excludePaths) {
		this.excludePaths = excludePaths;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public ClientAddressSource getClientAddressSource() {
		return this.clientAddressSource;
	}

	public void setClientAddressSource(ClientAddressSource clientAddressSource) {
		this.clientAddressSource = clientAddressSource;
	}

	public int getDenyStatus() {
		return this.denyStatus;
	}

	public void setDenyStatus(int denyStatus) {
		this.denyStatus = denyStatus;
	}

	public @Nullable String getDenyBody() {
		return this.denyBody;
	}

	public void setDenyBody(@Nullable String denyBody) {
		this.denyBody = denyBody;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

}
