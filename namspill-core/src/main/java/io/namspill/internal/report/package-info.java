/**
 * Internal to namspill-core: the text rendering of a report. Not API: no other module uses it, and it changes in any release
 * without notice.
 */
@NullMarked
package io.namspill.internal.report;

import org.jspecify.annotations.NullMarked;
