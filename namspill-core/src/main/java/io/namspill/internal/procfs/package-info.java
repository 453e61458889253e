/**
 * Internal to namspill-core: the procfs readers behind TaskScanner: descriptor scan, path scan, reads shared over a caller's executor, the parsers, and the registry of switched tasks. Not API: no other module uses it, and it changes in any release
 * without notice.
 */
@NullMarked
package io.namspill.internal.procfs;

import org.jspecify.annotations.NullMarked;
