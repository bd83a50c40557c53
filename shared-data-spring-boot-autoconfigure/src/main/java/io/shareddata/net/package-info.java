/**
 * Client addresses: which IP address sent a request, and whether its forwarding headers may
 * be believed. Shared by the IP allow-list, request logging, custom headers and proxy mounts.
 */
@NullMarked
package io.shareddata.net;

import org.jspecify.annotations.NullMarked;
