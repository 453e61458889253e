/**
 * The namspill health indicator: {@code DOWN} while a task leaked into other namespaces.
 */
@NullMarked
package io.namspill.spring.boot.health;

import org.jspecify.annotations.NullMarked;
