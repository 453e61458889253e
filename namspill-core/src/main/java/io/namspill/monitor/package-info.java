/**
 * Monitoring for production integrations: {@link io.namspill.monitor.NamespaceMonitor} shares one
 * cached scan among health checks, metrics and endpoints, tracks how long each task stays spilled
 * (the grace period), and tells {@link io.namspill.monitor.LeakListener}s once per leak.
 */
@NullMarked
package io.namspill.monitor;

import org.jspecify.annotations.NullMarked;
