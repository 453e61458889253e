#!/usr/bin/env bash
# Times Namspill.tasks() against the C reference scanner (nsscan.c, variant b = 1.0) at N idle
# threads, side by side in one run: wall time (JMH) and CPU per scan (all scanning threads, against
# b's process CPU), then the pause that naming a spilled thread causes (-Xlog:safepoint), before
# (thread dump) and after (CPU-time correlator); prints the tables of docs/performance.md.
#
#   bench/run-benchmarks.sh                       # N = 1000 10000, 3 rounds
#   NSSCAN_C=/path/to/nsscan.c BENCH_N="1000" BENCH_ROUNDS=1 bench/run-benchmarks.sh
#
# Environment: NSSCAN_C (default bench/nsscan.c, relative to the repository),
# BENCH_N, BENCH_ROUNDS, JMH_OPTS (default "-f 1 -wi 3 -i 5 -w 1s -r 1s"), JAVA_HOME,
# NAMING_JDKS (java homes for the naming pauses; default JAVA_HOME's java and, where installed,
# /usr/lib/jvm/temurin-25-jdk-amd64), NAMING_CALLS (default 5),
# MVN_OPTS_EXTRA (e.g. -o), BENCH_OUT (raw outputs, default target/bench).
# See bench/README.md for what is measured and how to read it.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C

NSSCAN_C="${NSSCAN_C:-bench/nsscan.c}"
BENCH_N="${BENCH_N:-1000 10000}"
BENCH_ROUNDS="${BENCH_ROUNDS:-3}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}"
OUT="${BENCH_OUT:-target/bench}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=namspill-benchmarks/target/benchmarks.jar

die() { echo "run-benchmarks: $*" >&2; exit 2; }

[ -r "$NSSCAN_C" ] || die "no C reference at $NSSCAN_C (set NSSCAN_C to the path of nsscan.c)"
command -v gcc >/dev/null || die "gcc is needed to build the C reference"
max_n=0
for n in $BENCH_N; do [ "$n" -gt "$max_n" ] && max_n=$n; done
# Every idle thread is a task: the per-user process limit and the kernel's limits must allow them.
need=$((max_n + 500))
user_limit=$(ulimit -u)
[ "$user_limit" = unlimited ] || [ "$user_limit" -ge "$need" ] || die "ulimit -u is $user_limit, $need tasks needed (ulimit -u $need)"
[ "$(cat /proc/sys/kernel/threads-max)" -ge "$need" ] || die "kernel.threads-max is below $need"
[ "$(cat /proc/sys/kernel/pid_max)" -ge "$need" ] || die "kernel.pid_max is below $need"

mkdir -p "$OUT"
rm -f "$OUT"/*.csv "$OUT"/*.log "$OUT"/results.tsv
echo "== building the C reference ($NSSCAN_C) and the benchmarks jar"
gcc -O2 -Wall -pthread -o "$OUT/nsscan" "$NSSCAN_C"
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_OPTS_EXTRA:-} -pl namspill-benchmarks -am package -DskipTests

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
echo "== machine: $(uname -srm), ${cpu:-unknown cpu}, $(nproc) cpus, $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "== $("$JAVA" -version 2>&1 | head -n1), $(gcc --version | head -n1)"
echo "== date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# C reference: "<scan_ms_median> <cpu_ms_per_scan>" of one run of N idle threads. nsscan measures its
# CPU with CLOCK_PROCESS_CPUTIME_ID around the timed scans: every thread of the process, and its idle
# threads add nothing. /usr/bin/time's user+sys of the whole run is logged beside it as a cross-check.
c_scan() { # N VARIANT ROUND
    local log="$OUT/c-$1-$2-r$3.log"
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f 'rusage user_s=%U sys_s=%S' -a -o "$log.rusage" "$OUT/nsscan" "$1" "$2" 0.5 7 >"$log"
    else
        "$OUT/nsscan" "$1" "$2" 0.5 7 >"$log"
    fi
    sed -n 's/.*scan_ms_median=\([0-9.]*\).*cpu_ms_per_scan=\([0-9.]*\).*/\1 \2/p' "$log"
}

# The flag JDK 24 and later need before the scan uses its native calls (it reads through NIO
# otherwise, every task whole): "" on older JDKs. JMH passes it to its forks itself.
java_version() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p'; } # JAVA
native_access() { # JAVA
    local version
    version=$(java_version "$1")
    [ "${version%%.*}" -ge 24 ] 2>/dev/null && echo "--enable-native-access=ALL-UNNAMED"
    return 0
}

# Java CPU per scan: "<cpu_ms_per_scan> <proc_cpu_ms_per_scan>" (ScanCpu).
java_cpu() { # N ROUND
    local log="$OUT/cpu-$1-r$2.log"
    # shellcheck disable=SC2086
    "$JAVA" $(native_access "$JAVA") -Xss256k -cp "$JAR" io.namspill.benchmarks.ScanCpu "$1" scan 0.5 7 >"$log" 2>&1 \
        || { tail -n 30 "$log" >&2; die "ScanCpu failed at N=$1, see $log"; }
    awk '/variant=scan / { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } c = v["cpu_ms_per_scan"]; p = v["proc_cpu_ms_per_scan"] }
         END { print c, p }' "$log"
}

# JMH: the scan benchmark at N threads, median (p0.50) time, allocation per scan, tasks seen.
java_scan() { # N ROUND
    local csv="$OUT/jmh-$1-r$2.csv" log="$OUT/jmh-$1-r$2.log"
    # shellcheck disable=SC2086
    "$JAVA" -jar "$JAR" 'ScanBenchmark' -p threads="$1" $JMH_OPTS -prof gc -rf csv -rff "$csv" >"$log" 2>&1 \
        || { tail -n 30 "$log" >&2; die "JMH failed at N=$1, see $log"; }
}
jmh_value() { # CSV BENCHMARK-SUFFIX
    awk -F, -v name="\"io.namspill.benchmarks.ScanBenchmark.$2\"" '$1 == name { print $5 }' "$1"
}

for round in $(seq 1 "$BENCH_ROUNDS"); do
    for n in $BENCH_N; do
        echo "-- round $round/$BENCH_ROUNDS, N=$n: C b, Java (JMH), Java CPU, C d, C b"
        read -r b1 b1cpu <<<"$(c_scan "$n" b "$round")"
        java_scan "$n" "$round"
        read -r jcpu jproc <<<"$(java_cpu "$n" "$round")"
        read -r d dcpu <<<"$(c_scan "$n" d "$round")"
        read -r b2 b2cpu <<<"$(c_scan "$n" b "$round")"
        csv="$OUT/jmh-$n-r$round.csv"
        tasks=$(sed -n 's/.*namspill-bench: threads=[0-9]* tasks=\([0-9]*\).*/\1/p' "$OUT/jmh-$n-r$round.log" | head -n1)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$round" "$b1" "$b2" "$d" \
            "$(jmh_value "$csv" 'scan:p0.50')" "$(jmh_value "$csv" 'scan:gc.alloc.rate.norm')" "$tasks" \
            "$b1cpu" "$b2cpu" "$dcpu" "$jcpu" "$jproc" \
            >>"$OUT/results.tsv"
    done
done

echo "== SpillReport.of(uniform snapshot of 1,000 idle threads): no thread dump (the benchmark fails otherwise)"
# shellcheck disable=SC2086
"$JAVA" -jar "$JAR" 'ReportBenchmark' $JMH_OPTS -prof gc -rf csv -rff "$OUT/jmh-report.csv" >"$OUT/jmh-report.log" 2>&1 \
    || { tail -n 30 "$OUT/jmh-report.log" >&2; die "JMH failed for ReportBenchmark"; }
awk -F, '$1 == "\"io.namspill.benchmarks.ReportBenchmark.reportOfUniformSnapshot\"" { printf "   %.1f us/op", $5 }
         $1 == "\"io.namspill.benchmarks.ReportBenchmark.reportOfUniformSnapshot:gc.alloc.rate.norm\"" { printf ", %.0f B/op\n", $5 }' \
    "$OUT/jmh-report.csv"

echo "== naming one spilled task's Java thread: pauses from -Xlog:safepoint,handshake* (NamingPauses)"
NAMING_CALLS="${NAMING_CALLS:-5}"
if [ -z "${NAMING_JDKS:-}" ]; then
    NAMING_JDKS="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
    jdk25=/usr/lib/jvm/temurin-25-jdk-amd64
    if [ -x "$jdk25/bin/java" ] && [ "$(readlink -f "$NAMING_JDKS")" != "$(readlink -f "$jdk25")" ]; then
        NAMING_JDKS="$NAMING_JDKS $jdk25"
    fi
fi
rm -f "$OUT"/naming-*.log "$OUT"/naming.tsv
for home in $NAMING_JDKS; do
    version=$(java_version "$home/bin/java")
    extra=$(native_access "$home/bin/java")
    for n in $BENCH_N; do
        log="$OUT/naming-$version-$n.log"
        # shellcheck disable=SC2086
        "$home/bin/java" $extra -Xss256k -Xlog:"safepoint,handshake*=info:file=$log.xlog:uptimenanos" -cp "$JAR" \
            io.namspill.benchmarks.NamingPauses "$n" "$log.xlog" "$NAMING_CALLS" >"$log" 2>&1 \
            || { tail -n 30 "$log" >&2; die "NamingPauses failed at N=$n on $home, see $log"; }
        sed -n "s/^naming /$version /p" "$log" >>"$OUT/naming.tsv"
    done
done

# Only the figure at start speaks of other load: every run below starts N threads, which the load
# average counts while they start, so it ends far above the number of CPUs even on an idle machine.
echo "== load average at end (inflated by the runs' own thread starts): $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Medians over $BENCH_ROUNDS round(s); each ratio is taken within its round (Java against the mean of the"
echo "two C b runs around it), then the median of the rounds' ratios is shown. Java = Namspill.tasks()"
echo "(JMH p0.50), read on the calling thread alone. CPU = the scanning thread's CPU time per scan against"
echo "b's process CPU per scan; proc = the whole JVM's CPU per scan (GC and JIT included)."
echo
awk -F'\t' '
    function median(list, count,    i, j, t) {
        for (i = 2; i <= count; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) { t = list[j]; list[j] = list[j - 1]; list[j - 1] = t }
        return count % 2 ? list[(count + 1) / 2] : (list[count / 2] + list[count / 2 + 1]) / 2
    }
    {
        n = $1; k = ++rounds[n]; order[n] = order[n] ? order[n] : ++ns; names[order[n]] = n
        b = ($3 + $4) / 2; bc = ($9 + $10) / 2
        cb[n, k] = b; cd[n, k] = $5; jv[n, k] = $6; rj[n, k] = $6 / b
        alloc[n, k] = $7 / $8; tasks[n] = $8
        cbc[n, k] = bc; jc[n, k] = $12; rc[n, k] = $12 / bc; rp[n, k] = $13 / bc; rdc[n, k] = $11 / bc
    }
    END {
        printf "%-6s %-6s %-8s %-8s %-8s %-8s %-8s %-7s %-8s %-8s %-8s %-8s\n", "N", "tasks", "C b ms", "C d ms", "Java ms", "Java/b",
            "b CPU", "d/b CPU", "Java CPU", "CPU/b", "proc/b", "B/task"
        for (o = 1; o <= ns; o++) {
            n = names[o]; c = rounds[n]
            for (k = 1; k <= c; k++) { a1[k] = cb[n, k]; a2[k] = cd[n, k]; a3[k] = jv[n, k]; a4[k] = rj[n, k]; a7[k] = alloc[n, k]
                                       a8[k] = cbc[n, k]; a9[k] = rdc[n, k]; a10[k] = jc[n, k]; a11[k] = rc[n, k]; a12[k] = rp[n, k] }
            printf "%-6s %-6s %-8.2f %-8.2f %-8.2f %-8.2f %-8.2f %-7.2f %-8.2f %-8.2f %-8.2f %-8.0f\n", n, tasks[n], median(a1, c), median(a2, c),
                median(a3, c), median(a4, c), median(a8, c), median(a9, c), median(a10, c), median(a11, c), median(a12, c), median(a7, c)
        }
    }' "$OUT/results.tsv"
echo
echo "Naming pauses ($NAMING_CALLS calls each; pause = safepoint time inside one call; before = thread dump, after = CPU time):"
printf "%-9s %-6s %-7s %-12s %-11s %-14s %-13s %-11s %-9s %s\n" "JDK" "N" "phase" "named by" "sp/call" "pause median" "pause max" "hs/call" "wall ms" "safepoints"
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       printf "%-9s %-6s %-7s %-12s %-11s %-14s %-13s %-11s %-9s %s\n", $1, v["N"], v["phase"], v["named_by"], v["safepoints_per_call"],
           v["pause_ms_median"] " ms", v["pause_ms_max"] " ms", v["handshakes_per_call"], v["wall_ms_median"], v["kinds"] }' "$OUT/naming.tsv"
echo
echo "raw outputs: $OUT"
