package io.shareddata.autoconfigure.chain;

import java.nio.file.Path;

import io.shareddata.autoconfigure.access.IpAllowlistAutoConfiguration;
import io.shareddata.autoconfigure.files.FilesAutoConfiguration;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import io.shareddata.files.FileAccessPolicy;
import io.shareddata.net.ClientAddressResolver;
import io.shareddata.net.PeerClientAddressResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SharedDataChainAutoConfigurationTests {

	@TempDir
	static Path site;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SharedDataChainAutoConfiguration.class, FilesAutoConfiguration.class,
				EndpointAutoConfiguration.class))
		.withPropertyValues("shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=file:" + site, "shareddata.files.disallow=*.secret,private/*",
				"management.endpoints.web.exposure.include=shareddata");

	@Test
	void everyActiveFeatureIsLoggedAtStartUp(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(output)
			.contains("shared data: /static -> file:" + site + " (2 disallow rules, cache 12h)"));
	}

	@Test
	void endpointListsTheActiveFeaturesWithTheirSettings() {
		this.contextRunner.run((context) -> {
			SharedDataChain chain = context.getBean(SharedDataEndpoint.class).chain();
			assertThat(chain.layers()).extracting(SharedDataChain.Layer::feature).containsExactly("shared data");
			SharedDataChain.Layer files = chain.layers().get(0);
			assertThat(files.filterName()).isEqualTo("sharedDataFilter");
			assertThat(files.order()).isEqualTo(-50);
			assertThat(files.settings()).containsEntry("cache-timeout", "12h").containsEntry("order", -50);
		});
	}

	@Test
	void anAccessPolicyOfTheUsersIsReportedInsteadOfTheRulesItReplaces(CapturedOutput output) {
		FileAccessPolicy custom = new OnlyCss();
		this.contextRunner.withBean(FileAccessPolicy.class, () -> custom).run((context) -> {
			SharedDataChain.Layer files = context.getBean(SharedDataEndpoint.class).chain().layers().get(0);
			assertThat(files.summary()).doesNotContain("disallow")
				.containsPattern("access policy bean '[^']+' \\(" + OnlyCss.class.getName().replace("$", "\\$") + "\\)");
			assertThat(files.settings()).doesNotContainKeys("disallow", "serve-hidden");
			assertThat((String) files.settings().get("access-policy")).endsWith("(" + OnlyCss.class.getName() + ")");
			assertThat(output).doesNotContain("2 disallow rules");
		});
	}

	@Test
	void aUsersPolicyIsNamedByItsBeanAndClass(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(NamedPolicyConfiguration.class).run((context) -> {
			String named = "bean 'stylesheetsOnly' (" + OnlyCss.class.getName() + ")";
			SharedDataChain.Layer files = context.getBean(SharedDataEndpoint.class).chain().layers().get(0);
			assertThat(files.summary()).contains("access policy " + named);
			assertThat(files.settings()).containsEntry("access-policy", named);
			assertThat(output).contains("access policy " + named);
		});
	}

	@Test
	void aUsersLambdaPolicyIsNamedByItsBeanAndTheClassDeclaringIt() {
		// The README's own example is a lambda, whose class name is the JVM's: Foo$$Lambda/0x0000...
		this.contextRunner.withUserConfiguration(LambdaPolicyConfiguration.class).run((context) -> {
			SharedDataChain.Layer files = context.getBean(SharedDataEndpoint.class).chain().layers().get(0);
			assertThat(files.settings()).containsEntry("access-policy",
					"bean 'noSecrets' (a lambda in " + LambdaPolicyConfiguration.class.getName() + ")");
			assertThat(files.summary()).doesNotContain("$$Lambda").doesNotContain("0x");
		});
	}

	@Test
	void namingTheUsersPolicyCreatesNoOtherBeanOfItsType() {
		// A @Primary policy among several: the other one is @Lazy, and would fail if created.
		this.contextRunner.withUserConfiguration(PrimaryPolicyConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			SharedDataChain.Layer files = context.getBean(SharedDataEndpoint.class).chain().layers().get(0);
			assertThat(files.settings()).containsEntry("access-policy",
					"bean 'stylesheetsOnly' (" + OnlyCss.class.getName() + ")");
		});
	}

	@Test
	void aPolicyMadeByAFactoryBeanIsNamedByTheFactoryBean() {
		this.contextRunner.withUserConfiguration(FactoryBeanPolicyConfiguration.class).run((context) -> {
			SharedDataChain.Layer files = context.getBean(SharedDataEndpoint.class).chain().layers().get(0);
			assertThat(files.settings()).containsEntry("access-policy",
					"bean 'madePolicy' (" + OnlyCss.class.getName() + ")");
		});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aProxiedPolicyIsNamedByTheUsersClassNotTheProxys(boolean proxyTargetClass) {
		// @Cacheable, @Validated or any other aspect on the policy: a CGLIB subclass
		// (OnlyCss$$SpringCGLIB$$0) or a JDK proxy (jdk.proxy2.$Proxy56) in place of the class
		this.contextRunner.withBean("proxiedPolicy", FileAccessPolicy.class, () -> {
			ProxyFactory proxy = new ProxyFactory(new OnlyCss());
			proxy.setProxyTargetClass(proxyTargetClass);
			proxy.addInterface(FileAccessPolicy.class);
			return (FileAccessPolicy) proxy.getProxy();
		}).run((context) -> {
			SharedDataChain.Layer files = context.getBean(SharedDataEndpoint.class).chain().layers().get(0);
			assertThat(files.settings()).containsEntry("access-policy",
					"bean 'proxiedPolicy' (" + OnlyCss.class.getName() + ")");
		});
	}

	@Test
	void aClientAddressResolverOfTheUsersIsReportedInsteadOfTheSettingsItReplaces() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ClientAddressAutoConfiguration.class,
					IpAllowlistAutoConfiguration.class))
			.withPropertyValues("shareddata.ip-allowlist.addresses=127.0.0.1",
					"shareddata.ip-allowlist.trusted-proxies=10.0.0.1",
					"shareddata.ip-allowlist.client-address-source=x-forwarded-for")
			.withBean(ClientAddressResolver.class, PeerClientAddressResolver::new)
			.run((context) -> {
				SharedDataChain.Layer allowList = context.getBean(SharedDataEndpoint.class)
					.chain()
					.layers()
					.get(0);
				assertThat(allowList.feature()).isEqualTo("ip allow-list");
				assertThat(allowList.summary()).doesNotContain("x-forwarded-for")
					.containsPattern("client from bean '[^']+' \\(" + PeerClientAddressResolver.class.getName() + "\\)");
				assertThat(allowList.settings()).doesNotContainKeys("trusted-proxies", "client-address-source");
				assertThat((String) allowList.settings().get("client-address-resolver"))
					.endsWith("(" + PeerClientAddressResolver.class.getName() + ")");
			});
	}

	@Test
	void endpointIsNotConfiguredWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SharedDataEndpoint.class));
	}

	@Test
	void endpointCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.endpoint.shareddata.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SharedDataEndpoint.class));
	}

	@Test
	void nothingIsConfiguredInANonWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SharedDataChainAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SharedDataEndpoint.class)
				.doesNotHaveBean(SharedDataChainReporter.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class NamedPolicyConfiguration {

		@Bean
		FileAccessPolicy stylesheetsOnly() {
			return new OnlyCss();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryPolicyConfiguration {

		// Declared first, so that it comes first among the candidates.
		@Bean
		@Lazy
		FileAccessPolicy notYetNeeded() {
			throw new IllegalStateException("created although nothing asked for it");
		}

		@Bean
		@Primary
		FileAccessPolicy stylesheetsOnly() {
			return new OnlyCss();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FactoryBeanPolicyConfiguration {

		@Bean
		FactoryBean<FileAccessPolicy> madePolicy() {
			return new FactoryBean<>() {

				@Override
				public FileAccessPolicy getObject() {
					return new OnlyCss();
				}

				@Override
				public Class<?> getObjectType() {
					return FileAccessPolicy.class;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LambdaPolicyConfiguration {

		@Bean
		FileAccessPolicy noSecrets() {
			return (exportPath, relativePath) -> !relativePath.endsWith(".secret");
		}

	}

	static class OnlyCss implements FileAccessPolicy {

		@Override
		public boolean isAllowed(String exportPath, String relativePath) {
			return relativePath.endsWith(".css");
		}

	}

}
