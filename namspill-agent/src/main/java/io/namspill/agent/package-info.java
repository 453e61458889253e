/**
 * The namspill Java agent: {@link io.namspill.agent.NamspillAgent} (the entry point at start and
 * when attached) and {@link io.namspill.agent.Attach} (loads the agent into a running JVM, for a
 * command line).
 */
@NullMarked
package io.namspill.agent;

import org.jspecify.annotations.NullMarked;
