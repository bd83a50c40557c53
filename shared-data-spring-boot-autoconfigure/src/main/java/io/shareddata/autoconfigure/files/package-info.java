/**
 * Auto-configuration of the shared-data filter ({@code shareddata.files.*}).
 */
@NullMarked
package io.shareddata.autoconfigure.files;

import org.jspecify.annotations.NullMarked;
