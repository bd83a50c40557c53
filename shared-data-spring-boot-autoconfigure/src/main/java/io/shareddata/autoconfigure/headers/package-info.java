/**
 * Auto-configuration of custom response headers ({@code shareddata.headers.*}).
 */
@NullMarked
package io.shareddata.autoconfigure.headers;

import org.jspecify.annotations.NullMarked;
