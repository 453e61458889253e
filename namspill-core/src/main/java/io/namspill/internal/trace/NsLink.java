package io.namspill.internal.trace;

import io.namspill.internal.procfs.NamespaceLinkText;
import io.namspill.snapshot.NamespaceType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a trapped call's links say: {@code net:[4026531840]} of a namespace, {@code anon_inode:[pidfd]} of a pidfd. */
final class NsLink {

    private NsLink() {
    }

    /** The namespace inode of {@code link}, {@code -1} where it is none (or unknown). */
    static long inode(@Nullable String link) {
        if (link == null) {
            return -1;
        }
        byte[] text = link.getBytes(StandardCharsets.ISO_8859_1);
        return NamespaceLinkText.parseInode(ByteBuffer.wrap(text), 0, text.length);
    }

    /**
     * The link name {@code setns(fd, 0)} changes for the namespace {@code link} names: a {@code pid}
     * or {@code time} namespace moves the children's ({@code pid_for_children}), never the thread's.
     */
    static List<String> setnsType(@Nullable String link) {
        int colon = link == null ? -1 : link.indexOf(":[");
        if (colon <= 0) {
            return List.of();
        }
        return NamespaceType.ofLinkName(link.substring(0, colon)).map(type -> List.of(type.setnsLink())).orElse(List.of());
    }
}
