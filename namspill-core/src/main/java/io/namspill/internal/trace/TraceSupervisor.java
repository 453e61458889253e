package io.namspill.internal.trace;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.SeccompCalls;
import io.namspill.internal.procfs.StatLine;
import io.namspill.snapshot.NamespaceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The listener loop: receive a trapped call, note who made it and what it changes, take the
 * caller's stack (announced, or captured within a budget), answer CONTINUE so that the call runs
 * unchanged, and only then hand the call on.
 *
 * <p>Every setns/unshare of the process, and of its child processes, waits for this thread, so:
 * <ul>
 * <li>it never calls setns/unshare itself (it would wait for its own answer forever);</li>
 * <li>it takes no lock a traced caller could hold: native memory is allocated once, /proc is read
 *     through NIO, stacks are captured on other threads within a time budget
 *     ({@link BoundedCapture}), and the call is handed on only after the answer;</li>
 * <li>it never gives up: every Throwable is caught and the answer is always sent. Should the loop
 *     still end, the {@code finally} closes the listener: the kernel then fails the waiting and
 *     every later call with ENOSYS at once, for good; broken, but nobody hangs. (Closing it from
 *     another thread would not release a caller: a RECV in progress holds the file.)</li>
 * </ul>
 * Tasks outside this JVM (children started after the filter inherit it) are answered at once,
 * with no search and no record.
 */
final class TraceSupervisor implements Runnable {

    private final int listener;
    private final long recvIoctl;
    private final long sendIoctl;
    private final long idValidIoctl;
    private final Memory notif;
    private final Memory resp;
    private final Memory id;
    private final Announcements announcements;
    private final BoundedCapture capture;
    private final CaptureBudget budget;
    private final Consumer<TrappedCall> sink;
    private volatile boolean stopRequested;

    TraceSupervisor(int listener, SeccompFilter.NotifSizes sizes, Announcements announcements, BoundedCapture capture,
            CaptureBudget budget, Consumer<TrappedCall> sink) {
        this.listener = listener;
        this.recvIoctl = NotifLayout.recv(sizes.notif());
        this.sendIoctl = NotifLayout.send(sizes.resp());
        this.idValidIoctl = NotifLayout.idValid();
        this.notif = new Memory(Math.max(sizes.notif(), NotifLayout.MIN_NOTIF));
        this.resp = new Memory(Math.max(sizes.resp(), NotifLayout.MIN_RESP));
        this.id = new Memory(8);
        this.announcements = announcements;
        this.capture = capture;
        this.budget = budget;
        this.sink = sink;
    }

    /** Starts the loop on a daemon thread of maximum priority: callers wait for it. */
    Thread start() {
        Thread thread = new Thread(this, "namspill-trace-supervisor");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return thread;
    }

    /**
     * What a dying supervisor does, for the tests that prove it leaves nobody blocked: the next
     * trapped call is not answered, the loop ends and the listener is closed.
     */
    void stop() {
        stopRequested = true;
    }

    @Override
    public void run() {
        try {
            loop();
        }
        finally {
            SeccompCalls.close(listener);
        }
    }

    private void loop() {
        long address = Pointer.nativeValue(notif);
        while (true) {
            try {
                notif.clear();
                try {
                    SeccompCalls.ioctl(listener, recvIoctl, address);
                }
                catch (LastErrorException e) {
                    // EINTR: a signal; ENOENT: the caller was killed before we received its call
                    if (Errno.EINTR.is(e.getErrorCode()) || Errno.ENOENT.is(e.getErrorCode())) {
                        continue;
                    }
                    throw e;
                }
                if (stopRequested) {
                    return;
                }
                handle();
            }
            catch (LastErrorException e) {
                if (Errno.EBADF.is(e.getErrorCode())) {
                    return; // the listener is gone: nothing more will come
                }
                // anything else: keep serving, a missed answer would hang the caller
            }
            catch (Throwable e) {
                // OutOfMemoryError, StackOverflowError...: keep serving (see the class comment)
            }
        }
    }

    private void handle() {
        long notifId = notif.getLong(NotifLayout.ID);
        int tid = notif.getInt(NotifLayout.PID);
        int nr = notif.getInt(NotifLayout.NR);
        long arg0 = notif.getLong(NotifLayout.ARGS);
        long arg1 = notif.getLong(NotifLayout.ARGS + 8);
        TrappedCall call = null;
        try {
            Path task = Path.of("/proc/self/task/" + tid);
            if (Files.exists(task)) { // else a child process's call: let it through, no stack
                call = describe(task, tid, nr, arg0, arg1);
            }
        }
        catch (Throwable e) {
            call = null; // no details; still answer
        }
        // After reading /proc: a caller that is no longer waiting died, and its tid may name another task.
        boolean valid = idValid(notifId);
        answerContinue(notifId);
        if (call != null && valid) {
            try {
                sink.accept(call);
            }
            catch (Throwable e) {
                // a failing sink must not stop the loop
            }
        }
    }

    TrappedCall describe(Path task, int tid, int nr, long arg0, long arg1) {
        Instant time = Instant.now();
        String syscall;
        List<String> types;
        long target = -1;
        if (nr == LinuxAbi.unshareNumber()) {
            syscall = "unshare";
            types = types(arg0);
        }
        else {
            syscall = "setns";
            // read the descriptor while the caller is blocked: after CONTINUE it may close it
            String link = readLink(task.resolve("fd/" + (int) arg0));
            target = NsLink.inode(link);
            types = (int) arg1 != 0 ? types(arg1 & 0xffffffffL) : NsLink.setnsType(link);
        }
        Map<String, Long> before = new LinkedHashMap<>();
        for (String type : types) {
            before.put(type, NsLink.inode(readLink(task.resolve("ns/" + type))));
        }
        long startTime = startTime(task);
        CapturedStack stack = announcements.of(tid);
        String unavailable = null;
        if (stack == null) {
            if (capture.exhausted()) {
                unavailable = "stack capture stopped: " + capture.workers() + " captures overran their "
                        + capture.budgetMillis() + " ms budget";
            }
            else if (!budget.tryAcquire()) {
                unavailable = budget.exhausted();
            }
            else {
                stack = capture.capture(tid);
                if (stack == null) {
                    unavailable = "no Java thread found blocked in the call within " + capture.budgetMillis() + " ms";
                }
            }
        }
        return new TrappedCall(tid, startTime, syscall, types, before, target, time, stack, unavailable);
    }

    /** The link names an unshare or setns with these {@code CLONE_NEW*} flags changes. */
    static List<String> types(long flags) {
        List<String> types = new ArrayList<>(2);
        for (NamespaceType type : NamespaceType.values()) {
            if ((flags & type.cloneFlag()) != 0) {
                types.add(type.setnsLink());
            }
        }
        return types;
    }

    private boolean idValid(long notifId) {
        id.setLong(0, notifId);
        try {
            SeccompCalls.ioctl(listener, idValidIoctl, Pointer.nativeValue(id));
            return true;
        }
        catch (LastErrorException e) {
            return false; // ENOENT
        }
    }

    private void answerContinue(long notifId) {
        resp.clear();
        resp.setLong(NotifLayout.RESP_ID, notifId);
        resp.setLong(NotifLayout.RESP_VAL, 0);
        resp.setInt(NotifLayout.RESP_ERROR, 0);
        resp.setInt(NotifLayout.RESP_FLAGS, LinuxAbi.SECCOMP_USER_NOTIF_FLAG_CONTINUE);
        while (true) {
            try {
                SeccompCalls.ioctl(listener, sendIoctl, Pointer.nativeValue(resp));
                return;
            }
            catch (LastErrorException e) {
                if (!Errno.EINTR.is(e.getErrorCode())) {
                    return; // ENOENT: the caller is gone (killed, or interrupted and restarted: trapped anew)
                }
            }
        }
    }

    private static long startTime(Path task) {
        try {
            return StatLine.startTime(Files.readAllBytes(task.resolve("stat")));
        }
        catch (IOException e) {
            return -1;
        }
    }

    private static @Nullable String readLink(Path path) {
        try {
            return Files.readSymbolicLink(path).toString();
        }
        catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
