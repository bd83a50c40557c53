package io.shareddata.autoconfigure.files;

import java.util.List;

import io.shareddata.autoconfigure.SharedDataConfigurationException;
import io.shareddata.autoconfigure.SharedDataFilterRegistrationBean;
import io.shareddata.autoconfigure.dispatch.DispatchAutoConfiguration;
import io.shareddata.autoconfigure.dispatch.DispatchProperties;
import io.shareddata.dispatch.Mount;
import io.shareddata.dispatch.MountMatch;
import io.shareddata.dispatch.MountMatcher;
import io.shareddata.dispatch.MountTarget;
import io.shareddata.files.Export;
import org.jspecify.annotations.Nullable;

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

	/** The target of the mounts built only to be matched against: nothing is ever served. */
	private static final MountTarget NOT_SERVED = (request, response) -> {
	};

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
		MountMatcher matcher = matcherOf(mounts);
		for (int i = 0; i < exports.size(); i++) {
			int mount = hidingMount(matcher.match(exports.get(i).path()), mounts);
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

	/**
	 * The dispatch filter's own matcher over the configured mount paths, so the rule cannot
	 * drift from the one requests meet. The paths are valid here: the dispatch filter was built
	 * from them.
	 */
	private static MountMatcher matcherOf(List<DispatchProperties.Mount> mounts) {
		return new MountMatcher(
				mounts.stream().map((mount) -> new Mount(String.valueOf(mount.getPath()), NOT_SERVED)).toList());
	}

	/** The index of the mount that takes an export's requests, or -1. */
	private static int hidingMount(@Nullable MountMatch match, List<DispatchProperties.Mount> mounts) {
		if (match != null) {
			for (int i = 0; i < mounts.size(); i++) {
				if (match.mount().path().equals(mounts.get(i).getPath())) {
					return i;
				}
			}
		}
		return -1;
	}

}
