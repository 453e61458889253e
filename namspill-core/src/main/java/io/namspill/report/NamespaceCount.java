package io.namspill.report;

/**
 * One namespace of a type and how many tasks are attached to it.
 *
 * @param inode the namespace's inode
 * @param tasks how many tasks of the snapshot are attached to it
 * @param reference whether it is the thread-group leader's
 */
public record NamespaceCount(long inode, int tasks, boolean reference) {
}
