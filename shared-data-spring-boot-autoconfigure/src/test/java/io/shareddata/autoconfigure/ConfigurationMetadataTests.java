package io.shareddata.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the metadata that spring-boot-configuration-processor generated for IDEs and fails if
 * a {@code shareddata.*} property would show up without a description, a literal default or,
 * for a choice of values, an enumeration type (which is what gives IDEs their value hints).
 */
class ConfigurationMetadataTests {

	private final List<Map<String, Object>> properties = readProperties();

	@Test
	void everyPropertyHasADescription() {
		assertThat(this.properties).isNotEmpty();
		assertThat(this.properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank());
	}

	@Test
	void everyEnabledFlagAndOrderHasADefault() {
		assertThat(this.properties).filteredOn((property) -> ((String) property.get("name")).matches(".*\\.(enabled|order)"))
			.isNotEmpty()
			.allSatisfy((property) -> assertThat(property).as("%s", property.get("name")).containsKey("defaultValue"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "shareddata.files.etag", "shareddata.request-logging.format",
			"shareddata.ip-allowlist.client-address-source" })
	void choicesAreEnumerationsSoIdesOfferTheirValues(String name) {
		assertThat(this.properties).filteredOn((property) -> property.get("name").equals(name))
			.singleElement()
			.satisfies((property) -> assertThat(isEnum((String) property.get("type"))).as("%s is an enum", name).isTrue());
	}

	@Test
	void theModeOfAHeaderRuleIsAnEnumerationSoIdesOfferItsValues() throws Exception {
		// List items get no metadata entries of their own: IDEs read the item type named here.
		String rules = this.properties.stream()
			.filter((property) -> property.get("name").equals("shareddata.headers.rules"))
			.map((property) -> (String) property.get("type"))
			.findFirst()
			.orElseThrow();
		String itemType = rules.substring(rules.indexOf('<') + 1, rules.lastIndexOf('>'));
		Class<?> rule = ClassUtils.forName(itemType, null);
		assertThat(rule.getDeclaredField("mode").getType().isEnum()).isTrue();
	}

	private static boolean isEnum(String type) {
		try {
			return ClassUtils.forName(type, null).isEnum();
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	private static List<Map<String, Object>> readProperties() {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			List<Map<String, Object>> all = JsonPath.read(json, "$.properties[*]");
			return all.stream().filter((property) -> ((String) property.get("name")).startsWith("shareddata.")).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The configuration processor wrote no metadata", ex);
		}
	}

}
