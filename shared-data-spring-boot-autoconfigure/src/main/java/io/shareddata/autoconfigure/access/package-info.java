/**
 * Auto-configuration of the IP allow-list ({@code shareddata.ip-allowlist.*}).
 */
@NullMarked
package io.shareddata.autoconfigure.access;

import org.jspecify.annotations.NullMarked;
