package io.shareddata.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the README's property reference tables with the metadata that
 * spring-boot-configuration-processor generated: every property a table names exists, with the
 * default the table gives, and every {@code shareddata.*} property (and every field of a list
 * element, such as {@code exports[i].path}) has a row. Defaults are compared as values of the
 * property's type, so {@code 12h} and {@code 720m} would be the same default.
 */
class ReadmePropertiesTests {

	/** Surefire runs in the module folder and sets {@code basedir}; an IDE usually runs there too. */
	private static final Path README = Path.of(System.getProperty("basedir", ""))
		.toAbsolutePath()
		.resolve("../README.md")
		.normalize();

	/** What the tables write for "no default": the property is unset, or an empty list. */
	private static final Set<String> NO_DEFAULT = Set.of("", "`[]`", "none", "empty", "empty (= every path)",
			"every path");

	/**
	 * Defaults the README describes in words rather than as a value, each with its description.
	 * Other tests check what they say.
	 */
	private static final Map<String, String> DESCRIBED_DEFAULTS = Map.of("shareddata.files.immutable-pattern",
			"a segment of 8+ hex digits, at least one a letter", "shareddata.ip-allowlist.deny-body",
			"the status's sentence");

	private static final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	private final Map<String, Map<String, Object>> metadata = readMetadata();

	private final Map<String, String> readme = readTables();

	@Test
	void tablesAreFound() {
		assertThat(this.readme).hasSizeGreaterThan(40);
	}

	@Test
	void everyPropertyInTheReadmeExists() {
		List<String> unknown = new ArrayList<>();
		for (String name : this.readme.keySet()) {
			if (isListElementField(name) ? elementProperty(name) == null : !this.metadata.containsKey(name)) {
				unknown.add(name);
			}
		}
		assertThat(unknown).as("README rows naming no property of the metadata").isEmpty();
	}

	@Test
	void everyPropertyInTheMetadataIsInTheReadme() {
		Set<String> missing = new TreeSet<>();
		for (Map<String, Object> property : this.metadata.values()) {
			String name = (String) property.get("name");
			Class<?> element = listElementType((String) property.get("type"));
			if (element == null || ClassUtils.isSimpleValueType(element)) {
				if (!this.readme.containsKey(name)) {
					missing.add(name);
				}
				continue;
			}
			for (PropertyDescriptor field : BeanUtils.getPropertyDescriptors(element)) {
				if (field.getWriteMethod() != null) {
					String row = name + "[i]." + kebabCase(field.getName());
					if (!this.readme.containsKey(row)) {
						missing.add(row);
					}
				}
			}
		}
		assertThat(missing).as("properties without a row in the README's tables").isEmpty();
	}

	@Test
	void everyDefaultInTheReadmeIsTheMetadatasDefault() {
		List<String> mismatches = new ArrayList<>();
		this.readme.forEach((name, written) -> {
			String mismatch = defaultMismatch(name, written);
			if (mismatch != null) {
				mismatches.add(name + ": " + mismatch);
			}
		});
		assertThat(mismatches).as("README defaults that are not the properties' defaults").isEmpty();
	}

	private @Nullable String defaultMismatch(String name, String written) {
		if (DESCRIBED_DEFAULTS.containsKey(name)) {
			return written.equals(DESCRIBED_DEFAULTS.get(name)) ? null
					: "README says " + written + ", this test expects " + DESCRIBED_DEFAULTS.get(name);
		}
		Class<?> type;
		Object actual;
		if (isListElementField(name)) {
			PropertyDescriptor field = elementProperty(name);
			if (field == null) {
				return "no such property";
			}
			type = field.getPropertyType();
			actual = emptyToNull(readDefault(field));
		}
		else {
			Map<String, Object> property = this.metadata.get(name);
			if (property == null) {
				return "no such property";
			}
			type = ClassUtils.resolveClassName(rawType((String) property.get("type")), null);
			Object value = property.get("defaultValue");
			actual = (value != null) ? conversion.convert(String.valueOf(value), type) : null;
		}
		if (NO_DEFAULT.contains(written)) {
			return (actual != null) ? "README gives no default, the property's is " + actual : null;
		}
		if (!written.matches("`[^`]+`")) {
			return "README writes '" + written + "': write a `literal`, one of " + NO_DEFAULT
					+ " or add it to DESCRIBED_DEFAULTS";
		}
		Object expected = conversion.convert(written.substring(1, written.length() - 1), type);
		return (expected != null && expected.equals(actual)) ? null
				: "README says " + written + ", the property's default is " + actual;
	}

	private static boolean isListElementField(String name) {
		return name.contains("[i].");
	}

	/** The field of a list element a row such as {@code shareddata.files.exports[i].path} names. */
	private @Nullable PropertyDescriptor elementProperty(String name) {
		String list = name.substring(0, name.indexOf("[i]."));
		Map<String, Object> property = this.metadata.get(list);
		if (property == null) {
			return null;
		}
		Class<?> element = listElementType((String) property.get("type"));
		if (element == null) {
			return null;
		}
		String field = name.substring(name.indexOf("[i].") + 4);
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(element)) {
			if (kebabCase(descriptor.getName()).equals(field) && descriptor.getWriteMethod() != null) {
				return descriptor;
			}
		}
		return null;
	}

	private static @Nullable Object readDefault(PropertyDescriptor field) {
		try {
			Object element = BeanUtils.instantiateClass(field.getReadMethod().getDeclaringClass());
			return field.getReadMethod().invoke(element);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable Object emptyToNull(@Nullable Object value) {
		return (value instanceof Collection<?> collection && collection.isEmpty()) ? null : value;
	}

	private static @Nullable Class<?> listElementType(String type) {
		if (!type.startsWith("java.util.List<")) {
			return null;
		}
		return ClassUtils.resolveClassName(type.substring(type.indexOf('<') + 1, type.lastIndexOf('>')), null);
	}

	private static String rawType(String type) {
		int generic = type.indexOf('<');
		return (generic >= 0) ? type.substring(0, generic) : type;
	}

	private static String kebabCase(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Every row of every README table whose first column is "property": the full property name
	 * and the default column as written. A table gives full names, or names relative to the
	 * prefix in its header ({@code property (`shareddata.request-logging.`)}) or in its
	 * section's heading ({@code ## IP allow-list (`shareddata.ip-allowlist`)}). A row may name
	 * several properties, with one default each: {@code `a`, `b` | empty, `peer`}.
	 */
	private static Map<String, String> readTables() {
		List<String> lines;
		try {
			lines = Files.readAllLines(README, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No README at " + README, ex);
		}
		Map<String, String> rows = new LinkedHashMap<>();
		Pattern headingPrefix = Pattern.compile("^#+ .*\\(`(shareddata\\.[a-z-]+)`\\)");
		Pattern tablePrefix = Pattern.compile("^\\| property \\(`(shareddata\\.[a-z.-]+)\\.`\\)");
		String sectionPrefix = null;
		for (int i = 0; i < lines.size(); i++) {
			Matcher heading = headingPrefix.matcher(lines.get(i));
			if (heading.find()) {
				sectionPrefix = heading.group(1);
			}
			if (!lines.get(i).startsWith("| property")) {
				continue;
			}
			Matcher table = tablePrefix.matcher(lines.get(i));
			String prefix = table.find() ? table.group(1) : sectionPrefix;
			for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
				String[] cells = lines.get(i).substring(1).split("\\|", -1);
				List<String> names = new ArrayList<>();
				Matcher name = Pattern.compile("`([^`]+)`").matcher(cells[0]);
				while (name.find()) {
					names.add(name.group(1).startsWith("shareddata.") ? name.group(1) : prefix + "." + name.group(1));
				}
				String written = cells[1].strip();
				String[] defaults = (names.size() > 1) ? written.split(",\\s*") : new String[] { written };
				assertThat(defaults).as("defaults of %s", names).hasSameSizeAs(names);
				for (int n = 0; n < names.size(); n++) {
					assertThat(rows.put(names.get(n), defaults[n].strip())).as("rows of %s", names.get(n)).isNull();
				}
			}
		}
		return rows;
	}

	private static Map<String, Map<String, Object>> readMetadata() {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			List<Map<String, Object>> all = JsonPath.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
					"$.properties[*]");
			Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
			for (Map<String, Object> property : all) {
				if (((String) property.get("name")).startsWith("shareddata.")) {
					properties.put((String) property.get("name"), property);
				}
			}
			return properties;
		}
		catch (IOException ex) {
			throw new IllegalStateException("The configuration processor wrote no metadata", ex);
		}
	}

}
