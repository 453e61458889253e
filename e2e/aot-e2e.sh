#!/usr/bin/env bash
# End-to-end in Spring AOT mode: the demo jar (built with spring-boot:process-aot) run with
# -Dspring.aot.enabled=true. Proves that namspill's beans survive AOT processing: the
# AOT-processed context starts, health shows components.namspill UP, the endpoint and the
# Prometheus series answer, a real leak in a pool thread turns health and liveness DOWN, the
# heal brings them back.
#
#   DEMO_JAR=demo-app/target/demo-app-0.1.0-SNAPSHOT.jar [JAVA=/usr/bin/java] bash e2e/aot-e2e.sh
#
# The demo listens on a free loopback port (never a fixed one). Needs CAP_SYS_ADMIN, curl, python3.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEMO_JAR="${1:-${DEMO_JAR:-}}"
STARTUP_TIMEOUT="${E2E_STARTUP_TIMEOUT:-90}"
RESOLVE_TIMEOUT="${E2E_RESOLVE_TIMEOUT:-30}"

# shellcheck source=e2e/lib.sh
source "$HERE/lib.sh"

require_demo_jar
require_java
AOT_CLASSES="$(unzip -l "$DEMO_JAR" | grep -c '__BeanDefinitions.class' || true)"
((AOT_CLASSES > 0)) || fail "$DEMO_JAR has no AOT-generated classes: build it with the demo's process-aot execution"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/namspill-aot-e2e.XXXXXX")"
DEMO_PORT="$(free_port)"

# json FILE PYTHON-EXPRESSION: exits 0 when the expression over the parsed body `b` is true.
json() { python3 -c 'import json, sys; b = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$@"; }

export MANAGEMENT_ENDPOINT_HEALTH_GROUP_LIVENESS_INCLUDE=livenessState,namspill
export MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,namspill,prometheus
JAVA_OPTS=(-Dspring.aot.enabled=true)
if ((JAVA_MAJOR >= 22)); then JAVA_OPTS+=(--enable-native-access=ALL-UNNAMED); fi
T_START="$(now)"
"$JAVA" "${JAVA_OPTS[@]}" -jar "$DEMO_JAR" --server.port="$DEMO_PORT" --server.address=127.0.0.1 \
  </dev/null >"$TMP/demo.log" 2>&1 &
DEMO_PID=$!
wait_for "$STARTUP_TIMEOUT" "the AOT demo answering /actuator/health" status_is 200 /actuator/health
grep -q 'Starting AOT-processed' "$TMP/demo.log" || fail "the demo did not start in AOT mode (no 'Starting AOT-processed' in its log)"
pass "AOT-processed demo on Java $JAVA_VERSION answers /actuator/health on 127.0.0.1:$DEMO_PORT after $(since "$T_START")s"

http GET /actuator/health >/dev/null
json "$TMP/body" 'b["components"]["namspill"]["status"] == "UP" and b["components"]["namspill"]["details"]["tasks"] > 0' \
  || fail "components.namspill is not UP with a task count: $(cat "$TMP/body")"
pass "health: components.namspill UP with its details"

[[ "$(http GET /actuator/prometheus)" == 200 ]] || fail "GET /actuator/prometheus: $(head -c 300 "$TMP/body")"
for series in 'namspill_tasks ' 'namspill_leaked_tasks{type="uts"} 0.0' 'namspill_namespaces{type="uts"} 1.0'; do
  grep -qF "$series" "$TMP/body" || fail "Prometheus has no $series"
done
grep -E '^namspill_scan_seconds_count [1-9]' "$TMP/body" >/dev/null || fail "namspill_scan_seconds_count is not positive: $(grep namspill_scan "$TMP/body")"
pass "Prometheus: namspill_tasks, namspill_leaked_tasks, namspill_namespaces, namspill_scan_seconds_count > 0"

CODE="$(http POST "/switch?type=net")"
[[ "$CODE" == 200 ]] || fail "POST /switch?type=net: HTTP $CODE: $(cat "$TMP/body")"
json "$TMP/body" 'b["leaked"] is False and b["inside"] != b["before"]' || fail "the switch did not run inside, or leaked: $(cat "$TMP/body")"
pass "a correct switch leaks nothing ($(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["form"])' "$TMP/body"))"

CODE="$(http POST "/leaks/pool?type=uts")"
[[ "$CODE" == 200 ]] || fail "POST /leaks/pool?type=uts: HTTP $CODE: $(cat "$TMP/body")"
TID="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tid"])' "$TMP/body")"
wait_for "$RESOLVE_TIMEOUT" "liveness 503 while leaked" status_is 503 /actuator/health/liveness
http GET /actuator/health >/dev/null
json "$TMP/body" 'b["components"]["namspill"]["status"] == "DOWN" and any(l["tid"] == '"$TID"' for l in b["components"]["namspill"]["details"]["leaks"])' \
  || fail "health does not name the leaked task $TID: $(cat "$TMP/body")"
[[ "$(http GET /actuator/namspill/uts)" == 200 ]] || fail "GET /actuator/namspill/uts"
json "$TMP/body" 'b["leakedTasks"] >= 1 and any(l["tid"] == '"$TID"' for l in b["leaks"])' || fail "the endpoint does not list $TID: $(cat "$TMP/body")"
[[ "$(http GET /actuator/namspill/banana)" == 404 ]] || fail "GET /actuator/namspill/banana is not 404"
json "$TMP/body" '"uts" in b["validTypes"]' || fail "the 404 body does not name the valid types: $(cat "$TMP/body")"
pass "a leak in pool thread $TID: liveness 503, health DOWN naming it, the endpoint lists it; /actuator/namspill/banana 404 naming the valid types"

[[ "$(http POST /leaks/heal)" == 200 ]] || fail "POST /leaks/heal"
wait_for "$RESOLVE_TIMEOUT" "liveness 200 after the heal" status_is 200 /actuator/health/liveness
pass "healed: liveness 200 again"

printf 'e2e: %d passed, 0 failed (AOT mode, total %ss)\n' "$PASSED" "$(since "$T_START")"
