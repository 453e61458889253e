/**
 * Auto-configuration for namspill: the shared {@link io.namspill.monitor.NamespaceMonitor} and
 * its {@code namspill.*} properties. Health, metrics and the endpoint have their own
 * auto-configurations in the sub-packages.
 */
@NullMarked
package io.namspill.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
