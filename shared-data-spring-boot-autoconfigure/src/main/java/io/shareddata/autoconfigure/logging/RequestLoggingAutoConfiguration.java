package io.shareddata.autoconfigure.logging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.shareddata.autoconfigure.ConfiguredPathPatterns;
import io.shareddata.autoconfigure.DurationSettings;
import io.shareddata.autoconfigure.Durations;
import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.SharedDataFilters;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.logging.RequestLogFormat;
import io.shareddata.logging.RequestLoggingCompletionHandler;
import io.shareddata.logging.RequestLoggingCompletionListener;
import io.shareddata.logging.RequestLoggingCompletionValve;
import io.shareddata.logging.RequestLoggingConfig;
import io.shareddata.logging.RequestLoggingFilter;
import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Auto-configuration of request logging: a {@link RequestLoggingFilter} registered for the
 * REQUEST, ASYNC, ERROR and FORWARD dispatches, outermost of the shareddata filters by default, and
 * what finishes the lines of errors the container answers itself: a
 * {@link RequestLoggingCompletionValve} on embedded Tomcat, a
 * {@link RequestLoggingCompletionHandler} on embedded Jetty, a
 * {@link RequestLoggingCompletionListener} anywhere else. Off until
 * {@code shareddata.request-logging.enabled=true}.
 */
@AutoConfiguration(after = ClientAddressAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ HttpServletRequest.class, PathPatternParser.class, Logger.class })
@ConditionalOnBooleanProperty("shareddata.request-logging.enabled")
@EnableConfigurationProperties(RequestLoggingProperties.class)
@Import(RequestLoggingCompletionConfiguration.class)
public final class RequestLoggingAutoConfiguration {

	private static final String PREFIX = "shareddata.request-logging.";

	private static final String JACKSON_CORE = "tools.jackson.core.json.JsonFactory";

	/**
	 * The registration name of the filter.
	 */
	public static final String FILTER_NAME = "sharedDataRequestLoggingFilter";

	@Bean
	@ConditionalOnMissingFilterBean(RequestLoggingFilter.class)
	FilterRegistrationBean<RequestLoggingFilter> sharedDataRequestLoggingFilter(RequestLoggingProperties properties,
			ClientAddressResolver clientAddressResolver, ResourceLoader resourceLoader) {
		RequestLoggingFilter filter = new RequestLoggingFilter(
				config(properties, clientAddressResolver, resourceLoader.getClassLoader()));
		return SharedDataFilters
			.register(filter, FILTER_NAME, properties.getOrder(), DispatcherType.REQUEST, DispatcherType.ASYNC,
					DispatcherType.ERROR, DispatcherType.FORWARD)
			.describedAs("request logging", summary(properties), settings(properties));
	}

	/** For example {@code text lines to logger io.shareddata.request, 1 exclude pattern, slow above 2s}. */
	private static String summary(RequestLoggingProperties properties) {
		int excludes = properties.getExclude().size();
		Duration slow = properties.getSlowThreshold();
		return properties.getFormat().name().toLowerCase(Locale.ROOT) + " lines to logger " + properties.getLogger()
				+ ", " + excludes + ((excludes == 1) ? " exclude pattern" : " exclude patterns")
				+ ((slow != null) ? ", slow above " + Durations.format(slow) : "");
	}

	private static Map<String, Object> settings(RequestLoggingProperties properties) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("format", properties.getFormat().name().toLowerCase(Locale.ROOT));
		settings.put("logger", properties.getLogger());
		settings.put("include-query", properties.isIncludeQuery());
		settings.put("log-start", properties.isLogStart());
		settings.put("headers", List.copyOf(properties.getHeaders()));
		settings.put("exclude", List.copyOf(properties.getExclude()));
		settings.put("slow-threshold",
				(properties.getSlowThreshold() != null) ? Durations.format(properties.getSlowThreshold()) : "");
		settings.put("request-id.header", properties.getRequestId().getHeader());
		settings.put("request-id.mdc-key", properties.getRequestId().getMdcKey());
		settings.put("order", properties.getOrder());
		return settings;
	}

	private static RequestLoggingConfig config(RequestLoggingProperties properties,
			ClientAddressResolver clientAddressResolver, @Nullable ClassLoader classLoader) {
		if (properties.getFormat() == RequestLogFormat.JSON && !ClassUtils.isPresent(JACKSON_CORE, classLoader)) {
			throw new SharedDataConfigurationException(PREFIX + "format", "json",
					"the json format writes with Jackson 3, and tools.jackson.core:jackson-core is not on the classpath",
					"add the dependency tools.jackson.core:jackson-core, or choose text, common or combined");
		}
		checkHeaderNames(PREFIX + "headers", properties.getHeaders());
		checkHeaderNames(PREFIX + "masked-headers", properties.getMaskedHeaders());
		checkHeaderName(PREFIX + "request-id.header", properties.getRequestId().getHeader());
		checkNotBlank(PREFIX + "request-id.mdc-key", properties.getRequestId().getMdcKey());
		checkNotBlank(PREFIX + "logger", properties.getLogger());
		Duration slowThreshold = properties.getSlowThreshold();
		if (slowThreshold != null) {
			DurationSettings.positive(PREFIX + "slow-threshold", slowThreshold);
		}
		if (properties.getMaxValueLength() < 16) {
			throw new SharedDataConfigurationException(PREFIX + "max-value-length", properties.getMaxValueLength(),
					"values shorter than 16 characters cannot show even an address or a request id",
					"set at least 16 (the default is 1024)");
		}
		return RequestLoggingConfig.builder()
			.format(properties.getFormat())
			.includeQuery(properties.isIncludeQuery())
			.logStart(properties.isLogStart())
			.headers(properties.getHeaders())
			.maskedHeaders(properties.getMaskedHeaders())
			.requestIdHeader(properties.getRequestId().getHeader())
			.mdcKey(properties.getRequestId().getMdcKey())
			.exclude(ConfiguredPathPatterns.parse(PREFIX + "exclude", properties.getExclude()))
			.slowThreshold(slowThreshold)
			.loggerName(properties.getLogger())
			.maxValueLength(properties.getMaxValueLength())
			.clientAddressResolver(clientAddressResolver)
			.build();
	}

	private static void checkHeaderNames(String property, List<String> names) {
		for (int i = 0; i < names.size(); i++) {
			checkHeaderName(property + "[" + i + "]", names.get(i));
			for (int j = 0; j < i; j++) {
				// Names ignore case: "User-Agent,user-agent" would log the value twice, under two
				// keys that name one header
				if (names.get(j).equalsIgnoreCase(names.get(i))) {
					throw new SharedDataConfigurationException(property + "[" + i + "]", names.get(i),
							"the header is already listed as " + property + "[" + j + "] (header names ignore case)",
							"list each header once");
				}
			}
		}
	}

	private static void checkHeaderName(String property, String name) {
		if (name == null || name.isEmpty() || !name.chars().allMatch(RequestLoggingAutoConfiguration::isTokenChar)) {
			throw new SharedDataConfigurationException(property, name,
					"not a header name (RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~)",
					"write the header name alone, for example 'User-Agent'");
		}
	}

	private static boolean isTokenChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	private static void checkNotBlank(String property, String value) {
		if (value == null || value.isBlank()) {
			throw new SharedDataConfigurationException(property, value, "the value must not be blank",
					"set a non-blank value or remove the property to use the default");
		}
	}

}
