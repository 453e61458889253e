/**
 * Internal to namspill-core: the JNA bindings of the system calls: the only place that knows their numbers and flags. Not API: no other module uses it, and it changes in any release
 * without notice.
 */
@NullMarked
package io.namspill.internal.linux;

import org.jspecify.annotations.NullMarked;
