package example.namspill.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The namespace types the demo can leak with a plain {@code unshare} in a pool thread. */
enum NamespaceKind {

    UTS(0x04000000), NET(0x40000000), IPC(0x08000000), CGROUP(0x02000000);

    private final int cloneFlag;

    NamespaceKind(int cloneFlag) {
        this.cloneFlag = cloneFlag;
    }

    int cloneFlag() {
        return cloneFlag;
    }

    String typeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NamespaceKind of(String type) {
        for (NamespaceKind kind : values()) {
            if (kind.typeName().equals(type)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("type '" + type + "' is not one the demo can leak; use one of "
                + Arrays.stream(values()).map(NamespaceKind::typeName).collect(Collectors.joining(", ")));
    }
}
