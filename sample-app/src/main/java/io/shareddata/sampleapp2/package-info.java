/**
 * A second, separate Spring MVC application that the sample mounts at {@code /app2} with
 * its own {@code DispatcherServlet} and application context. It lives outside
 * {@code io.shareddata.sample} so the main application's component scan never sees it.
 */
@NullMarked
package io.shareddata.sampleapp2;

import org.jspecify.annotations.NullMarked;
