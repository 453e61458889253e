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

    private LinuxAbi() {
    }

    /** What x86-64 and aarch64 number differently. */
    enum Arch {
        X86_64(186, 217, 0x10000),
        AARCH64(178, 61, 0x4000);

        final long gettid;
        final long getdents64;
        final int directoryFlag;

        Arch(long gettid, long getdents64, int directoryFlag) {
            this.gettid = gettid;
            this.getdents64 = getdents64;
            this.directoryFlag = directoryFlag;
        }

        static Arch current() {
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            if (arch.equals("amd64") || arch.equals("x86_64")) {
                return X86_64;
            }
            return arch.equals("aarch64") ? AARCH64 : null;
        }
    }
}
