/**
 * Auto-configuration of the one {@link io.shareddata.net.ClientAddressResolver} every feature shares.
 */
@NullMarked
package io.shareddata.autoconfigure.net;

import org.jspecify.annotations.NullMarked;
