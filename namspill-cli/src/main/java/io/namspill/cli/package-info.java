/**
 * The {@code namspill} command: checks the tasks of running processes, Java or not, from outside
 * ({@code check}, {@code ps}). Its entry point is {@link io.namspill.cli.NamspillCli}.
 */
@NullMarked
package io.namspill.cli;

import org.jspecify.annotations.NullMarked;
