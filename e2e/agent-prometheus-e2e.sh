#!/usr/bin/env bash
# End-to-end: the namspill agent in a plain Java application that knows nothing of namspill,
# exported by the real Prometheus JMX exporter (io.prometheus.jmx:jmx_prometheus_javaagent) with
# deploy/prometheus/jmx-exporter-namspill.yml; a leak through the application's own JNA.
#
#   AGENT_JAR=namspill-agent/target/namspill-agent-0.1.0-SNAPSHOT.jar [JAVA=...] bash e2e/agent-prometheus-e2e.sh
#
# Proves on the exporter's /metrics (loopback): namspill_tasks, namspill_leaked_tasks{type} and
# namspill_namespaces{type} exist from start-up (leaked 0), turn to leaked 1 for type="uts" after
# the leak (other types 0), and the application's output has the agent's "Namespace leak:" line
# naming the thread. Where `prometheus` and `promtool` are on PATH (Debian's prometheus package;
# e2e/prometheus-e2e.sh installs it), a real Prometheus also scrapes the exporter with the
# shipped alert rule (its `for` shortened to E2E_ALERT_FOR) and NamspillNamespaceLeak must fire
# with type="uts"; without them that part is skipped (with CI set, it fails).
#
# The exporter and the application's JNA come from Maven Central through ./mvnw
# (dependency:copy; pass E2E_MAVEN_ARGS="-Dmaven.repo.local=..." for another local repository)
# into E2E_JARS_DIR (a scratch directory unless set; a jar already there is not fetched again),
# or from JMX_EXPORTER_JAR and JNA_JAR.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RULES="$ROOT/deploy/prometheus/namspill-alerts.yml"
EXPORTER_CONFIG="$ROOT/deploy/prometheus/jmx-exporter-namspill.yml"
APP_SOURCE="$HERE/agent-app/LeakOnSignal.java"
PROMAPI=(python3 "$HERE/promapi.py")

# The last jmx_prometheus_javaagent on Maven Central (later ones are on GitHub Releases only).
JMX_EXPORTER_VERSION="${E2E_JMX_EXPORTER_VERSION:-1.0.1}"
JNA_VERSION="${E2E_JNA_VERSION:-$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' "$ROOT/pom.xml")}"
AGENT_JAR="${1:-${AGENT_JAR:-}}"
TIMEOUT="${E2E_TIMEOUT:-60}"
ALERT_NAME=NamspillNamespaceLeak
ALERT_FOR="${E2E_ALERT_FOR:-5s}"
JOB=namspill-agent-app
read -r -a MAVEN_ARGS <<<"${E2E_MAVEN_ARGS:-}"

# shellcheck source=e2e/lib.sh
source "$HERE/lib.sh"

require_file AGENT_JAR "./mvnw -B -pl namspill-agent -am package -DskipTests"
require_java
TMP="$(mktemp -d "${TMPDIR:-/tmp}/namspill-agent-e2e.XXXXXX")"

JARS_DIR="${E2E_JARS_DIR:-$TMP/jars}"

# maven_jar VARIABLE GROUP:ARTIFACT:VERSION: the jar the variable names, else the one in
# JARS_DIR, copied there from Maven Central when missing.
maven_jar() {
  local var="$1" artifact="$2" jar
  if [[ -z "${!var:-}" ]]; then
    jar="$JARS_DIR/$(cut -d: -f2 <<<"$artifact")-$(cut -d: -f3 <<<"$artifact").jar"
    if [[ ! -f "$jar" ]]; then
      "$ROOT/mvnw" -B -q "${MAVEN_ARGS[@]}" -f "$ROOT/pom.xml" -N dependency:copy -Dartifact="$artifact" \
        -DoutputDirectory="$JARS_DIR" >"$TMP/maven.log" 2>&1 || fail "could not fetch $artifact with ./mvnw dependency:copy"
    fi
    printf -v "$var" '%s' "$jar"
  fi
  require_file "$var" "fetch $artifact"
}
maven_jar JMX_EXPORTER_JAR "io.prometheus.jmx:jmx_prometheus_javaagent:$JMX_EXPORTER_VERSION"
maven_jar JNA_JAR "net.java.dev.jna:jna:$JNA_VERSION"
pass "jars: exporter $(basename "$JMX_EXPORTER_JAR"), the application's $(basename "$JNA_JAR"), agent $(basename "$AGENT_JAR")"

# ---------------------------------------------------------------------------------------------
# The application, with the exporter and the namspill agent, nothing else of namspill.
DEMO_PORT="$(free_port)"
JAVA_OPTS=()
if ((JAVA_MAJOR >= 22)); then JAVA_OPTS+=(--enable-native-access=ALL-UNNAMED); fi
"$JAVA" "${JAVA_OPTS[@]}" \
  -javaagent:"$JMX_EXPORTER_JAR=127.0.0.1:$DEMO_PORT:$EXPORTER_CONFIG" \
  -javaagent:"$AGENT_JAR=check-interval=1s" \
  -cp "$JNA_JAR" "$APP_SOURCE" "$TMP/leak-now" </dev/null >"$TMP/app.log" 2>&1 &
DEMO_PID=$!

scrape() { curl --noproxy '*' -s --max-time 10 "http://127.0.0.1:$DEMO_PORT/metrics" >"$TMP/metrics" 2>/dev/null; }
# value SERIES: the scraped value of one exact series (name and labels as the exporter writes them).
value() { awk -v s="$1" '$1 == s { print $2 }' "$TMP/metrics"; }
series_are() { # uts-leaked: the namspill series with namspill_leaked_tasks{type="uts"} at that value
  scrape || { LAST="no answer"; return 1; }
  LAST="$(grep '^namspill_' "$TMP/metrics" | tr '\n' ' ')"
  [[ -n "$(value namspill_tasks)" ]] && [[ "$(value 'namspill_leaked_tasks{type="uts"}')" == "$1" ]] &&
    [[ -n "$(value 'namspill_namespaces{type="uts"}')" ]]
}
wait_for "$TIMEOUT" "namspill series on http://127.0.0.1:$DEMO_PORT/metrics with leaked uts 0" series_are 0.0
pass "series from start-up: namspill_tasks $(value namspill_tasks), $(grep -c '^namspill_leaked_tasks{' "$TMP/metrics") namspill_leaked_tasks types, all 0"
grep -q 'namspill agent: running' "$TMP/app.log" || fail "no 'namspill agent: running' line in the application's output"

# ---------------------------------------------------------------------------------------------
# A real Prometheus with the shipped rule, where installed.
if command -v "${PROMETHEUS:=prometheus}" >/dev/null && command -v "${PROMTOOL:=promtool}" >/dev/null; then
  PROM_PORT="$(free_port)"
  sed -E "s/^([[:space:]]*for:[[:space:]]*)[^[:space:]#]+/\1$ALERT_FOR/" "$RULES" >"$TMP/rules.yml"
  cat >"$TMP/prometheus.yml" <<YAML
global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
rule_files: ['$TMP/rules.yml']
scrape_configs:
  - job_name: $JOB
    static_configs: [{targets: ['127.0.0.1:$DEMO_PORT']}]
YAML
  "$PROMTOOL" check config "$TMP/prometheus.yml" >"$TMP/promtool.log" 2>&1 || fail "promtool check config: $(cat "$TMP/promtool.log")"
  mkdir -p "$TMP/data"
  "$PROMETHEUS" --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" </dev/null >"$TMP/prometheus.log" 2>&1 &
  PROM_PID=$!
  prom() { "${PROMAPI[@]}" "http://127.0.0.1:$PROM_PORT" "$@"; }
  in_prometheus() { LAST="$(prom count "namspill_leaked_tasks{job=\"$JOB\",type=\"uts\"} == 0" 2>&1)"; [[ "$LAST" == 1 ]]; }
  wait_for "$TIMEOUT" "namspill_leaked_tasks{type=\"uts\"} == 0 in Prometheus" in_prometheus
  pass "Prometheus $("$PROMETHEUS" --version 2>&1 | awk 'NR == 1 { print $3 }') scrapes the exporter: $(prom count "{__name__=~\"namspill_.*\",job=\"$JOB\"}") namspill series"
elif [[ -n "${CI:-}" ]]; then
  fail "prometheus/promtool are not on PATH (CI is set: the alert part may not be skipped; install Debian's prometheus)"
else
  log "SKIP the real Prometheus part: prometheus/promtool are not on PATH (install Debian's prometheus package)"
fi

# ---------------------------------------------------------------------------------------------
# The leak, through the application's own JNA.
touch "$TMP/leak-now"
wait_for "$TIMEOUT" "namspill_leaked_tasks{type=\"uts\"} 1.0 on /metrics" series_are 1.0
OTHERS="$(grep '^namspill_leaked_tasks{' "$TMP/metrics" | grep -v 'type="uts"' | awk '$2 != "0.0"' || true)"
[[ -z "$OTHERS" ]] || fail "other types leaked too: $OTHERS"
pass "after the leak: namspill_leaked_tasks{type=\"uts\"} 1.0 (others 0), namspill_namespaces{type=\"uts\"} $(value 'namspill_namespaces{type="uts"}')"
leak_line() { LAST="$(tail -n 3 "$TMP/app.log" | tr '\n' ' ')"; grep -A3 'Namespace leak: ' "$TMP/app.log" | grep -q 'app-worker-1'; }
wait_for "$TIMEOUT" "the agent's 'Namespace leak:' line naming app-worker-1" leak_line
pass "the application's output has: $(grep -m1 -o 'Namespace leak: .*' "$TMP/app.log" | cut -c1-110)..."

if [[ -n "$PROM_PID" ]]; then
  firing() { LAST="$(prom alerts "$ALERT_NAME")"; [[ "$LAST" == *"firing type=uts "* ]]; }
  wait_for "$TIMEOUT" "$ALERT_NAME firing with type=\"uts\"" firing
  pass "the shipped $ALERT_NAME (for=$ALERT_FOR) fires with type=\"uts\" on the agent's series"
fi

log "exporter output (namspill_ series):"
grep '^namspill_\|^# [A-Z]* namspill_' "$TMP/metrics" | sed 's/^/    /'
printf 'e2e: %d passed, 0 failed\n' "$PASSED"
