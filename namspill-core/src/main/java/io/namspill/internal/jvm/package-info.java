/**
 * Internal to namspill-core: HotSpot thread dumps parsed into Java threads, and the virtual-thread check. Not API: no other module uses it, and it changes in any release
 * without notice.
 */
@NullMarked
package io.namspill.internal.jvm;

import org.jspecify.annotations.NullMarked;
