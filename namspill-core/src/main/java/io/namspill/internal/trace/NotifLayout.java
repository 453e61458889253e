package io.namspill.internal.trace;

/**
 * Byte offsets of the user-notification structs of {@code <linux/seccomp.h>}, the same on x86-64
 * and aarch64; their sizes come from {@code SECCOMP_GET_NOTIF_SIZES} (a newer kernel may append
 * fields, the offsets below never move).
 * <pre>
 * struct seccomp_notif      { u64 id @0; u32 pid (the caller's tid) @8; u32 flags @12;
 *                             struct seccomp_data { s32 nr @16; u32 arch @20; u64 ip @24; u64 args[6] @32 } }
 * struct seccomp_notif_resp { u64 id @0; s64 val @8; s32 error @16; u32 flags @20 }
 * </pre>
 * The ioctl numbers are derived from the reported sizes the way the header derives them from
 * {@code sizeof}: 0xc0502100, 0xc0182101 and 0x40082102 on Linux 6.18 x86-64.
 */
final class NotifLayout {

    static final int ID = 0;
    static final int PID = 8;
    static final int NR = 16;
    static final int ARGS = 32;

    static final int RESP_ID = 0;
    static final int RESP_VAL = 8;
    static final int RESP_ERROR = 16;
    static final int RESP_FLAGS = 20;

    /** At least the fields read above, whatever a kernel reports. */
    static final int MIN_NOTIF = 80;
    static final int MIN_RESP = 24;

    private static final long IOC_WRITE = 1L;
    private static final long IOC_READ = 2L;
    private static final long SECCOMP_IOC_MAGIC = '!';

    private NotifLayout() {
    }

    /** {@code _IOC(dir, '!', nr, size)}: dir << 30 | size << 16 | type << 8 | nr. */
    static long ioc(long dir, long nr, long size) {
        return (dir << 30) | (size << 16) | (SECCOMP_IOC_MAGIC << 8) | nr;
    }

    static long recv(int notifSize) {
        return ioc(IOC_READ | IOC_WRITE, 0, notifSize);
    }

    static long send(int respSize) {
        return ioc(IOC_READ | IOC_WRITE, 1, respSize);
    }

    static long idValid() {
        return ioc(IOC_WRITE, 2, 8);
    }
}
