package example.namspill.demo;

/** A namespace call the demo made failed; the errno explains why (EPERM: no CAP_SYS_ADMIN). */
class NamespaceOperationException extends RuntimeException {

    private final int errno;

    NamespaceOperationException(String call, int errno) {
        super(call + " failed with errno " + errno + (errno == 1
                ? " (EPERM: this JVM lacks CAP_SYS_ADMIN; run it as root, or inside"
                        + " 'unshare --user --map-root-user', see docs/demo.md)"
                : ""));
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
