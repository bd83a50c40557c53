package io.shareddata.autoconfigure.files;

import java.util.List;

import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.SharedDataFilterRegistrationBean;
import io.shareddata.autoconfigure.dispatch.DispatchAutoConfiguration;
import io.shareddata.autoconfigure.dispatch.DispatchProperties;
import io.shareddata.files.Export;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Refuses an export at or below a dispatch mount's path while the dispatch filter runs first:
 * the mount takes every request under its prefix, so such an export could never answer.
 * <p>
 * The check sits with shared data because the export is what is dead, so its property is the
 * one to name, and because only here are the exports certainly the ones that run (they are
 * being built). The mounts are read from {@code shareddata.dispatch.*} only when the dispatch
 * auto-configuration registered its filter from them: with dispatch off, without mounts, or
 * with a dispatch filter of the user's, what runs is unknown here, so nothing is checked.
 */
final class ExportsBehindMounts {

	private ExportsBehindMounts() {
	}

	static void refuse(FilesProperties files, List<Export> exports, ListableBeanFactory beanFactory) {
		DispatchProperties dispatch = beanFactory.getBeanProvider(DispatchProperties.class).getIfAvailable();
		// DispatchAutoConfiguration's @Bean method is named FILTER_NAME; a replacement of the user's is a
		// plain Filter or FilterRegistrationBean.
		String name = DispatchAutoConfiguration.FILTER_NAME;
		if (dispatch == null || !beanFactory.containsBean(name)
				|| !(beanFactory.getBean(name) instanceof SharedDataFilterRegistrationBean<?> registration)
				|| !registration.isEnabled() || files.getOrder() < registration.getOrder()) {
			return;
		}
		List<DispatchProperties.Mount> mounts = dispatch.getMounts();
		for (int i = 0; i < exports.size(); i++) {
			int mount = hidingMount(exports.get(i).path(), mounts);
			if (mount >= 0) {
				String mountPath = mounts.get(mount).getPath();
				throw new SharedDataConfigurationException("shareddata.files.exports[" + i + "].path",
						files.getExports().get(i).getPath(),
						"the mount shareddata.dispatch.mounts[" + mount + "] at '" + mountPath
								+ "' takes every request under it, and shared data (order " + files.getOrder()
								+ ") is not ordered before the dispatch filter (order " + registration.getOrder()
								+ "), so this export never answers",
						"move the export out of '" + mountPath + "', remove the mount shareddata.dispatch.mounts["
								+ mount + "], or let shared data run first with 'shareddata.files.order' below "
								+ "'shareddata.dispatch.order' (" + registration.getOrder() + ")");
			}
		}
	}

	/** The mount that takes the requests for a path (the longest that covers it, as matching does), or -1. */
	private static int hidingMount(String path, List<DispatchProperties.Mount> mounts) {
		int hiding = -1;
		int longest = 0;
		for (int i = 0; i < mounts.size(); i++) {
			String mountPath = String.valueOf(mounts.get(i).getPath());
			if ((path.equals(mountPath) || path.startsWith(mountPath + "/")) && mountPath.length() > longest) {
				hiding = i;
				longest = mountPath.length();
			}
		}
		return hiding;
	}

}
