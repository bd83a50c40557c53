package io.shareddata.autoconfigure.chain;

import java.nio.file.Path;

import io.shareddata.autoconfigure.SharedDataFilterOrder;
import io.shareddata.autoconfigure.access.IpAllowlistAutoConfiguration;
import io.shareddata.autoconfigure.access.IpAllowlistProperties;
import io.shareddata.autoconfigure.dispatch.DispatchAutoConfiguration;
import io.shareddata.autoconfigure.dispatch.DispatchProperties;
import io.shareddata.autoconfigure.files.FilesAutoConfiguration;
import io.shareddata.autoconfigure.files.FilesProperties;
import io.shareddata.autoconfigure.headers.HeadersAutoConfiguration;
import io.shareddata.autoconfigure.headers.HeadersProperties;
import io.shareddata.autoconfigure.logging.RequestLoggingAutoConfiguration;
import io.shareddata.autoconfigure.logging.RequestLoggingProperties;
import io.shareddata.autoconfigure.net.ClientAddressAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the onion: the relative order of every feature, that each default order is the one
 * {@link SharedDataFilterOrder} publishes, and that a user can reorder.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedDataFilterOrderTests {

	@TempDir
	static Path site;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ClientAddressAutoConfiguration.class,
				RequestLoggingAutoConfiguration.class, HeadersAutoConfiguration.class,
				IpAllowlistAutoConfiguration.class, DispatchAutoConfiguration.class, FilesAutoConfiguration.class,
				SharedDataChainAutoConfiguration.class))
		.withPropertyValues("shareddata.request-logging.enabled=true", "shareddata.headers.security-preset=true",
				"shareddata.ip-allowlist.addresses=127.0.0.1", "shareddata.dispatch.mounts[0].path=/legacy",
				"shareddata.dispatch.mounts[0].forward=/internal", "shareddata.files.exports[0].path=/static",
				"shareddata.files.exports[0].location=file:" + site);

	@Test
	void defaultOrderIsLoggingHeadersAllowListMountsFiles() {
		this.contextRunner.run((context) -> {
			assertThat(SharedDataChain.of(context).layers()).extracting(SharedDataChain.Layer::feature)
				.containsExactly("request logging", "custom headers", "ip allow-list", "dispatch mounts", "shared data");
			assertThat(SharedDataChain.of(context).layers()).extracting(SharedDataChain.Layer::order)
				.containsExactly(SharedDataFilterOrder.REQUEST_LOGGING, SharedDataFilterOrder.HEADERS,
						SharedDataFilterOrder.IP_ALLOWLIST, SharedDataFilterOrder.DISPATCH, SharedDataFilterOrder.FILES);
		});
	}

	@Test
	void securitysDefaultOrderFallsBetweenTheAllowListAndTheMounts() {
		int springSecurityDefaultOrder = -100;
		assertThat(SharedDataFilterOrder.IP_ALLOWLIST).isLessThan(springSecurityDefaultOrder);
		assertThat(SharedDataFilterOrder.DISPATCH).isGreaterThan(springSecurityDefaultOrder);
		// Request-wrapping filters must stay at or below OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER.
		assertThat(SharedDataFilterOrder.FILES).isLessThanOrEqualTo(0);
	}

	@Test
	void propertiesDefaultToThePublishedOrders() {
		// The configuration processor only records literal defaults, so the properties repeat
		// the constants; this keeps the two in step.
		assertThat(new RequestLoggingProperties().getOrder()).isEqualTo(SharedDataFilterOrder.REQUEST_LOGGING);
		assertThat(new HeadersProperties().getOrder()).isEqualTo(SharedDataFilterOrder.HEADERS);
		assertThat(new IpAllowlistProperties().getOrder()).isEqualTo(SharedDataFilterOrder.IP_ALLOWLIST);
		assertThat(new DispatchProperties().getOrder()).isEqualTo(SharedDataFilterOrder.DISPATCH);
		assertThat(new FilesProperties().getOrder()).isEqualTo(SharedDataFilterOrder.FILES);
	}

	@Test
	void aUserCanReorderTheOnion() {
		// The allow-list outermost, before request logging; shared data before the mounts.
		this.contextRunner
			.withPropertyValues("shareddata.ip-allowlist.order=-2147483640", "shareddata.files.order=-70")
			.run((context) -> assertThat(SharedDataChain.of(context).layers()).extracting(SharedDataChain.Layer::feature)
				.containsExactly("ip allow-list", "request logging", "custom headers", "shared data",
						"dispatch mounts"));
	}

	@Test
	void startUpLogsOneLinePerActiveFeatureInChainOrder(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			String log = output.getOut();
			int logging = log.indexOf("request logging: text lines to logger io.shareddata.request");
			int headers = log.indexOf("custom headers: 0 rules, security preset");
			int allowList = log.indexOf("ip allow-list: 1 address on every path, client from peer, deny 403");
			int mounts = log.indexOf("dispatch mounts: /legacy -> forward /internal");
			int files = log.indexOf("shared data: /static -> file:" + site);
			assertThat(logging).isNotNegative();
			assertThat(logging).isLessThan(headers);
			assertThat(headers).isLessThan(allowList);
			assertThat(allowList).isLessThan(mounts);
			assertThat(mounts).isLessThan(files);
		});
	}

}
