package io.namspill.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the calling thread's (or another task's) namespace inodes, for assertions. */
public final class NamespaceLinks {

    private NamespaceLinks() {
    }

    /** The inode of {@code /proc/thread-self/ns/<type>}: where the calling thread is now. */
    public static long ofCurrentThread(String type) {
        return inode(Path.of("/proc/thread-self/ns/" + type));
    }

    /** The inode of the thread-group leader's namespace of {@code type}: the reference. */
    public static long ofLeader(String type) {
        return inode(Path.of("/proc/self/ns/" + type));
    }

    /** The inode of task {@code tid}'s namespace of {@code type}. */
    public static long ofTask(int tid, String type) {
        return inode(Path.of("/proc/self/task/" + tid + "/ns/" + type));
    }

    /** The inode a namespace link or file names. */
    public static long inode(Path link) {
        try {
            String text = Files.readSymbolicLink(link).toString();
            return Long.parseLong(text.substring(text.indexOf('[') + 1, text.length() - 1));
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read " + link, e);
        }
    }
}
