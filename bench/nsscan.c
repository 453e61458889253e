// nsscan: the C yardstick for namspill's scan. Starts N idle threads, then times full scans of
// its own process: every namespace link of every task under /proc/self/task.
//
//   gcc -O2 -Wall -pthread -o nsscan bench/nsscan.c
//   ./nsscan N VARIANT [MIN_SECONDS=0.5] [ROUNDS=7]
//
// VARIANT b: readlinkat(<fd of /proc/self/task>, "<tid>/ns/<type>") for each of the 10 types.
//         d: per task openat(<task fd>, "<tid>/ns", O_PATH) once, then readlinkat(<ns fd>, "<type>").
// The task list is read afresh for every scan (getdents64 on a new descriptor of /proc/self/task).
// After a warm-up, each round repeats the scan for at least MIN_SECONDS; it prints one line:
//   ... scan_ms_median=<median over the rounds of one scan's wall time> ... cpu_ms_per_scan=<process
//   CPU time (CLOCK_PROCESS_CPUTIME_ID: every thread; the idle ones add nothing) per timed scan> ...
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *const TYPES[] = {"cgroup", "ipc", "mnt", "net", "pid", "pid_for_children",
                                    "time", "time_for_children", "user", "uts"};
enum { TYPE_COUNT = sizeof TYPES / sizeof TYPES[0] };

// idle threads: each waits on a condition until the end
static pthread_mutex_t idle_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t idle_ready = PTHREAD_COND_INITIALIZER;
static pthread_cond_t idle_release = PTHREAD_COND_INITIALIZER;
static int idle_started;
static int idle_done;

static void *idle(void *unused) {
    pthread_mutex_lock(&idle_lock);
    idle_started++;
    pthread_cond_signal(&idle_ready);
    while (!idle_done) pthread_cond_wait(&idle_release, &idle_lock);
    pthread_mutex_unlock(&idle_lock);
    return unused;
}

struct dirent64_raw {
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

struct scan_result {
    long links;     // links read
    long failures;  // links that could not be read (a task that ended meanwhile)
    uint64_t sum;   // sum of the inodes, so that the compiler keeps the parsing
};

static int *tid_list;
static size_t tid_capacity;

static double seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fail(const char *what) {
    perror(what);
    exit(1);
}

// The tids of this process; *task_dir receives the open descriptor of /proc/self/task.
static size_t read_tids(int *task_dir) {
    static char entries[64 * 1024];
    int dir = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) fail("/proc/self/task");
    size_t count = 0;
    long got;
    while ((got = syscall(SYS_getdents64, dir, entries, sizeof entries)) > 0) {
        for (long at = 0; at < got;) {
            const struct dirent64_raw *entry = (const struct dirent64_raw *)(entries + at);
            at += entry->reclen;
            if (entry->name[0] < '0' || entry->name[0] > '9') continue;  // "." and ".."
            if (count == tid_capacity) {
                tid_capacity = tid_capacity ? 2 * tid_capacity : 4096;
                tid_list = realloc(tid_list, tid_capacity * sizeof *tid_list);
                if (!tid_list) fail("realloc");
            }
            tid_list[count++] = (int)strtol(entry->name, NULL, 10);
        }
    }
    if (got < 0) fail("getdents64 /proc/self/task");
    *task_dir = dir;
    return count;
}

// "net:[4026531840]" -> 4026531840; 0 for any other text
static uint64_t inode_of(const char *text, ssize_t length) {
    const char *open_bracket = memchr(text, '[', (size_t)length);
    if (!open_bracket) return 0;
    uint64_t inode = 0;
    for (const char *c = open_bracket + 1; c < text + length && *c >= '0' && *c <= '9'; c++)
        inode = inode * 10 + (uint64_t)(*c - '0');
    return inode;
}

static void read_link(int dir, const char *name, struct scan_result *result) {
    char text[64];
    ssize_t length = readlinkat(dir, name, text, sizeof text);
    if (length < 0) {
        result->failures++;
        return;
    }
    result->links++;
    result->sum += inode_of(text, length);
}

static struct scan_result scan(char variant) {
    struct scan_result result = {0, 0, 0};
    int task_dir;
    size_t tasks = read_tids(&task_dir);
    char path[64];
    for (size_t i = 0; i < tasks; i++) {
        if (variant == 'b') {
            for (int t = 0; t < TYPE_COUNT; t++) {
                snprintf(path, sizeof path, "%d/ns/%s", tid_list[i], TYPES[t]);
                read_link(task_dir, path, &result);
            }
        } else {
            snprintf(path, sizeof path, "%d/ns", tid_list[i]);
            int ns_dir = openat(task_dir, path, O_PATH | O_DIRECTORY | O_CLOEXEC);
            if (ns_dir < 0) {
                result.failures += TYPE_COUNT;
                continue;
            }
            for (int t = 0; t < TYPE_COUNT; t++) read_link(ns_dir, TYPES[t], &result);
            close(ns_dir);
        }
    }
    close(task_dir);
    return result;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 3 || (argv[2][0] != 'b' && argv[2][0] != 'd') || argv[2][1] != '\0') {
        fprintf(stderr, "usage: %s N b|d [MIN_SECONDS=0.5] [ROUNDS=7]\n", argv[0]);
        return 2;
    }
    int threads = atoi(argv[1]);
    char variant = argv[2][0];
    double min_seconds = argc > 3 ? atof(argv[3]) : 0.5;
    int rounds = argc > 4 ? atoi(argv[4]) : 7;
    if (threads < 0 || min_seconds <= 0 || rounds < 1) {
        fprintf(stderr, "N must be >= 0, MIN_SECONDS > 0, ROUNDS >= 1\n");
        return 2;
    }

    pthread_attr_t small_stack;
    pthread_attr_init(&small_stack);
    pthread_attr_setstacksize(&small_stack, 64 * 1024);
    pthread_t *idle_threads = calloc((size_t)threads + 1, sizeof *idle_threads);
    for (int i = 0; i < threads; i++) {
        int error = pthread_create(&idle_threads[i], &small_stack, idle, NULL);
        if (error) {
            fprintf(stderr, "idle thread %d: %s\n", i, strerror(error));
            return 1;
        }
    }
    pthread_mutex_lock(&idle_lock);
    while (idle_started < threads) pthread_cond_wait(&idle_ready, &idle_lock);
    pthread_mutex_unlock(&idle_lock);

    // warm-up, and how many scans fill MIN_SECONDS
    struct scan_result first = scan(variant);
    for (int i = 0; i < 3; i++) scan(variant);
    double started = seconds(CLOCK_MONOTONIC);
    scan(variant);
    long scans_per_round = (long)(min_seconds / (seconds(CLOCK_MONOTONIC) - started)) + 1;

    double *per_scan = malloc(sizeof *per_scan * (size_t)rounds);
    long links = 0, failures = 0, scans = 0;
    uint64_t sum = 0;
    double cpu_start = seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (int r = 0; r < rounds; r++) {
        double round_start = seconds(CLOCK_MONOTONIC);
        for (long s = 0; s < scans_per_round; s++) {
            struct scan_result one = scan(variant);
            links += one.links;
            failures += one.failures;
            sum += one.sum;
            scans++;
        }
        per_scan[r] = (seconds(CLOCK_MONOTONIC) - round_start) / (double)scans_per_round;
    }
    double cpu_per_scan = (seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start) / (double)scans;
    qsort(per_scan, (size_t)rounds, sizeof *per_scan, by_value);
    double median = per_scan[rounds / 2];
    double links_per_scan = (double)links / (double)scans;

    printf("lang=C variant=%c N=%d tasks=%ld links=%ld K=%ld reps=%d scan_ms_median=%.4f scan_ms_min=%.4f "
           "scan_ms_max=%.4f ns_per_link=%.1f cpu_ms_per_scan=%.4f failed_links=%ld chk=%llu\n",
           variant, threads, first.links / TYPE_COUNT, first.links, scans_per_round, rounds, median * 1e3,
           per_scan[0] * 1e3, per_scan[rounds - 1] * 1e3, median * 1e9 / links_per_scan, cpu_per_scan * 1e3,
           failures, (unsigned long long)(sum & 0xffff));

    pthread_mutex_lock(&idle_lock);
    idle_done = 1;
    pthread_cond_broadcast(&idle_release);
    pthread_mutex_unlock(&idle_lock);
    for (int i = 0; i < threads; i++) pthread_join(idle_threads[i], NULL);
    return 0;
}
