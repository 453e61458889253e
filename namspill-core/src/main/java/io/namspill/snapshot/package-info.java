/**
 * Reading: an immutable {@link io.namspill.snapshot.TaskSnapshot} of every task of the process
 * and the namespaces each is attached to, read from procfs by a {@link io.namspill.snapshot.TaskScanner}.
 * Plain values: judging them is {@link io.namspill.report}'s job. {@link io.namspill.snapshot.NamespaceType}
 * is the one list of the kinds of namespace and their link names, which switching speaks of too.
 */
@NullMarked
package io.namspill.snapshot;

import org.jspecify.annotations.NullMarked;
