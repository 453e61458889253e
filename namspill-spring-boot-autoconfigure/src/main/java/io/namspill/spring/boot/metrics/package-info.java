/**
 * Micrometer meters for namespace spills; no Spring types.
 */
@NullMarked
package io.namspill.spring.boot.metrics;

import org.jspecify.annotations.NullMarked;
