/**
 * namspill's JFR events and the one guard that keeps a JVM without {@code jdk.jfr} from loading
 * them, for the switching API and the monitor that emit them. Internal: not part of namspill's API.
 */
@NullMarked
package io.namspill.internal.jfr;

import org.jspecify.annotations.NullMarked;
