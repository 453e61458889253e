/**
 * Auto-configuration for the namspill meters.
 */
@NullMarked
package io.namspill.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
