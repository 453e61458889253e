/**
 * Internal to namspill-core: the one parser of decimals that procfs and thread dumps write. Not API: no other module uses it, and it changes in any release
 * without notice.
 */
@NullMarked
package io.namspill.internal.text;

import org.jspecify.annotations.NullMarked;
