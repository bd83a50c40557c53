/**
 * Auto-configuration for the shareddata filters: one sub-package per feature, plus the pieces
 * they share (filter order, start-up failure reporting, filter registration).
 */
@NullMarked
package io.shareddata.autoconfigure;

import org.jspecify.annotations.NullMarked;
