package io.shareddata.autoconfigure.files;

import java.util.List;

import io.shareddata.autoconfigure.ConditionalOnConfiguredList;
import io.shareddata.autoconfigure.ReplacedBeans;
import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.SharedDataFilters;
import io.shareddata.files.DisallowRulesPolicy;
import io.shareddata.files.Export;
import io.shareddata.files.FileAccessPolicy;
import io.shareddata.files.SharedDataFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaTypeFactory;

/**
 * Auto-configuration of shared data ({@code shareddata.files.*}): a {@link SharedDataFilter}
 * serving the configured exports, active when at least one export is configured.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Filter.class, MediaTypeFactory.class })
@ConditionalOnBooleanProperty(name = "shareddata.files.enabled", matchIfMissing = true)
@ConditionalOnConfiguredList("shareddata.files.exports")
@EnableConfigurationProperties(FilesProperties.class)
public final class FilesAutoConfiguration implements BeanClassLoaderAware {

	private ClassLoader classLoader = FilesAutoConfiguration.class.getClassLoader();

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Bean
	@ConditionalOnMissingBean
	FileAccessPolicy sharedDataFileAccessPolicy(FilesProperties properties) {
		for (int i = 0; i < properties.getDisallow().size(); i++) {
			if (properties.getDisallow().get(i).isEmpty()) {
				throw new SharedDataConfigurationException("shareddata.files.disallow[" + i + "]", "",
						"an empty pattern matches nothing", "remove the entry or write a pattern such as '*.secret'");
			}
		}
		return new DisallowRulesPolicy(properties.getDisallow(), properties.isServeHidden());
	}

	@Bean
	@ConditionalOnMissingFilterBean
	FilterRegistrationBean<SharedDataFilter> sharedDataFilter(FilesProperties properties, FileAccessPolicy policy,
			ListableBeanFactory beanFactory) {
		List<Export> exports = FilesSettings.exports(properties, this.classLoader);
		ExportsBehindMounts.refuse(properties, exports, beanFactory);
		SharedDataFilter filter = new SharedDataFilter(exports, FilesSettings.options(properties, policy));
		// A policy of the user's replaces disallow and serve-hidden: report it, not them.
		String customPolicy = ReplacedBeans.replacement(beanFactory, "sharedDataFileAccessPolicy",
				FileAccessPolicy.class, policy);
		return SharedDataFilters.register(filter, "sharedDataFilter", properties.getOrder(), DispatcherType.REQUEST)
			.describedAs("shared data", FilesSettings.summary(properties, customPolicy),
					FilesSettings.settings(properties, customPolicy));
	}

}
