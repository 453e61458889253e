#!/usr/bin/env bash
# End-to-end: the namspill demo, a real Prometheus with the shipped alert rule, a leak, a heal.
#
#   DEMO_JAR=demo-app/target/demo-app-0.1.0-SNAPSHOT.jar [JAVA=/usr/bin/java] bash e2e/prometheus-e2e.sh
#   bash e2e/prometheus-e2e.sh path/to/demo.jar
#   E2E_FAKE_DEMO=1 bash e2e/prometheus-e2e.sh     # HARNESS SELF-TEST against e2e/fake-demo.py
#
# Proves, through Prometheus' HTTP API and the demo's actuator: the scrape works and the namspill
# series exist from start-up; a correct switch leaks nothing; a leak in a pool thread makes
# NamspillNamespaceLeak fire with type="uts" and /actuator/health/liveness answer 503; the heal
# resolves the alert and liveness answers 200 again; every Grafana dashboard query returns data.
# See e2e/README.md for the demo's HTTP contract and every knob below.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RULES="$ROOT/deploy/prometheus/namspill-alerts.yml"
DASHBOARD="$ROOT/deploy/grafana/namspill-dashboard.json"
PROMAPI=(python3 "$HERE/promapi.py")

DEMO_JAR="${1:-${DEMO_JAR:-}}"
ALERT_NAME=NamspillNamespaceLeak
LEAK_TYPE="${E2E_LEAK_TYPE:-uts}"
ALERT_FOR="${E2E_ALERT_FOR:-5s}"             # `for` of the test copy of the rule; "shipped" keeps 1m
STARTUP_TIMEOUT="${E2E_STARTUP_TIMEOUT:-90}" # seconds for the demo to answer /actuator/health
PROM_TIMEOUT="${E2E_PROMETHEUS_TIMEOUT:-30}" # seconds for Prometheus to be ready, the target up
ALERT_SLACK="${E2E_ALERT_SLACK:-30}"         # seconds beyond the rule's `for` for the alert to fire
RESOLVE_TIMEOUT="${E2E_RESOLVE_TIMEOUT:-30}" # seconds for the alert to resolve, liveness to flip
JOB=namspill-demo

# shellcheck source=e2e/lib.sh
source "$HERE/lib.sh"

prom() { "${PROMAPI[@]}" "http://127.0.0.1:$PROM_PORT" "$@"; }

# ---------------------------------------------------------------------------------------------
# Prometheus: installed, or installable; otherwise a clear skip (never in CI).
skip_or_fail() {
  if [[ -n "${CI:-}" ]]; then
    printf 'e2e: FAIL: %s (CI is set: the end-to-end test may not be skipped)\n' "$1" >&2
    exit 1
  fi
  printf 'e2e: SKIP: %s\n' "$1"
  printf 'e2e: 0 passed, 0 failed, 1 skipped\n'
  exit 0
}

PROMETHEUS="${PROMETHEUS:-prometheus}"
PROMTOOL="${PROMTOOL:-promtool}"
if ! command -v "$PROMETHEUS" >/dev/null || ! command -v "$PROMTOOL" >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    log "installing Debian's prometheus package (apt-get update; apt-get install prometheus)"
    # The lock timeout waits for another apt/dpkg run instead of failing at once.
    if ! { apt-get -o DPkg::Lock::Timeout=120 update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends prometheus; } \
      >/tmp/e2e-apt.$$.log 2>&1; then
      tail -n 20 /tmp/e2e-apt.$$.log >&2 || true
      rm -f /tmp/e2e-apt.$$.log
      skip_or_fail "prometheus is not installed and apt-get could not install it"
    fi
    rm -f /tmp/e2e-apt.$$.log
  else
    skip_or_fail "prometheus/promtool are not installed and this is no root shell with apt-get (install Debian's prometheus package, or set PROMETHEUS and PROMTOOL)"
  fi
  if ! command -v "$PROMETHEUS" >/dev/null || ! command -v "$PROMTOOL" >/dev/null; then
    skip_or_fail "the prometheus package installed no $PROMETHEUS or no $PROMTOOL"
  fi
fi
log "$("$PROMETHEUS" --version 2>&1 | head -n 1)"

# ---------------------------------------------------------------------------------------------
# What to run: the real demo, or (self-test of this harness only) the fake.
if [[ -n "$DEMO_JAR" ]]; then
  require_demo_jar
  require_java
  DEMO_KIND="demo $DEMO_JAR on Java $JAVA_VERSION"
elif [[ "${E2E_FAKE_DEMO:-}" == 1 ]]; then
  DEMO_KIND="FAKE demo (e2e/fake-demo.py)"
  log "################################################################################"
  log "HARNESS SELF-TEST: against e2e/fake-demo.py, a python stand-in with invented"
  log "numbers. It proves this script, Prometheus and the alert rule, NOT namspill."
  log "################################################################################"
else
  fail "no demo: set DEMO_JAR (or pass the jar as the first argument); E2E_FAKE_DEMO=1 runs the harness self-test"
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/namspill-e2e.XXXXXX")"
DEMO_PORT="$(free_port)"
PROM_PORT="$(free_port)"
while [[ "$PROM_PORT" == "$DEMO_PORT" ]]; do PROM_PORT="$(free_port)"; done

# ---------------------------------------------------------------------------------------------
# The rule file: the shipped one, with only its `for` shortened so the test need not wait 1m.
if [[ "$ALERT_FOR" == shipped ]]; then
  cp "$RULES" "$TMP/rules.yml"
else
  sed -E "s/^([[:space:]]*for:[[:space:]]*)[^[:space:]#]+/\1$ALERT_FOR/" "$RULES" >"$TMP/rules.yml"
  CHANGED="$(diff "$RULES" "$TMP/rules.yml" | grep -E '^[<>]' || true)"
  if [[ "$(grep -c . <<<"$CHANGED")" != 2 ]] || grep -qvE '^[<>][[:space:]]*for:' <<<"$CHANGED"; then
    fail "the test copy of $RULES should differ in its one 'for:' line only; diff:"$'\n'"$CHANGED"
  fi
fi
"$PROMTOOL" check rules "$TMP/rules.yml" >"$TMP/promtool.log" 2>&1 || { cat "$TMP/promtool.log" >&2; fail "promtool check rules"; }
pass "rule file: shipped $ALERT_NAME with for=$ALERT_FOR passes promtool check rules"

# ---------------------------------------------------------------------------------------------
# The demo, on loopback. Same health settings as deploy/kubernetes/deployment.yaml.
export MANAGEMENT_ENDPOINT_HEALTH_GROUP_LIVENESS_INCLUDE=livenessState,namspill
export MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,namspill,prometheus
T_START="$(now)"
if [[ -n "$DEMO_JAR" ]]; then
  JAVA_OPTS=()
  # JDK 22+ warns about JNA's native access without it; JDK 17-21 do not know the option.
  if ((JAVA_MAJOR >= 22)); then JAVA_OPTS+=(--enable-native-access=ALL-UNNAMED); fi
  "$JAVA" "${JAVA_OPTS[@]}" -jar "$DEMO_JAR" --server.port="$DEMO_PORT" --server.address=127.0.0.1 \
    </dev/null >"$TMP/demo.log" 2>&1 &
else
  python3 "$HERE/fake-demo.py" --port "$DEMO_PORT" </dev/null >"$TMP/demo.log" 2>&1 &
fi
DEMO_PID=$!
wait_for "$STARTUP_TIMEOUT" "the demo answering http://127.0.0.1:$DEMO_PORT/actuator/health" \
  status_is 200 /actuator/health
T_DEMO_UP="$(since "$T_START")"
pass "$DEMO_KIND answers /actuator/health on 127.0.0.1:$DEMO_PORT after ${T_DEMO_UP}s"

# ---------------------------------------------------------------------------------------------
# Prometheus, on loopback, data in the temp dir, 1 s scrape and evaluation.
mkdir -p "$TMP/data"
cat >"$TMP/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $TMP/rules.yml
scrape_configs:
  - job_name: $JOB
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ['127.0.0.1:$DEMO_PORT']
YAML
"$PROMTOOL" check config "$TMP/prometheus.yml" >"$TMP/promtool.log" 2>&1 || { cat "$TMP/promtool.log" >&2; fail "promtool check config"; }
"$PROMETHEUS" --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" </dev/null >"$TMP/prometheus.log" 2>&1 &
PROM_PID=$!
T_PROM="$(now)"
wait_for "$PROM_TIMEOUT" "Prometheus ready on 127.0.0.1:$PROM_PORT" prom ready
pass "Prometheus ready on 127.0.0.1:$PROM_PORT after $(since "$T_PROM")s"

rule_loaded() { LAST="$(prom rule "$ALERT_NAME" 2>&1)"; [[ "$LAST" == ok* ]]; }
wait_for "$PROM_TIMEOUT" "rule $ALERT_NAME loaded and healthy" rule_loaded
RULE_FOR="$(prom rule "$ALERT_NAME" | awk '{ print $2 }')"
pass "Prometheus loaded $ALERT_NAME (for ${RULE_FOR}s)"

target_up() { LAST="$(prom targets "$JOB")"; [[ "$LAST" == up* ]]; }
wait_for "$PROM_TIMEOUT" "scrape target $JOB up" target_up
pass "scrape target 127.0.0.1:$DEMO_PORT/actuator/prometheus is up"

SEL="job=\"$JOB\""
series_present() {
  LAST="$(prom count "{__name__=~\"namspill_.*\",$SEL}") namspill series"
  [[ "$(prom count "namspill_tasks{$SEL} > 0")" == 1 ]] &&
    [[ "$(prom count "namspill_leaked_tasks{$SEL,type=\"$LEAK_TYPE\"} == 0")" == 1 ]] &&
    [[ "$(prom count "namspill_namespaces{$SEL,type=\"$LEAK_TYPE\"}")" == 1 ]]
}
wait_for "$PROM_TIMEOUT" "namspill_tasks, namspill_leaked_tasks{type=\"$LEAK_TYPE\"} = 0, namspill_namespaces{type=\"$LEAK_TYPE\"} in Prometheus" series_present
pass "series from start-up: namspill_tasks=$(prom sum "namspill_tasks{$SEL}"), $(prom count "namspill_leaked_tasks{$SEL}") namspill_leaked_tasks types all 0: $(prom sum "sum(namspill_leaked_tasks{$SEL})")"

[[ "$(http GET /actuator/health/liveness)" == 200 ]] || fail "liveness before any leak: HTTP $(http GET /actuator/health/liveness), expected 200: $(cat "$TMP/body")"
pass "/actuator/health/liveness is 200 before any leak"

# ---------------------------------------------------------------------------------------------
# A correct switch through namspill's Namespaces API leaves nothing behind.
CODE="$(http POST "/switch?type=net")"
[[ "$CODE" == 200 ]] || fail "POST /switch?type=net: HTTP $CODE, expected 200: $(cat "$TMP/body")"
log "POST /switch?type=net -> $(cat "$TMP/body")"
T_SWITCHED="$(date +%s)"
# Wait for a scrape taken 2 s after the switch returned (past the starter's 1 s scan cache).
fresh_scrape() { LAST="$(prom sum "timestamp(namspill_tasks{$SEL})") vs switch at $T_SWITCHED"; [[ "$(prom count "timestamp(namspill_tasks{$SEL}) > $((T_SWITCHED + 2))")" == 1 ]]; }
wait_for "$PROM_TIMEOUT" "a scrape after the switch" fresh_scrape
LEAKED_AFTER_SWITCH="$(prom sum "sum(namspill_leaked_tasks{$SEL})")"
[[ "$LEAKED_AFTER_SWITCH" == 0.0 ]] || fail "after a correct switch, sum(namspill_leaked_tasks) is $LEAKED_AFTER_SWITCH, expected 0"
[[ -z "$(prom alerts "$ALERT_NAME")" ]] || fail "after a correct switch, $ALERT_NAME is active: $(prom alerts "$ALERT_NAME")"
[[ "$(http GET /actuator/health/liveness)" == 200 ]] || fail "liveness after a correct switch: HTTP $(http GET /actuator/health/liveness), expected 200"
pass "a correct switch (POST /switch?type=net) leaks nothing: leaked tasks 0, no alert, liveness 200"

# ---------------------------------------------------------------------------------------------
# The leak.
CODE="$(http POST "/leaks/pool?type=$LEAK_TYPE")"
T_LEAK="$(now)"
[[ "$CODE" == 200 ]] || fail "POST /leaks/pool?type=$LEAK_TYPE: HTTP $CODE, expected 200: $(cat "$TMP/body")"
grep -q '"tid"' "$TMP/body" || fail "POST /leaks/pool?type=$LEAK_TYPE answered without a tid: $(cat "$TMP/body")"
log "POST /leaks/pool?type=$LEAK_TYPE -> $(cat "$TMP/body")"
pass "leak injected in a pool thread (type $LEAK_TYPE)"

wait_for "$RESOLVE_TIMEOUT" "/actuator/health/liveness answering 503 while leaked" \
  status_is 503 /actuator/health/liveness
T_LIVENESS_DOWN="$(since "$T_LEAK")"
pass "/actuator/health/liveness is 503 while leaked (after ${T_LIVENESS_DOWN}s)"

CODE="$(http GET /actuator/namspill)"
[[ "$CODE" == 200 ]] || fail "GET /actuator/namspill: HTTP $CODE, expected 200"
python3 - "$TMP/body" "$LEAK_TYPE" <<'PY' || fail "GET /actuator/namspill does not list the leak: $(cat "$TMP/body")"
import json, sys
body = json.load(open(sys.argv[1]))
leaks = [l for l in body.get("leaks", []) if sys.argv[2] in l.get("namespaces", {})]
sys.exit(0 if body.get("uniform") is False and leaks else 1)
PY
pass "GET /actuator/namspill lists the leaked $LEAK_TYPE task"

T_PENDING=""
ALERTS=""
alert_firing() {
  ALERTS="$(prom alerts "$ALERT_NAME")"
  LAST="alerts: ${ALERTS:-none}"
  if [[ -z "$T_PENDING" && "$ALERTS" == *pending* ]]; then T_PENDING="$(since "$T_LEAK")"; fi
  [[ "$ALERTS" == *"firing type=$LEAK_TYPE "* ]]
}
wait_for $((RULE_FOR + ALERT_SLACK)) "$ALERT_NAME firing with type=\"$LEAK_TYPE\"" alert_firing
T_FIRING="$(since "$T_LEAK")"
OTHERS="$(grep -v "^firing type=$LEAK_TYPE " <<<"$ALERTS" || true)"
[[ -z "$OTHERS" ]] || fail "besides type=$LEAK_TYPE, other $ALERT_NAME alerts are active: $OTHERS"
FIRING_SERIES="$(prom count "ALERTS{alertname=\"$ALERT_NAME\",alertstate=\"firing\",type=\"$LEAK_TYPE\",$SEL}")"
[[ "$FIRING_SERIES" == 1 ]] || fail "ALERTS{alertname=\"$ALERT_NAME\",alertstate=\"firing\",type=\"$LEAK_TYPE\"} has $FIRING_SERIES series, expected 1"
pass "$ALERT_NAME fires with type=\"$LEAK_TYPE\" only (pending after ${T_PENDING:-?}s, firing after ${T_FIRING}s; for=${RULE_FOR}s)"

[[ "$(http GET /actuator/health/liveness)" == 503 ]] || fail "liveness while the alert fires: HTTP $(http GET /actuator/health/liveness), expected 503"
pass "/actuator/health/liveness still 503 while the alert fires"

# Every query of the Grafana dashboard is valid PromQL and has data while the leak is on.
INSTANCE="127.0.0.1:$DEMO_PORT"
JOBS="$(prom label-values job 'namspill_tasks')"
INSTANCES="$(prom label-values instance "namspill_tasks{job=~\"$JOB\"}")"
[[ "$JOBS" == "$JOB" && "$INSTANCES" == "$INSTANCE" ]] || fail "dashboard variables: job values '$JOBS', instance values '$INSTANCES'"
prom dashboard "$DASHBOARD" job="$JOB" instance="$INSTANCE" >"$TMP/dashboard.log" 2>&1 \
  || { cat "$TMP/dashboard.log" >&2; fail "Grafana dashboard queries"; }
pass "Grafana dashboard: \$job/\$instance values found, $(tail -n 1 "$TMP/dashboard.log")"

# ---------------------------------------------------------------------------------------------
# The heal.
CODE="$(http POST /leaks/heal)"
T_HEAL="$(now)"
[[ "$CODE" == 200 ]] || fail "POST /leaks/heal: HTTP $CODE, expected 200: $(cat "$TMP/body")"
log "POST /leaks/heal -> $(cat "$TMP/body")"
pass "heal requested"

wait_for "$RESOLVE_TIMEOUT" "/actuator/health/liveness answering 200 after the heal" \
  status_is 200 /actuator/health/liveness
T_LIVENESS_UP="$(since "$T_HEAL")"
pass "/actuator/health/liveness is 200 again after the heal (after ${T_LIVENESS_UP}s)"

alert_resolved() {
  ALERTS="$(prom alerts "$ALERT_NAME")"
  LAST="alerts: ${ALERTS:-none}"
  [[ -z "$ALERTS" && "$(prom count "ALERTS{alertname=\"$ALERT_NAME\",alertstate=\"firing\"}")" == 0 ]]
}
wait_for "$RESOLVE_TIMEOUT" "$ALERT_NAME resolved" alert_resolved
T_RESOLVED="$(since "$T_HEAL")"
[[ "$(prom sum "sum(namspill_leaked_tasks{$SEL})")" == 0.0 ]] || fail "after the heal, namspill_leaked_tasks is not back to 0"
pass "$ALERT_NAME resolved after ${T_RESOLVED}s, namspill_leaked_tasks back to 0"

log "timings: demo up ${T_DEMO_UP}s;" \
  "leak -> liveness 503 ${T_LIVENESS_DOWN}s, -> pending ${T_PENDING:-?}s, -> firing ${T_FIRING}s (for=${RULE_FOR}s, scrape/eval 1s);" \
  "heal -> liveness 200 ${T_LIVENESS_UP}s, -> resolved ${T_RESOLVED}s; total $(since "$T_START")s"
if [[ -z "$DEMO_JAR" ]]; then log "(HARNESS SELF-TEST against the fake demo: this proves the harness, not namspill)"; fi
printf 'e2e: %d passed, 0 failed\n' "$PASSED"
