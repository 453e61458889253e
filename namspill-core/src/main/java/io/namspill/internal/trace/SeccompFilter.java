package io.namspill.internal.trace;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.SeccompCalls;
import org.jspecify.annotations.Nullable;

/**
 * The trace's classic-BPF seccomp program: {@code setns} and {@code unshare} of this
 * architecture go to the listener ({@code SECCOMP_RET_USER_NOTIF}), every other call is allowed.
 * Installed with {@code TSYNC} (every thread of the process at once; a thread started meanwhile
 * inherits it from its already synchronised creator) and {@code NEW_LISTENER}, which returns the
 * listener descriptor (close-on-exec: children never hold it). It cannot be undone.
 */
final class SeccompFilter {

    private static final short LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
    private static final short JEQ_K = 0x15;    // BPF_JMP | BPF_JEQ | BPF_K
    private static final short AND_K = 0x54;    // BPF_ALU | BPF_AND | BPF_K
    private static final short RET_K = 0x06;    // BPF_RET | BPF_K

    // struct seccomp_data: int nr @0; u32 arch @4
    private static final int DATA_NR = 0;
    private static final int DATA_ARCH = 4;

    private static final int INSTRUCTIONS = 8;

    /** What the kernel says its notification structs measure. */
    record NotifSizes(int notif, int resp) {
    }

    /** The listener descriptor, and whether {@code no_new_privs} had to be set for it. */
    record Installed(int listener, boolean setNoNewPrivs) {
    }

    private SeccompFilter() {
    }

    /**
     * The 8 instructions. A foreign architecture's call is allowed (it cannot be decoded, and a
     * JVM makes none); the x32 bit is masked off so that x32-ABI setns/unshare are trapped too.
     */
    static Memory program() {
        int[][] code = {
            { LD_W_ABS, 0, 0, DATA_ARCH },
            { JEQ_K, 0, 5, LinuxAbi.auditArch() },                  // else -> 7: allow
            { LD_W_ABS, 0, 0, DATA_NR },
            { AND_K, 0, 0, ~LinuxAbi.X32_SYSCALL_BIT },
            { JEQ_K, 1, 0, LinuxAbi.setnsNumber() },                // -> 6: notify
            { JEQ_K, 0, 1, LinuxAbi.unshareNumber() },              // -> 6: notify, else 7: allow
            { RET_K, 0, 0, LinuxAbi.SECCOMP_RET_USER_NOTIF },
            { RET_K, 0, 0, LinuxAbi.SECCOMP_RET_ALLOW },
        };
        Memory program = new Memory(8L * INSTRUCTIONS);
        for (int i = 0; i < INSTRUCTIONS; i++) {
            program.setShort(8L * i, (short) code[i][0]);
            program.setByte(8L * i + 2, (byte) code[i][1]);
            program.setByte(8L * i + 3, (byte) code[i][2]);
            program.setInt(8L * i + 4, code[i][3]);
        }
        return program;
    }

    /** {@code seccomp(SECCOMP_GET_NOTIF_SIZES)}: asked, never hard-coded. */
    static NotifSizes notifSizes() {
        try (Memory sizes = new Memory(8)) {
            sizes.clear();
            SeccompCalls.syscall(LinuxAbi.seccompNumber(), LinuxAbi.SECCOMP_GET_NOTIF_SIZES, 0, Pointer.nativeValue(sizes));
            return new NotifSizes(sizes.getShort(0) & 0xffff, sizes.getShort(2) & 0xffff);
        }
    }

    /**
     * Installs the filter on every thread. Without CAP_SYS_ADMIN in its user namespace the kernel
     * says EACCES; then {@code no_new_privs} is set (irreversible, inherited: setuid programs the
     * JVM starts stop elevating) and the install tried once more.
     */
    static Installed install() {
        try {
            return new Installed(install(false), false);
        }
        catch (LastErrorException e) {
            if (!Errno.EACCES.is(e.getErrorCode())) {
                throw e;
            }
            return new Installed(install(true), true);
        }
    }

    private static int install(boolean noNewPrivs) {
        if (noNewPrivs) {
            SeccompCalls.prctl(LinuxAbi.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        }
        try (Memory filter = program(); Memory fprog = new Memory(16)) {
            fprog.clear();
            fprog.setShort(0, (short) INSTRUCTIONS);
            fprog.setLong(8, Pointer.nativeValue(filter));
            int flags = LinuxAbi.SECCOMP_FILTER_FLAG_TSYNC | LinuxAbi.SECCOMP_FILTER_FLAG_TSYNC_ESRCH
                    | LinuxAbi.SECCOMP_FILTER_FLAG_NEW_LISTENER;
            return (int) SeccompCalls.syscall(LinuxAbi.seccompNumber(), LinuxAbi.SECCOMP_SET_MODE_FILTER, flags,
                    Pointer.nativeValue(fprog));
        }
    }

    /** Why the kernel refused, in words an operator can act on. */
    static String refusal(int errno) {
        return Errno.of(errno).map(SeccompFilter::seccompRefusal).orElseGet(() -> "seccomp failed: " + Errno.describe(errno));
    }

    /** What {@code errno} means when seccomp returns it; null where its own description says all. */
    private static @Nullable String seccompRefusal(Errno errno) {
        return switch (errno) {
            case EINVAL -> "the kernel refuses a seccomp filter with TSYNC, TSYNC_ESRCH and NEW_LISTENER"
                    + " (seccomp user notification with TSYNC needs Linux 5.7 or later)";
            case ESRCH -> "ESRCH: some threads of the JVM are under another seccomp filter, so the filter cannot be"
                    + " installed on all of them at once";
            case EACCES, EPERM -> "not allowed to install a seccomp filter (" + errno.describe()
                    + "; a container's seccomp profile may refuse seccomp itself)";
            case ENOSYS -> "the kernel has no seccomp (ENOSYS)";
            case EBUSY -> "EBUSY: this process already runs under a seccomp filter with a listener (it was"
                    + " started by a JVM with the origin trace on, or by a supervisor such as a container runtime's),"
                    + " and Linux allows one listener per chain of filters";
            default -> null;
        };
    }
}
