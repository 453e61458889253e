/**
 * Networking in other network namespaces without moving application threads:
 * {@link io.namspill.net.NetworkNamespace} creates sockets and channels inside a namespace, and
 * they stay there for their whole life, whichever thread uses them.
 */
@NullMarked
package io.namspill.net;

import org.jspecify.annotations.NullMarked;
