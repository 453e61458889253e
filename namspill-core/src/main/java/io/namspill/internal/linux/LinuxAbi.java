package io.namspill.internal.linux;

import java.util.Locale;

/**
 * The one home of the numbers the kernel's ABI gives namspill's system calls: flags, and the
 * syscall numbers and flag values that differ between x86-64 and aarch64. Both bindings
 * ({@link LinuxNative}, {@link FileCalls}) and everything that passes flags take them from here.
 */
public final class LinuxAbi {

    public static final int CLONE_FS = 0x00000200;
    public static final int CLONE_NEWTIME = 0x00000080;
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    public static final int AT_FDCWD = -100;
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_PATH = 0x200000;
    public static final int F_OK = 0;

    /** {@code ioctl(fd, NS_GET_NSTYPE)}: the {@code CLONE_NEW*} type of a namespace descriptor (Linux 4.11+). */
    public static final long NS_GET_NSTYPE = 0xb703;

    /** The architecture's syscall numbers and differing flags; null off x86-64 and aarch64. */
    static final Arch ARCH = Arch.current();

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    // seccomp(2) and seccomp_unotify(2): the origin trace's filter and listener
    public static final int SECCOMP_SET_MODE_FILTER = 1;
    public static final int SECCOMP_GET_NOTIF_SIZES = 3;
    public static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    public static final int SECCOMP_FILTER_FLAG_NEW_LISTENER = 8;
    /** Linux 5.7+: lets TSYNC and NEW_LISTENER be combined (EINVAL without it). */
    public static final int SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 16;
    public static final int SECCOMP_RET_USER_NOTIF = 0x7fc00000;
    public static final int SECCOMP_RET_ALLOW = 0x7fff0000;
    public static final int SECCOMP_USER_NOTIF_FLAG_CONTINUE = 1;
    public static final int PR_SET_NO_NEW_PRIVS = 38;
    /** {@code __X32_SYSCALL_BIT}: masked off so that x32-ABI calls match the x86-64 numbers. */
    public static final int X32_SYSCALL_BIT = 0x40000000;

    /** Whether the running architecture has the numbers below (x86-64 or aarch64). */
    public static boolean isKnownArchitecture() {
        return ARCH != null;
    }

    /** {@code AUDIT_ARCH_*} of the running architecture, as {@code seccomp_data.arch} shows it. */
    public static int auditArch() {
        return ARCH.auditArch();
    }

    /** The number of {@code setns(2)} on the running architecture. */
    public static int setnsNumber() {
        return ARCH.setns();
    }

    /** The number of {@code unshare(2)} on the running architecture. */
    public static int unshareNumber() {
        return ARCH.unshare();
    }

    /** The number of {@code seccomp(2)} on the running architecture (glibc has no wrapper). */
    public static int seccompNumber() {
        return ARCH.seccomp();
    }

    private LinuxAbi() {
    }

    /** Whether this JVM runs on Linux: the one probe of the platform. */
    public static boolean isLinux() {
        return LINUX;
    }

    /** What x86-64 and aarch64 number differently. */
    record Arch(long gettid, long getdents64, int directoryFlag, int auditArch, int setns, int unshare, int seccomp) {

        static final Arch X86_64 = new Arch(186, 217, 0x10000, 0xc000003e, 308, 272, 317);
        static final Arch AARCH64 = new Arch(178, 61, 0x4000, 0xc00000b7, 268, 97, 277);

        static Arch current() {
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            if (arch.equals("amd64") || arch.equals("x86_64")) {
                return X86_64;
            }
            return arch.equals("aarch64") ? AARCH64 : null;
        }
    }
}
