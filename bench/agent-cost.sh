#!/usr/bin/env bash
# What the namspill agent costs a JVM with N idle threads, per JDK: the longest safepoint pause
# while `java -jar namspill-agent.jar attach PID` loads it (-Xlog:safepoint of the target), the
# attach's wall time, and the agent's CPU per hour at the default check interval (30 s), from the
# scanner thread's own CPU time (/proc/PID/task/TID/schedstat) over a window.
#
#   bench/agent-cost.sh                                   # N = 1000 10000, window 300 s, both JDKs
#   BENCH_N=1000 BENCH_WINDOW=35 bench/agent-cost.sh      # a quick check that it works
#
# Environment: AGENT_JAR (default namspill-agent/target/namspill-agent-*.jar, build it first:
# ./mvnw -B -pl namspill-agent -am package -DskipTests), BENCH_N, BENCH_WINDOW (seconds; at
# least one interval for a steady figure), BENCH_JDKS (java homes; default JAVA_HOME or the
# java on PATH, and /usr/lib/jvm/temurin-25-jdk-amd64 where installed), BENCH_OUT (logs,
# default target/bench-agent). Take figures on a quiet machine: they are CPU times of one thread.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C

BENCH_N="${BENCH_N:-1000 10000}"
WINDOW="${BENCH_WINDOW:-300}"
OUT="${BENCH_OUT:-target/bench-agent}"
AGENT_JAR="${AGENT_JAR:-$(ls namspill-agent/target/namspill-agent-*.jar 2>/dev/null | grep -v -- '-sources\|-javadoc' | head -n1)}"
DEFAULT_JDK="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
BENCH_JDKS="${BENCH_JDKS:-$DEFAULT_JDK $([ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && echo /usr/lib/jvm/temurin-25-jdk-amd64)}"
TARGET_SOURCE=bench/agent-target/IdleThreads.java

die() { echo "agent-cost: $*" >&2; exit 2; }
[ -n "$AGENT_JAR" ] && [ -f "$AGENT_JAR" ] || die "no agent jar (build it: ./mvnw -B -pl namspill-agent -am package -DskipTests, or set AGENT_JAR)"
mkdir -p "$OUT"
TARGET_PID=""
trap '[ -n "$TARGET_PID" ] && kill "$TARGET_PID" 2>/dev/null; true' EXIT

# The scanner thread's CPU time in ns: the first field of its schedstat (comm is cut to 15 characters).
scanner_ns() {
    local task
    for task in /proc/"$1"/task/*; do
        if [ "$(cat "$task/comm" 2>/dev/null)" = namspill-scanne ]; then
            cut -d' ' -f1 "$task/schedstat"
            return
        fi
    done
    echo "no namspill-scanner thread in $1" >&2
    return 1
}

echo "== $(uname -srm), $(nproc) cpus, load average at start: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-8s %6s %16s %18s %12s %14s %16s\n' jdk tasks "max pause (ms)" "safepoints" "attach (s)" "CPU/scan (ms)" "CPU/hour (s)"
for jdk in $BENCH_JDKS; do
    java="$jdk/bin/java"
    feature=$("$java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }')
    opts=()
    [ "$feature" -ge 22 ] && opts+=(--enable-native-access=ALL-UNNAMED)
    for n in $BENCH_N; do
        log="$OUT/safepoint-jdk$feature-$n.log"
        rm -f "$log"
        "$java" "${opts[@]}" -Xss256k -Xlog:safepoint:file="$log":uptime "$TARGET_SOURCE" "$n" >"$OUT/target-jdk$feature-$n.out" 2>&1 &
        TARGET_PID=$!
        until grep -q ready "$OUT/target-jdk$feature-$n.out" 2>/dev/null; do
            kill -0 "$TARGET_PID" 2>/dev/null || die "the target JVM ended: $(cat "$OUT/target-jdk$feature-$n.out")"
            sleep 0.2
        done
        tasks=$(ls /proc/"$TARGET_PID"/task | wc -l)
        before=$(wc -l <"$log")
        start=$(date +%s.%N)
        "$java" -jar "$AGENT_JAR" attach "$TARGET_PID" >"$OUT/attach-jdk$feature-$n.out" 2>&1 ||
            die "attach failed: $(cat "$OUT/attach-jdk$feature-$n.out")"
        attach_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
        # Safepoints logged during the attach: "..., Total: 123456 ns" per operation.
        pauses=$(tail -n +"$((before + 1))" "$log" | grep -o 'Safepoint "[A-Za-z]*".*Total: [0-9]* ns' || true)
        count=$(grep -c . <<<"$pauses" || true)
        max_ms=$(grep -o 'Total: [0-9]*' <<<"$pauses" | awk '{ if ($2 > m) m = $2 } END { printf "%.3f", m / 1e6 }')
        ops=$(grep -o 'Safepoint "[A-Za-z]*"' <<<"$pauses" | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $3, $1; sep = "," }' | tr -d '"')
        # Steady cost: the scanner's CPU over the window; with the default interval that is one scan per 30 s.
        cpu0=$(scanner_ns "$TARGET_PID")
        sleep "$WINDOW"
        cpu1=$(scanner_ns "$TARGET_PID")
        scans=$((WINDOW / 30))
        per_scan=$(awk -v d=$((cpu1 - cpu0)) -v s="$scans" 'BEGIN { if (s > 0) printf "%.1f", d / s / 1e6; else print "-" }')
        per_hour=$(awk -v d=$((cpu1 - cpu0)) -v w="$WINDOW" 'BEGIN { printf "%.2f", d / 1e9 * 3600 / w }')
        printf '%-8s %6s %16s %18s %12s %14s %16s\n' "$feature" "$tasks" "$max_ms" "${count}${ops:+ ($ops)}" "$attach_s" "$per_scan" "$per_hour"
        kill "$TARGET_PID"
        wait "$TARGET_PID" 2>/dev/null || true
        TARGET_PID=""
    done
done
echo "== CPU/scan assumes one scan per 30 s in the ${WINDOW}s window ($((WINDOW / 30)) scans); logs in $OUT"
