/**
 * Internal to namspill-core: the leak tracker behind the monitor: how long each task stays spilled, and who is told. Not API: no other module uses it, and it changes in any release
 * without notice.
 */
@NullMarked
package io.namspill.internal.monitor;

import org.jspecify.annotations.NullMarked;
