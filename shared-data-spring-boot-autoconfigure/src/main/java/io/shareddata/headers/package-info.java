/**
 * Custom response headers: ordered {@link io.shareddata.headers.HeaderRule rules} written by
 * {@link io.shareddata.headers.HeadersFilter} on every response, just before it commits. Plain
 * Jakarta Servlet and Spring Framework code, usable without Spring Boot.
 */
@NullMarked
package io.shareddata.headers;

import org.jspecify.annotations.NullMarked;
