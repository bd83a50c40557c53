/**
 * The IP allow-list: a servlet filter that answers requests from addresses outside a list with
 * a short fixed 403 (or 404). Plain Jakarta Servlet and Spring Framework code, usable without
 * Spring Boot.
 */
@NullMarked
package io.shareddata.access;

import org.jspecify.annotations.NullMarked;
