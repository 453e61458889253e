/**
 * The start-up check that this starter runs on the Spring Boot line it was built for (3.5).
 */
@NullMarked
package io.namspill.spring.boot3.autoconfigure.line;

import org.jspecify.annotations.NullMarked;
