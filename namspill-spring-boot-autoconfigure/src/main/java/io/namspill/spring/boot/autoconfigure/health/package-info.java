/**
 * Auto-configuration for the namspill health indicator.
 */
@NullMarked
package io.namspill.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
