/**
 * Auto-configuration for the {@code namspill} actuator endpoint.
 */
@NullMarked
package io.namspill.spring.boot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
