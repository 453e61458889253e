/**
 * The namspill health indicator for Spring Boot 3.5: {@code DOWN} while a task leaked into other
 * namespaces.
 */
@NullMarked
package io.namspill.spring.boot3.health;

import org.jspecify.annotations.NullMarked;
