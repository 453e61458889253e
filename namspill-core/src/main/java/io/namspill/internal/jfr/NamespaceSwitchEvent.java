package io.namspill.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One switch made through {@code Namespaces}; its duration is the time spent inside. Only {@link JfrEvents} touches it. */
@Name("io.namspill.NamespaceSwitch")
@Label("Namespace Switch")
@Category("namspill")
@Description("A switch into other Linux namespaces made through namspill's Namespaces API; the duration is the time inside")
@StackTrace(true)
final class NamespaceSwitchEvent extends jdk.jfr.Event {

    @Label("Task Id")
    @Description("The Linux tid of the switching thread")
    int tid;

    @Label("Namespaces")
    String namespaces;

    @Label("Types")
    String types;

    @Label("Failed")
    @Description("Whether the switch could not be entered, or the thread could not switch back")
    boolean failed;
}
