/**
 * Auto-configuration of request logging ({@code shareddata.request-logging.*}).
 */
@NullMarked
package io.shareddata.autoconfigure.logging;

import org.jspecify.annotations.NullMarked;
