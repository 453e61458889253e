#!/usr/bin/env bash
# Times the namspill command line (wall clock, JVM start included) in one run beside what an
# operator has today: the C reference scanner (nsscan.c, variant b: readlinkat relative to the
# task directory, in-process), lsns, and the shell loop people write. Figures are medians of
# BENCH_ROUNDS runs; run it on a quiet machine.
#
#   NSSCAN_C=/path/to/nsscan.c BENCH_N=10000 BENCH_ROUNDS=5 bench/cli-benchmark.sh
#
# Environment: NSSCAN_C (default bench/nsscan.c, the repository's C yardstick), BENCH_N
# (threads of the checked process, default 10000), BENCH_ROUNDS (default 5), JAVA_HOME or
# NAMSPILL_JAVA (the Java the launcher runs). Needs gcc, lsns (util-linux), and the module built:
#   ./mvnw -B package -pl namspill-cli -am -DskipTests
# Writes the table to target/cli-bench/results.md too.
set -euo pipefail
cd "$(dirname "$0")/.."

NSSCAN_C="${NSSCAN_C:-bench/nsscan.c}"
N="${BENCH_N:-10000}"
ROUNDS="${BENCH_ROUNDS:-5}"
OUT=target/cli-bench
LAUNCHER=namspill-cli/target/namspill

die() { echo "cli-benchmark: $*" >&2; exit 2; }
[ -r "$NSSCAN_C" ] || die "no C reference at $NSSCAN_C (set NSSCAN_C to the path of nsscan.c)"
command -v gcc >/dev/null || die "gcc is needed to build the C reference"
command -v lsns >/dev/null || die "lsns (util-linux) is needed"
[ -x "$LAUNCHER" ] || die "no $LAUNCHER: build it with ./mvnw -B package -pl namspill-cli -am -DskipTests"
JAR=$(ls namspill-cli/target/namspill-cli-*.jar | grep -v -e sources -e javadoc -e original | head -n1)
JAVA="${NAMSPILL_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-$(command -v java)}"

mkdir -p "$OUT"
echo "== building the C reference ($NSSCAN_C) and a target of $N idle threads"
gcc -O2 -Wall -pthread -o "$OUT/nsscan" "$NSSCAN_C"
cat >"$OUT/idle.c" <<'EOF'
// N idle threads (small stacks), then "ready" and a pause until killed.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static void *idle(void *unused) { for (;;) pause(); return unused; }
int main(int argc, char **argv) {
    int n = atoi(argv[1]);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 1; i < n; i++) {
        pthread_t thread;
        if (pthread_create(&thread, &attr, idle, NULL) != 0) { perror("pthread_create"); return 1; }
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) pause();
}
EOF
gcc -O2 -Wall -pthread -o "$OUT/idle" "$OUT/idle.c"

# median_ms CMD...: the median wall time of ROUNDS runs of CMD, in milliseconds (output discarded;
# exit status 1 = spilled is fine, anything else fails the benchmark).
median_ms() {
    local times=() start end status
    for _ in $(seq "$ROUNDS"); do
        start=$(date +%s%N)
        set +e
        "$@" >/dev/null 2>&1
        status=$?
        set -e
        end=$(date +%s%N)
        [ "$status" -le 1 ] || die "$* exited with $status"
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}
echo "== $("$JAVA" -version 2>&1 | head -n1), $(gcc --version | head -n1), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
export JAVA_HOME
# The first run through the launcher makes the class-data-sharing archive: not timed.
"$LAUNCHER" --version >/dev/null

# ps over the host as it is, before the target with its N threads starts
ps_rest=$(median_ms "$LAUNCHER" ps)
processes_rest=$(ls -d /proc/[0-9]* | wc -l)

TARGET=
cleanup() { if [ -n "$TARGET" ]; then kill "$TARGET" 2>/dev/null || true; fi; }
trap cleanup EXIT
mkfifo "$OUT/ready.$$"
"$OUT/idle" "$N" >"$OUT/ready.$$" &
TARGET=$!
read -r _ <"$OUT/ready.$$"
rm -f "$OUT/ready.$$"
tasks=$(ls /proc/$TARGET/task | wc -l)
[ "$tasks" -eq "$N" ] || die "the target has $tasks tasks, not $N"

shell_loop() { for t in /proc/"$1"/task/*; do readlink "$t"/ns/*; done; }

c_b=$("$OUT/nsscan" "$N" b 0.5 "$ROUNDS" | sed -n 's/.*scan_ms_median=\([0-9.]*\).*/\1/p')
start_only=$(median_ms "$LAUNCHER" --version)
check_one=$(median_ms "$LAUNCHER" check $$)
check_n=$(median_ms "$LAUNCHER" check "$TARGET")
check_n_plain=$(median_ms "$JAVA" -jar "$JAR" check "$TARGET")
ps_all=$(median_ms "$LAUNCHER" ps)
lsns_all=$(median_ms lsns)
loop_n=$(median_ms shell_loop "$TARGET")
processes=$(ls -d /proc/[0-9]* | wc -l)
per_task_us=$(awk -v n="$check_n" -v one="$check_one" -v t="$N" 'BEGIN { printf "%.2f", (n - one) * 1000 / (t - 1) }')
c_per_task_us=$(awk -v c="$c_b" -v t="$N" 'BEGIN { printf "%.2f", c * 1000 / t }')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

{
    echo "| what ($N tasks in the checked process) | median wall ms | vs C b |"
    echo "|---|---:|---:|"
    echo "| C reference, in-process scan of $N tasks (nsscan variant b, no process start) | $c_b | 1.0x |"
    echo "| \`namspill check PID\`, $N tasks (launcher, CDS, JVM start included) | $check_n | $(ratio "$check_n" "$c_b") |"
    echo "| \`java -jar namspill-cli.jar check PID\`, $N tasks (no launcher flags, no CDS archive) | $check_n_plain | $(ratio "$check_n_plain" "$c_b") |"
    echo "| \`namspill --version\` (JVM start alone, launcher) | $start_only | |"
    echo "| \`namspill check PID\`, 1 task | $check_one | |"
    echo "| shell loop \`for t in /proc/\$pid/task/*; do readlink \$t/ns/*; done\`, $N tasks | $loop_n | $(ratio "$loop_n" "$c_b") |"
    echo "| \`namspill ps\` (the whole host at rest: $processes_rest processes) | $ps_rest | |"
    echo "| \`namspill ps\` (the whole host with the checked process of $N tasks: $processes processes) | $ps_all | |"
    echo "| \`lsns\` (the whole host, one line per namespace) | $lsns_all | |"
    echo
    echo "Per task, the scan alone: \`check\` $per_task_us us ((check of $N tasks - check of 1) / $((N - 1))) against C b $c_per_task_us us ($(ratio "$per_task_us" "$c_per_task_us"))."
} | tee "$OUT/results.md"
