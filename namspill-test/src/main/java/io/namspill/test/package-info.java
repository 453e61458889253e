/**
 * Test support: fail a test that leaves a task of the JVM in a foreign Linux namespace.
 *
 * <ul>
 * <li>AssertJ: {@code NamspillAssertions.assertThat(Namspill.tasks()).isUniformlyNamespaced()}
 * (needs {@code org.assertj:assertj-core} on the test class path).</li>
 * <li>Hamcrest: {@code MatcherAssert.assertThat(Namspill.tasks(), NamspillMatchers.isUniformlyNamespaced())}
 * (needs {@code org.hamcrest:hamcrest}).</li>
 * <li>JUnit Jupiter: {@link io.namspill.test.NamspillExtension}, which fails a test only for the
 * tasks that spilled during it.</li>
 * </ul>
 *
 * <p>All three fail with the same text, {@link io.namspill.report.SpillReport#render()}: every spilled
 * task with its tid, task name, Java thread and each differing namespace beside the reference.
 */
@NullMarked
package io.namspill.test;

import org.jspecify.annotations.NullMarked;
