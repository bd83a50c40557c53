package io.shareddata.autoconfigure.files;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.shareddata.autoconfigure.DurationSettings;
import io.shareddata.autoconfigure.Durations;
import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.files.Export;
import io.shareddata.files.FileAccessPolicy;
import io.shareddata.files.SharedDataOptions;
import io.shareddata.http.RequestPaths;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Turns {@link FilesProperties} into {@link Export}s and {@link SharedDataOptions}, rejecting
 * anything unusable with a {@link SharedDataConfigurationException} that names the property.
 */
final class FilesSettings {

	private static final String PREFIX = "shareddata.files.";

	private FilesSettings() {
	}

	static List<Export> exports(FilesProperties properties, @Nullable ClassLoader classLoader) {
		List<Export> exports = new ArrayList<>();
		List<FilesProperties.Export> configured = properties.getExports();
		for (int i = 0; i < configured.size(); i++) {
			String property = PREFIX + "exports[" + i + "]";
			exports.add(withSpaFallback(property + ".spa-fallback", export(property, configured.get(i), classLoader),
					configured.get(i).getSpaFallback()));
		}
		return exports;
	}

	private static Export export(String property, FilesProperties.Export configured,
			@Nullable ClassLoader classLoader) {
		String path = exportPath(property + ".path", configured.getPath());
		String location = configured.getLocation();
		if (location == null || location.isBlank()) {
			throw new SharedDataConfigurationException(property + ".location", "", "an export needs a location",
					"set it to a folder or file, for example 'file:shared/' or 'classpath:/static/'");
		}
		if (location.startsWith("file:")) {
			return fileExport(property + ".location", path, location);
		}
		if (location.startsWith("classpath:")) {
			return classpathExport(property + ".location", path, location, classLoader);
		}
		throw new SharedDataConfigurationException(property + ".location", location, "unknown location scheme",
				"start the location with 'file:' (a path relative to the working directory, or absolute) or 'classpath:'");
	}

	private static Export withSpaFallback(String property, Export export, @Nullable String fallback) {
		if (fallback == null || fallback.isEmpty()) {
			return export;
		}
		try {
			return export.withSpaFallback(fallback);
		}
		catch (IllegalArgumentException ex) {
			throw new SharedDataConfigurationException(property, fallback,
					"must name a file inside the export, starting with '/'", "use a path such as '/index.html'");
		}
	}

	private static String exportPath(String property, @Nullable String path) {
		if (path == null || path.isEmpty()) {
			throw new SharedDataConfigurationException(property, "", "an export needs a URL path",
					"set it to a URL prefix such as '/static', or '/' for the root");
		}
		if (!path.startsWith("/")) {
			throw new SharedDataConfigurationException(property, path, "an export path must start with '/'",
					"write it as '/" + path + "'");
		}
		// Checked as written: one trailing '/' is allowed, '/a//' is an empty segment.
		String neverRequested = RequestPaths.whyNeverRequested(path);
		if (neverRequested != null) {
			throw new SharedDataConfigurationException(property, path,
					"no request reaches this export, because its path " + neverRequested,
					"write the path as the container normalises it, for example '/static/assets'");
		}
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	private static Export fileExport(String property, String path, String location) {
		String name = location.substring("file:".length());
		if (name.isEmpty()) {
			// Most likely 'file:${SOME_DIR:}' with the variable unset: not a request for the working directory.
			throw new SharedDataConfigurationException(property, location,
					"an empty location would export the working directory, configuration and logs included",
					"name the folder, for example 'file:shared/', or write 'file:.' if you mean the working directory");
		}
		Path file;
		try {
			file = Path.of(name);
		}
		catch (InvalidPathException ex) {
			throw new SharedDataConfigurationException(property, location, "not a valid path: " + ex.getReason(),
					"write a path this platform can open");
		}
		if (Files.isDirectory(file)) {
			return Export.directory(path, file);
		}
		if (Files.isRegularFile(file)) {
			return Export.file(path, file);
		}
		throw new SharedDataConfigurationException(property, location,
				"no folder or file at " + file.toAbsolutePath().normalize(),
				"create it, or correct the path (a relative path is resolved against the working directory "
						+ Path.of("").toAbsolutePath() + ")");
	}

	private static Export classpathExport(String property, String path, String location,
			@Nullable ClassLoader classLoader) {
		String name = location.substring("classpath:".length());
		String stripped = name.startsWith("/") ? name.substring(1) : name;
		if (stripped.isEmpty()) {
			throw new SharedDataConfigurationException(property, location,
					"exporting the whole classpath would publish every class and configuration file",
					"point it at a dedicated folder such as 'classpath:/static/'");
		}
		ClassPathResource resource = new ClassPathResource(stripped, classLoader);
		if (!stripped.endsWith("/") && resource.isReadable()) {
			return plainClasspathExport(property, location, path, stripped, classLoader);
		}
		String folder = stripped.endsWith("/") ? stripped : stripped + "/";
		if (!new ClassPathResource(folder, classLoader).exists()) {
			throw new SharedDataConfigurationException(property, location, "nothing at that classpath location",
					"put the files under src/main/resources/" + folder + " or correct the location");
		}
		return plainClasspathExport(property, location, path, folder, classLoader);
	}

	private static Export plainClasspathExport(String property, String location, String path, String name,
			@Nullable ClassLoader classLoader) {
		try {
			return Export.classpath(path, name, classLoader);
		}
		catch (IllegalArgumentException ex) {
			// '/./' or 'site/../' would be cleaned to the classpath root by ClassPathResource.
			throw new SharedDataConfigurationException(property, location,
					"a classpath location must not contain empty, '.' or '..' segments or backslashes",
					"write the plain location of a dedicated folder, such as 'classpath:/static/'");
		}
	}

	/**
	 * For example {@code /static -> file:shared/ (2 disallow rules, cache 12h)}.
	 * @param customPolicy the class of the user's {@code FileAccessPolicy}, or {@code null}
	 */
	static String summary(FilesProperties properties, @Nullable String customPolicy) {
		String exports = String.join(", ", describeExports(properties));
		int rules = properties.getDisallow().size();
		String access = (customPolicy != null) ? "access policy " + customPolicy
				: rules + ((rules == 1) ? " disallow rule" : " disallow rules");
		return exports + " (" + access + ", cache "
				+ (properties.isCache() ? Durations.format(properties.getCacheTimeout()) : "off") + ")";
	}

	/** Each export as configured, e.g. {@code /static -> file:shared/}. */
	private static List<String> describeExports(FilesProperties properties) {
		return properties.getExports()
			.stream()
			.map((export) -> export.getPath() + " -> " + export.getLocation()
					+ ((export.getSpaFallback() != null) ? " (spa-fallback " + export.getSpaFallback() + ")" : ""))
			.toList();
	}

	static Map<String, Object> settings(FilesProperties properties, @Nullable String customPolicy) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("exports", describeExports(properties));
		if (customPolicy != null) {
			settings.put("access-policy", customPolicy);
		}
		else {
			settings.put("disallow", List.copyOf(properties.getDisallow()));
			settings.put("serve-hidden", properties.isServeHidden());
		}
		settings.put("cache", properties.isCache());
		settings.put("cache-timeout", Durations.format(properties.getCacheTimeout()));
		settings.put("fallback-mimetype", properties.getFallbackMimetype());
		settings.put("etag", properties.getEtag().name().toLowerCase(java.util.Locale.ROOT));
		settings.put("immutable-pattern", properties.getImmutablePattern());
		settings.put("precompressed", properties.isPrecompressed());
		settings.put("index-file", (properties.getIndexFile() != null) ? properties.getIndexFile() : "");
		settings.put("refresh-interval", Durations.format(properties.getRefreshInterval()));
		settings.put("memory-cache.max-file-size", properties.getMemoryCache().getMaxFileSize().toString());
		settings.put("memory-cache.max-size", properties.getMemoryCache().getMaxSize().toString());
		settings.put("order", properties.getOrder());
		return settings;
	}

	static SharedDataOptions options(FilesProperties properties, FileAccessPolicy policy) {
		return SharedDataOptions.builder()
			.accessPolicy(policy)
			.cache(properties.isCache())
			.cacheTimeout(DurationSettings.zeroOrPositive(PREFIX + "cache-timeout", properties.getCacheTimeout()))
			.fallbackMimetype(mediaType(properties.getFallbackMimetype()))
			.etagStrategy(properties.getEtag())
			.refreshInterval(DurationSettings.zeroOrPositive(PREFIX + "refresh-interval", properties.getRefreshInterval()))
			.memoryCache(maxFileSize(properties.getMemoryCache().getMaxFileSize().toBytes()),
					notNegative("memory-cache.max-size", properties.getMemoryCache().getMaxSize().toBytes()))
			.immutablePattern(immutablePattern(properties.getImmutablePattern()))
			.precompressed(properties.isPrecompressed())
			.indexFile(indexFile(properties.getIndexFile()))
			.build();
	}

	private static @Nullable String indexFile(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			// The filter's own rule, so that nothing it would refuse gets past start-up.
			SharedDataOptions.builder().indexFile(value);
			return value;
		}
		catch (IllegalArgumentException ex) {
			throw new SharedDataConfigurationException(PREFIX + "index-file", value, "must be a plain file name",
					"use a name such as 'index.html'");
		}
	}

	private static long notNegative(String name, long bytes) {
		if (bytes < 0) {
			throw new SharedDataConfigurationException(PREFIX + name, bytes + "B", "must not be negative",
					"use zero or a positive size such as '64KB'");
		}
		return bytes;
	}

	/** A file held in memory is one byte array: the JDK's largest is just under 2 GiB. */
	private static long maxFileSize(long bytes) {
		long largestArray = Integer.MAX_VALUE - 8;
		if (bytes > largestArray) {
			throw new SharedDataConfigurationException(PREFIX + "memory-cache.max-file-size", bytes + "B",
					"a file held in memory must fit one Java array", "use at most '2047MB'");
		}
		return notNegative("memory-cache.max-file-size", bytes);
	}

	private static MediaType mediaType(String value) {
		try {
			MediaType type = MediaType.parseMediaType(value);
			if (!type.isConcrete()) {
				throw new InvalidMediaTypeException(value, "a Content-Type cannot contain wildcards");
			}
			if (value.chars().anyMatch((c) -> c < 0x20 || c == 0x7f)) {
				// MediaType accepts a quoted parameter with CR or LF; the value goes into a header.
				throw new InvalidMediaTypeException(value, "a Content-Type cannot contain control characters");
			}
			return type;
		}
		catch (InvalidMediaTypeException ex) {
			throw new SharedDataConfigurationException(PREFIX + "fallback-mimetype", value,
					"not a valid media type (" + ex.getMessage() + ")",
					"use a concrete type such as 'application/octet-stream' or 'text/plain'");
		}
	}

	private static @Nullable Pattern immutablePattern(String value) {
		if (value.isEmpty()) {
			return null;
		}
		try {
			return Pattern.compile(value);
		}
		catch (PatternSyntaxException ex) {
			throw new SharedDataConfigurationException(PREFIX + "immutable-pattern", value,
					"not a valid regular expression (" + ex.getDescription() + ")",
					"fix the expression, or set it empty to send no 'immutable' caching");
		}
	}

}
