package io.namspill.report;

/**
 * A spilled task's namespace of one type beside the reference's.
 *
 * @param inode the inode of the task's namespace
 * @param reference the inode of the thread-group leader's namespace of the same type
 */
public record NamespaceDifference(long inode, long reference) {
}
