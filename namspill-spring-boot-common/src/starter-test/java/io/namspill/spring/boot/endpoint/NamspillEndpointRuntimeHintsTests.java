package io.namspill.spring.boot.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.spring.boot.endpoint.NamspillEndpoint.NamespaceDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.ReportDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.TaskDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.ThreadDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.TypeDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.TypeReportDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.UnknownTypeDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.UnsupportedDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The endpoint's JSON in a native image: every answer type, and the types nested in them, can be
 * serialized (the operations declare the interface, so Spring cannot find the records alone).
 */
class NamspillEndpointRuntimeHintsTests {

    @Test
    void everyAnswerAndNestedTypeIsBoundForJson() {
        assertThat(NamspillEndpoint.class.getAnnotation(ImportRuntimeHints.class).value())
                .contains(NamspillEndpoint.NamspillEndpointRuntimeHints.class);
        RuntimeHints hints = new RuntimeHints();
        new NamspillEndpoint.NamspillEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());
        for (Class<?> type : List.of(ReportDescriptor.class, TypeReportDescriptor.class, UnsupportedDescriptor.class,
                UnknownTypeDescriptor.class, TypeDescriptor.class, NamespaceDescriptor.class, TaskDescriptor.class,
                ThreadDescriptor.class)) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)
                    .withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(type.getName()).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethod(ReportDescriptor.class, "leaks")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethod(ReportDescriptor.class, "note")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethod(UnknownTypeDescriptor.class, "validTypes")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethod(ThreadDescriptor.class, "stackTrace")).accepts(hints);
    }
}
