/**
 * What the agent runs inside the JVM, loaded by the agent's own class loader only (the jar keeps
 * it out of the application's sight): the monitor, the leak log lines and the MBeans.
 */
@NullMarked
package io.namspill.agent.runtime;

import org.jspecify.annotations.NullMarked;
