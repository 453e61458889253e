/**
 * Switching safely: {@link io.namspill.switching.NamespaceSwitch} (made by
 * {@link io.namspill.Namespaces}) switches, runs and switches back; its failures are
 * {@link io.namspill.switching.NamespaceSwitchException} (nothing changed) and
 * {@link io.namspill.switching.PoisonedThreadError} (the thread could not be switched back).
 * {@link io.namspill.switching.ReferenceThreadFactory} gives pools threads that start out in the
 * reference namespaces.
 */
@NullMarked
package io.namspill.switching;

import org.jspecify.annotations.NullMarked;
