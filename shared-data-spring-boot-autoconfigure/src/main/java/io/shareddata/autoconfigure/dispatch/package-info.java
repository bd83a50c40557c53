/**
 * Auto-configuration of dispatch mounts ({@code shareddata.dispatch.*}).
 */
@NullMarked
package io.shareddata.autoconfigure.dispatch;

import org.jspecify.annotations.NullMarked;
