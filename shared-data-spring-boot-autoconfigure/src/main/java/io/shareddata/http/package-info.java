/**
 * Small servlet helpers shared by every feature; plain Jakarta Servlet code, no Spring Boot.
 */
@NullMarked
package io.shareddata.http;

import org.jspecify.annotations.NullMarked;
