package io.namspill.internal.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;

/** The few libc calls namspill needs; every one reports failure as {@link LastErrorException}. */
interface Libc extends Library {

    int gettid() throws LastErrorException;

    long syscall(long number) throws LastErrorException;

    int unshare(int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int ioctl(int fd, long request) throws LastErrorException;
}
