package io.shareddata.autoconfigure.net;

import java.util.ArrayList;
import java.util.List;

import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.net.InvalidIpRangeException;
import io.shareddata.net.IpAddressSet;
import io.shareddata.net.IpRange;

/**
 * Turns a configured list of IP addresses and CIDR ranges into an {@link IpAddressSet},
 * failing start-up with the full name of the first bad entry
 * ({@code shareddata.ip-allowlist.addresses[2]}) and its fix.
 */
public final class ConfiguredAddresses {

	private ConfiguredAddresses() {
	}

	/**
	 * Parses every entry of a list property.
	 * @param property the full property name, without index
	 * @param entries the configured entries
	 * @return the set
	 * @throws SharedDataConfigurationException naming {@code property[i]} for a bad entry
	 */
	public static IpAddressSet parse(String property, List<String> entries) {
		List<IpRange> ranges = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i);
			// A YAML "~" or empty entry: say so rather than fail on null or on ''.
			if (entry == null || entry.isEmpty()) {
				throw new SharedDataConfigurationException(property + "[" + i + "]", "", "an entry is empty",
						"remove it, or write an IP address or CIDR range");
			}
			try {
				ranges.add(IpRange.parse(entry));
			}
			catch (InvalidIpRangeException ex) {
				String suggestion = ex.getSuggestion();
				throw new SharedDataConfigurationException(property + "[" + i + "]", entry, ex.getMessage(),
						(suggestion != null) ? "write it as " + suggestion
								: "use an IP address such as 192.0.2.1 or 2001:db8::1, or a CIDR range such as "
										+ "10.0.0.0/8 or 2001:db8::/32 (host names are never resolved)");
			}
		}
		return IpAddressSet.of(ranges);
	}

}
