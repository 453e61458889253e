/**
 * Internal to namspill-core: how a switch is made: the kernel seam, the rules, poisoning, the throwaway thread. Not API: no other module uses it, and it changes in any release
 * without notice.
 */
@NullMarked
package io.namspill.internal.switching;

import org.jspecify.annotations.NullMarked;
