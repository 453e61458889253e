package example.namspill.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads which namespace the calling thread is in, for the demo's answers. */
final class ThreadNamespaces {

    private ThreadNamespaces() {
    }

    /** The inode of {@code /proc/thread-self/ns/<type>}. */
    static long inodeOfCurrentThread(String type) {
        return inode(Path.of("/proc/thread-self/ns/" + type));
    }

    /** The inode of the namespace a link such as {@code /proc/<pid>/ns/net} names. */
    static long inode(Path link) {
        try {
            String text = Files.readSymbolicLink(link).toString();
            return Long.parseLong(text.substring(text.indexOf('[') + 1, text.length() - 1));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + link, e);
        }
    }
}
