/**
 * Micrometer meters for namespace spills; no Spring types.
 */
@NullMarked
package io.namspill.micrometer;

import org.jspecify.annotations.NullMarked;
