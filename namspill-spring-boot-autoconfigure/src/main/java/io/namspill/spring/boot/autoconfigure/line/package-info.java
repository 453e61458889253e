/**
 * The start-up check that this starter runs on the Spring Boot line it was built for (4.x).
 */
@NullMarked
package io.namspill.spring.boot.autoconfigure.line;

import org.jspecify.annotations.NullMarked;
