/**
 * Shared data: serve folders, single files and classpath data under URL prefixes, like
 * werkzeug's {@code SharedDataMiddleware}, falling through to the application for anything
 * not served. Plain Jakarta Servlet code; usable without Spring Boot.
 */
@NullMarked
package io.shareddata.files;

import org.jspecify.annotations.NullMarked;
