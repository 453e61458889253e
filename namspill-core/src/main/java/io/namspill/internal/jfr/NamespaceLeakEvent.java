package io.namspill.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;

/** A task first found leaked, with the traced call that leaked it where known. Only {@link JfrEvents} touches it. */
@Name("io.namspill.NamespaceLeak")
@Label("Namespace Leak")
@Category("namspill")
@Description("A task of the JVM found attached to other namespaces than the thread-group leader, outside a switch")
@StackTrace(false)
final class NamespaceLeakEvent extends jdk.jfr.Event {

    @Label("Task Id")
    int tid;

    @Label("Task Name")
    String taskName;

    @Label("Java Thread")
    @Description("The Java thread's name, where the JVM could name one")
    String javaThread;

    @Label("Types")
    @Description("The namespace types that differ from the thread-group leader's")
    String types;

    @Label("Origin Syscall")
    @Description("setns or unshare: the traced call that left the task there, where traced")
    String originSyscall;

    @Label("Origin Types")
    String originTypes;

    @Label("Origin Time")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long originTime;

    @Label("Origin Thread")
    String originThread;

    @Label("Origin Stack Trace")
    @Description("The calling Java thread's frames at the call, one per line")
    String originStackTrace;
}
