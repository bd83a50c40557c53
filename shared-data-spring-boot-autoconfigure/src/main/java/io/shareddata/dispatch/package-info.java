/**
 * Dispatch mounts, werkzeug's {@code DispatcherMiddleware} as a servlet filter: requests
 * under a path prefix go to another servlet (a whole second Spring MVC application), to a
 * forward inside this application, or to another HTTP server. Plain Jakarta Servlet and
 * Spring Framework code, usable without Spring Boot.
 */
@NullMarked
package io.shareddata.dispatch;

import org.jspecify.annotations.NullMarked;
