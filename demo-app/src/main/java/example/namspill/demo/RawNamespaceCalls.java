package example.namspill.demo;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The unsafe way: raw {@code unshare(2)} through JNA, never undone. This is the bug namspill
 * exists to catch; the demo does it on purpose.
 */
final class RawNamespaceCalls {

    interface Libc extends Library {
        int unshare(int flags) throws LastErrorException;

        int gettid() throws LastErrorException;
    }

    private static final Libc LIBC = Native.load("c", Libc.class);

    private RawNamespaceCalls() {
    }

    static void unshare(NamespaceKind kind) {
        try {
            LIBC.unshare(kind.cloneFlag());
        }
        catch (LastErrorException e) {
            throw new NamespaceOperationException("unshare(" + kind.typeName() + ")", e.getErrorCode());
        }
    }

    static int gettid() {
        return LIBC.gettid();
    }
}
