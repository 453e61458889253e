package io.namspill.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.namspill.Namespaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Brings up {@code lo} in a network namespace ({@code ip link set lo up} without iproute2): a new
 * network namespace has its loopback down, so that nothing in it can reach {@code 127.0.0.1}.
 */
public final class Loopback {

    private interface Libc extends Library {

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int ioctl(int fd, long request, byte[] ifreq) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final Libc LIBC = Native.load("c", Libc.class);

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final short IFF_UP = 0x1;
    /** {@code struct ifreq}: the name ({@code IFNAMSIZ}, 16 bytes), then a 24-byte union whose first member is the flags. */
    private static final int IFREQ_SIZE = 40;
    private static final int FLAGS_OFFSET = 16;

    private Loopback() {
    }

    /** Sets {@code IFF_UP} on {@code lo} of the network namespace {@code netns} names; needs CAP_NET_ADMIN there. */
    public static void bringUp(Path netns) throws Exception {
        Namespaces.call(netns, () -> {
            // the ioctl acts on the namespace of the socket, which is the namespace of the thread creating it
            int fd = LIBC.socket(AF_INET, SOCK_DGRAM, 0);
            try {
                byte[] ifreq = new byte[IFREQ_SIZE];
                byte[] name = "lo".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(name, 0, ifreq, 0, name.length);
                LIBC.ioctl(fd, SIOCGIFFLAGS, ifreq);
                ifreq[FLAGS_OFFSET] |= IFF_UP; // little-endian short: IFF_UP is in the low byte
                LIBC.ioctl(fd, SIOCSIFFLAGS, ifreq);
            }
            finally {
                LIBC.close(fd);
            }
            return null;
        });
    }
}
