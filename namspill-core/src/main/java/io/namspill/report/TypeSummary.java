package io.namspill.report;

import java.util.List;

/**
 * The census of one namespace type over all tasks.
 *
 * @param type the type, {@code net} for example
 * @param namespaces every distinct namespace of this type among the tasks, reference first
 * @param spilledTasks how many tasks, outside a switch and not ignored, differ from the reference
 *     in this type
 */
public record TypeSummary(String type, List<NamespaceCount> namespaces, int spilledTasks) {

    public TypeSummary {
        namespaces = List.copyOf(namespaces);
    }
}
