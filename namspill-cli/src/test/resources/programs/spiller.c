// A process that spills, for namspill's command-line tests (no namspill inside).
//   spiller          one thread, "c-spiller", unshares its UTS namespace and parks;
//                    prints that thread's tid once it has.
//   spiller leader   three threads park, then the thread-group leader unshares its UTS
//                    namespace; prints the leader's tid once it has.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static int spilled;

static void *spill(void *unused) {
    (void) unused;
    pthread_setname_np(pthread_self(), "c-spiller");
    if (unshare(CLONE_NEWUTS) != 0) {
        perror("unshare");
        _exit(3);
    }
    pthread_mutex_lock(&lock);
    spilled = (int) syscall(SYS_gettid);
    pthread_cond_signal(&done);
    pthread_mutex_unlock(&lock);
    for (;;) {
        pause();
    }
}

static void *park(void *unused) {
    (void) unused;
    for (;;) {
        pause();
    }
}

int main(int argc, char **argv) {
    pthread_t thread;
    if (argc > 1 && strcmp(argv[1], "leader") == 0) {
        for (int i = 0; i < 3; i++) {
            pthread_create(&thread, NULL, park, NULL);
        }
        if (unshare(CLONE_NEWUTS) != 0) {
            perror("unshare");
            return 3;
        }
        printf("%d\n", (int) getpid());
    }
    else {
        pthread_create(&thread, NULL, spill, NULL);
        pthread_mutex_lock(&lock);
        while (spilled == 0) {
            pthread_cond_wait(&done, &lock);
        }
        pthread_mutex_unlock(&lock);
        printf("%d\n", spilled);
    }
    fflush(stdout);
    for (;;) {
        pause();
    }
}
