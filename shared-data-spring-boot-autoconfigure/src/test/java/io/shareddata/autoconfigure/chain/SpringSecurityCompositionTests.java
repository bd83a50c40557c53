package io.shareddata.autoconfigure.chain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The onion with Spring Security in it: an application with a secured {@code /admin} and public
 * files. Security's chain sits between the allow-list and the inner features, guards exported
 * files like any other path, and leaves the files' caching headers alone.
 */
@SpringBootTest(classes = SpringSecurityCompositionTests.SecuredApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=admin", "spring.security.user.password=secret" })
class SpringSecurityCompositionTests {

	private static final Path SITE;

	static {
		try {
			SITE = Files.createTempDirectory("secured-site");
			Files.writeString(SITE.resolve("public.txt"), "for everyone");
			Files.createDirectories(SITE.resolve("admin"));
			Files.writeString(SITE.resolve("admin/report.txt"), "for admins");
		}
		catch (IOException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@DynamicPropertySource
	static void exportTheSite(DynamicPropertyRegistry registry) {
		registry.add("shareddata.files.exports[0].path", () -> "/");
		registry.add("shareddata.files.exports[0].location", () -> "file:" + SITE);
	}

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	SharedDataEndpoint endpoint;

	@Test
	void publicFilesAreServedWithTheirCachingHeadersIntact() throws Exception {
		HttpResponse<String> response = get("/public.txt", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("for everyone");
		// Spring Security only adds its no-store Cache-Control when the response has none.
		assertThat(response.headers().allValues("Cache-Control")).containsExactly("max-age=43200, public");
		assertThat(response.headers().firstValue("ETag")).isPresent();
	}

	@Test
	void securityGuardsExportedFilesUnderTheSecuredPath() throws Exception {
		assertThat(get("/admin/report.txt", null).statusCode()).isEqualTo(401);
		HttpResponse<String> authorized = get("/admin/report.txt", "admin:secret");
		assertThat(authorized.statusCode()).isEqualTo(200);
		assertThat(authorized.body()).isEqualTo("for admins");
	}

	@Test
	void securitySitsBetweenTheOuterAndTheInnerFeatures() {
		assertThat(this.endpoint.chain().layers()).extracting(SharedDataChain.Layer::feature)
			.containsSubsequence("spring security", "shared data");
	}

	private HttpResponse<String> get(String path, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecuredApplication {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/admin/**").authenticated()
				.anyRequest()
				.permitAll()).httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		SharedDataEndpoint sharedDataEndpoint(org.springframework.beans.factory.ListableBeanFactory beanFactory) {
			return new SharedDataEndpoint(beanFactory);
		}

	}

}
