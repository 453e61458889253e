package example.namspill.demo;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * {@code ip link set lo up}, without iproute2, for the calling thread's network namespace: a new
 * network namespace starts with its loopback down. Call it inside a switch into the namespace.
 */
final class Loopback {

    interface Libc extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int ioctl(int fd, long request, byte[] interfaceRequest) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final Libc LIBC = Native.load("c", Libc.class);

    /** {@code struct ifreq}: a 16-byte name, then a 24-byte union that starts with the flags (a short). */
    private static final int IFREQ_BYTES = 40;

    private Loopback() {
    }

    static void bringUpHere() {
        int fd = LIBC.socket(2 /* AF_INET */, 2 /* SOCK_DGRAM */, 0); // an ioctl acts on its socket's namespace
        try {
            byte[] request = new byte[IFREQ_BYTES];
            request[0] = (byte) 'l';
            request[1] = (byte) 'o';
            LIBC.ioctl(fd, 0x8913 /* SIOCGIFFLAGS */, request);
            request[16] |= 1; // IFF_UP, in the low byte of the little-endian flags
            LIBC.ioctl(fd, 0x8914 /* SIOCSIFFLAGS */, request);
        }
        finally {
            LIBC.close(fd);
        }
    }
}
