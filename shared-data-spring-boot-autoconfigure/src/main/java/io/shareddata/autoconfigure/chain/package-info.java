/**
 * The onion as a whole: the start-up summary of every active feature in chain order, and the
 * {@code shareddata} actuator endpoint.
 */
@NullMarked
package io.shareddata.autoconfigure.chain;

import org.jspecify.annotations.NullMarked;
