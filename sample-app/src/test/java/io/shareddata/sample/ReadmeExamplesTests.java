package io.shareddata.sample;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.shareddata.autoconfigure.SharedDataFilterRegistrationBean;
import io.shareddata.autoconfigure.access.IpAllowlistProperties;
import io.shareddata.autoconfigure.dispatch.DispatchProperties;
import io.shareddata.autoconfigure.files.FilesProperties;
import io.shareddata.autoconfigure.headers.HeadersProperties;
import io.shareddata.autoconfigure.logging.RequestLoggingProperties;
import io.shareddata.dispatch.ProxyTransport;
import io.shareddata.files.Export;
import io.shareddata.files.SharedDataFilter;
import io.shareddata.headers.HeaderMode;
import io.shareddata.headers.HeaderRule;
import io.shareddata.headers.HeadersFilter;
import io.shareddata.headers.SecurityHeaders;
import io.shareddata.net.ClientAddressResolver;
import jakarta.servlet.http.HttpServlet;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistration;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```yaml} block of the README is a {@code shareddata.*} example that users copy
 * into {@code application.yml}. Each one must start an application context with the starter's
 * auto-configurations, and the features it configures must be active as written: the block
 * is bound strictly (a misspelt key fails), each configured feature's filter is registered,
 * and its exports, mounts, rules or addresses are the block's. A block that is silently ignored
 * fails here. What each example then does is checked by the autoconfigure module's
 * {@code ReadmeExampleBehaviourTests}.
 */
class ReadmeExamplesTests {

	/** Surefire runs in the module folder and sets {@code basedir}; an IDE usually runs there too. */
	private static final Path README = Path.of(System.getProperty("basedir", ""))
		.toAbsolutePath()
		.resolve("../README.md")
		.normalize();

	/** The feature each key under {@code shareddata} configures, and the properties it binds to. */
	private static final Map<String, Feature> FEATURES = Map.ofEntries(
			Map.entry("files", new Feature("shared data", FilesProperties.class)),
			Map.entry("dispatch", new Feature("dispatch mounts", DispatchProperties.class)),
			Map.entry("request-logging", new Feature("request logging", RequestLoggingProperties.class)),
			Map.entry("headers", new Feature("custom headers", HeadersProperties.class)),
			Map.entry("ip-allowlist", new Feature("ip allow-list", IpAllowlistProperties.class)));

	/** An address no README example lists as a proxy (TEST-NET-1). */
	private static final String CLIENT = "192.0.2.7";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(starterAutoConfigurations()));

	/** Stands in for the working directory that {@code file:} locations are relative to. */
	@TempDir
	Path workingDirectory;

	@Test
	void readmeHasAYamlBlockPerFeatureSection() throws IOException {
		assertThat(blocks()).hasSizeGreaterThanOrEqualTo(7);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("blocks")
	void blockStartsWithTheFeaturesItConfigures(ReadmeBlock block) throws IOException {
		try {
			assertStartsAsWritten(block);
		}
		catch (AssertionError | RuntimeException ex) {
			// Name the section in every report, whichever reporter prints it.
			throw new AssertionError(block + ": " + ex.getMessage(), ex);
		}
	}

	private void assertStartsAsWritten(ReadmeBlock block) throws IOException {
		Map<String, Object> properties = block.properties();
		assertThat(properties.keySet()).as("keys of the block").allMatch((key) -> key.startsWith("shareddata."));
		Set<String> featureKeys = properties.keySet()
			.stream()
			.map((key) -> key.split("[.\\[]")[1])
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(FEATURES.keySet()).as("features the block configures").containsAll(featureKeys);
		RecordingProxyTransport transport = new RecordingProxyTransport();
		WebApplicationContextRunner runner = this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource(block.toString(), inWorkingDirectory(properties))))
			// The default transport, counting the clients asked for: a proxy mount must not connect at start-up.
			.withBean(ProxyTransport.class, () -> transport);
		// A servlet mount names a bean of the application's: give the block one of each name.
		for (Map<String, Object> mount : elements(properties, "shareddata.dispatch.mounts")) {
			if (mount.get("servlet") instanceof String name) {
				runner = runner.withBean(name, MountedServlet.class, MountedServlet::new);
			}
		}
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			for (String key : featureKeys) {
				// Spring Boot ignores keys it does not know; here a misspelt key fails.
				Binder.get(context.getEnvironment())
					.bind("shareddata." + key, Bindable.of(FEATURES.get(key).properties()),
							new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
			}
			Map<String, SharedDataFilterRegistrationBean<?>> active = activeFeatures(context);
			assertThat(active.keySet()).as("active features")
				.containsExactlyInAnyOrderElementsOf(expectedFeatures(properties, featureKeys));
			active.forEach((feature, registration) -> assertConfiguredAsWritten(feature, registration, properties));
			assertClientAddressAsWritten(context.getBean(ClientAddressResolver.class), properties);
			assertThat(transport.clients).as("HTTP clients built for proxy mounts at start-up").hasValue(0);
		});
	}

	private static Set<String> expectedFeatures(Map<String, Object> properties, Set<String> featureKeys) {
		Set<String> expected = new TreeSet<>();
		for (String key : featureKeys) {
			// trusted-proxies and client-address-source alone configure the client address, not the allow-list
			if (!key.equals("ip-allowlist") || !elements(properties, "shareddata.ip-allowlist.addresses").isEmpty()) {
				expected.add(FEATURES.get(key).name());
			}
		}
		return expected;
	}

	private static void assertConfiguredAsWritten(String feature, SharedDataFilterRegistrationBean<?> registration,
			Map<String, Object> properties) {
		Map<String, Object> settings = registration.getSettings();
		switch (feature) {
			case "shared data" -> {
				assertThat(((SharedDataFilter) registration.getFilter()).getExports()).extracting(Export::path)
					.as("export paths")
					.containsExactlyElementsOf(values(properties, "shareddata.files.exports", "path"));
				assertThat(settings.get("disallow")).isEqualTo(values(properties, "shareddata.files.disallow", ""));
			}
			case "dispatch mounts" -> {
				List<String> mounts = values(properties, "shareddata.dispatch.mounts", "path");
				assertThat(settings.get("mounts")).asInstanceOf(InstanceOfAssertFactories.LIST)
					.as("mounts")
					.hasSize(mounts.size())
					.satisfies((described) -> {
						for (int i = 0; i < mounts.size(); i++) {
							assertThat(described.get(i)).asString().startsWith(mounts.get(i) + " -> ");
						}
					});
			}
			case "request logging" -> {
				assertThat(settings.get("format")).isEqualTo(properties.getOrDefault(
						"shareddata.request-logging.format", "text"));
				assertThat(settings.get("headers"))
					.isEqualTo(values(properties, "shareddata.request-logging.headers", ""));
				assertThat(settings.get("exclude"))
					.isEqualTo(values(properties, "shareddata.request-logging.exclude", ""));
			}
			case "custom headers" -> {
				List<HeaderRule> rules = ((HeadersFilter) registration.getFilter()).getRules();
				List<Map<String, Object>> written = elements(properties, "shareddata.headers.rules");
				boolean preset = Boolean.parseBoolean(
						String.valueOf(properties.get("shareddata.headers.security-preset")));
				int presetRules = preset ? SecurityHeaders.preset((request) -> false).size() : 0;
				assertThat(rules).as("header rules").hasSize(presetRules + written.size());
				for (int i = 0; i < written.size(); i++) {
					HeaderRule rule = rules.get(presetRules + i);
					assertThat(rule.getName()).isEqualTo(written.get(i).get("name"));
					assertThat(rule.getMode()).isEqualTo(mode(written.get(i).get("mode")));
				}
			}
			case "ip allow-list" -> {
				assertThat(settings.get("addresses"))
					.isEqualTo(values(properties, "shareddata.ip-allowlist.addresses", ""));
				assertThat(settings.get("paths")).isEqualTo(values(properties, "shareddata.ip-allowlist.paths", ""));
				assertThat(settings.get("exclude-paths"))
					.isEqualTo(values(properties, "shareddata.ip-allowlist.exclude-paths", ""));
			}
			default -> throw new AssertionError("No check for feature " + feature);
		}
	}

	private static HeaderMode mode(Object written) {
		return (written != null) ? HeaderMode.valueOf(written.toString().toUpperCase().replace('-', '_'))
				: HeaderMode.SET_IF_ABSENT;
	}

	/** With trusted proxies, a request from one of them is answered for the client its header names. */
	private static void assertClientAddressAsWritten(ClientAddressResolver resolver, Map<String, Object> properties) {
		List<String> trustedProxies = values(properties, "shareddata.ip-allowlist.trusted-proxies", "");
		if (trustedProxies.isEmpty()) {
			return;
		}
		String source = String.valueOf(properties.getOrDefault("shareddata.ip-allowlist.client-address-source", "peer"));
		String proxy = trustedProxies.get(0).split("/")[0];
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(proxy);
		request.addHeader("X-Forwarded-For", CLIENT);
		request.addHeader("Forwarded", "for=" + CLIENT);
		assertThat(resolver.isFromTrustedProxy(request)).as("request from " + proxy + " is from a trusted proxy")
			.isTrue();
		assertThat(resolver.resolveClientAddress(request)).as("client address with source " + source)
			.isEqualTo(source.equals("peer") ? proxy : CLIENT);
	}

	/** The starter's filters that are registered and enabled, by feature name. */
	private static Map<String, SharedDataFilterRegistrationBean<?>> activeFeatures(
			AssertableWebApplicationContext context) {
		Map<String, SharedDataFilterRegistrationBean<?>> active = new TreeMap<>();
		for (SharedDataFilterRegistrationBean<?> registration : context
			.getBeansOfType(SharedDataFilterRegistrationBean.class)
			.values()) {
			if (registration.isEnabled()) {
				active.put(registration.getFeature(), registration);
			}
		}
		return active;
	}

	/**
	 * The block's {@code file:} locations, resolved against {@link #workingDirectory} and
	 * created there (a folder when the location ends with '/', otherwise an empty file), as
	 * a user's working directory would have them. Nothing else is changed.
	 */
	private Map<String, Object> inWorkingDirectory(Map<String, Object> properties) {
		Map<String, Object> rewritten = new LinkedHashMap<>(properties);
		rewritten.replaceAll((key, value) -> {
			if (!(value instanceof String location) || !location.startsWith("file:")
					|| Path.of(location.substring(5)).isAbsolute()) {
				return value;
			}
			String name = location.substring(5);
			Path target = this.workingDirectory.resolve(name);
			try {
				if (name.endsWith("/")) {
					Files.createDirectories(target);
				}
				else if (!Files.exists(target)) {
					Files.createDirectories(target.getParent());
					Files.createFile(target);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return "file:" + target + (name.endsWith("/") ? "/" : "");
		});
		return rewritten;
	}

	/** One entry per element of a list property, e.g. {@code shareddata.files.exports}; "" keys a scalar element. */
	private static List<Map<String, Object>> elements(Map<String, Object> properties, String list) {
		Map<Integer, Map<String, Object>> elements = new TreeMap<>();
		properties.forEach((key, value) -> {
			if (key.startsWith(list + "[")) {
				int end = key.indexOf(']', list.length());
				int index = Integer.parseInt(key.substring(list.length() + 1, end));
				String rest = key.substring(end + 1).replaceFirst("^\\.", "");
				elements.computeIfAbsent(index, (i) -> new LinkedHashMap<>()).put(rest, value);
			}
		});
		return new ArrayList<>(elements.values());
	}

	/** One field of every element of a list property, as text. */
	private static List<String> values(Map<String, Object> properties, String list, String field) {
		return elements(properties, list).stream().map((element) -> String.valueOf(element.get(field))).toList();
	}

	static List<ReadmeBlock> blocks() throws IOException {
		List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
		List<ReadmeBlock> blocks = new ArrayList<>();
		String heading = "(no heading)";
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("```")) {
				int start = i;
				StringBuilder text = new StringBuilder();
				while (++i < lines.size() && !lines.get(i).startsWith("```")) {
					text.append(lines.get(i)).append('\n');
				}
				if (line.strip().equals("```yaml")) {
					blocks.add(new ReadmeBlock(heading, start + 1, text.toString()));
				}
			}
			else if (line.startsWith("#")) {
				heading = line.replaceFirst("^#+\\s*", "");
			}
		}
		return blocks;
	}

	private static Class<?>[] starterAutoConfigurations() {
		ClassLoader classLoader = ReadmeExamplesTests.class.getClassLoader();
		return ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.shareddata."))
			.map((name) -> ClassUtils.resolveClassName(name, classLoader))
			.toArray(Class<?>[]::new);
	}

	/**
	 * A {@code ```yaml} block of the README.
	 *
	 * @param heading the heading of the section it is in
	 * @param line the line of its opening fence
	 * @param yaml its text
	 */
	record ReadmeBlock(String heading, int line, String yaml) {

		/** The properties Spring Boot reads from the block, as it would from {@code application.yml}. */
		Map<String, Object> properties() throws IOException {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(toString(),
					new ByteArrayResource(this.yaml.getBytes(StandardCharsets.UTF_8)));
			assertThat(documents).as("YAML documents in " + this).hasSize(1);
			EnumerablePropertySource<?> source = (EnumerablePropertySource<?>) documents.get(0);
			Map<String, Object> properties = new LinkedHashMap<>();
			for (String name : source.getPropertyNames()) {
				properties.put(name, source.getProperty(name));
			}
			return properties;
		}

		@Override
		public String toString() {
			return this.heading + " (README.md line " + this.line + ")";
		}

	}

	/**
	 * A feature of the starter.
	 *
	 * @param name the feature's name in its filter registration
	 * @param properties its properties class
	 */
	private record Feature(String name, Class<?> properties) {
	}

	/** A servlet to mount, declared as the README says: the mount owns it, Spring Boot must not register it. */
	@ServletRegistration(enabled = false)
	static final class MountedServlet extends HttpServlet {

	}

	/** Counts the HTTP clients proxy mounts ask for: one would be needed to connect upstream. */
	private static final class RecordingProxyTransport extends ProxyTransport {

		private final AtomicInteger clients = new AtomicInteger();

		@Override
		public HttpClient client(Duration connectTimeout) {
			this.clients.incrementAndGet();
			return super.client(connectTimeout);
		}

	}

}
