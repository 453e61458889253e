/**
 * Auto-configuration for the namspill health indicator on Spring Boot 3.5.
 */
@NullMarked
package io.namspill.spring.boot3.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
