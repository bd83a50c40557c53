/**
 * Request logging: one accurate, escaped line per request, written when the exchange really
 * ends (after a streamed body, after async processing, after the error page). Plain Jakarta
 * Servlet and Spring Framework code; see {@link io.shareddata.logging.RequestLoggingFilter}.
 */
@NullMarked
package io.shareddata.logging;

import org.jspecify.annotations.NullMarked;
