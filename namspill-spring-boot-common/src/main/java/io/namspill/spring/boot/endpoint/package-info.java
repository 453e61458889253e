/**
 * The actuator endpoint {@code namspill}.
 */
@NullMarked
package io.namspill.spring.boot.endpoint;

import org.jspecify.annotations.NullMarked;
