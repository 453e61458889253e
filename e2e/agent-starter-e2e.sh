#!/usr/bin/env bash
# End-to-end: the namspill agent beside the Spring Boot starter, in the demo (Boot 4).
#
#   DEMO_JAR=demo-app/target/demo-app-0.1.0-SNAPSHOT.jar \
#   AGENT_JAR=namspill-agent/target/namspill-agent-0.1.0-SNAPSHOT.jar [JAVA=...] bash e2e/agent-starter-e2e.sh
#
# Proves: the agent given with -javaagent starts before the application, backs off once the
# starter's monitor runs (it logs so, through the application's logging); a leak is then logged
# exactly once (the starter's WARN line); `java -jar namspill-agent.jar attach PID` on that JVM
# answers "backed off: ..." with exit status 0 and starts no second monitor.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEMO_JAR="${DEMO_JAR:-}"
AGENT_JAR="${AGENT_JAR:-}"
TIMEOUT="${E2E_TIMEOUT:-90}"
LEAK_LINE='Namespace leak: '

# shellcheck source=e2e/lib.sh
source "$HERE/lib.sh"

require_demo_jar
require_file AGENT_JAR "./mvnw -B -pl namspill-agent -am package -DskipTests"
require_java
TMP="$(mktemp -d "${TMPDIR:-/tmp}/namspill-agent-starter-e2e.XXXXXX")"
DEMO_PORT="$(free_port)"
JAVA_OPTS=()
if ((JAVA_MAJOR >= 22)); then JAVA_OPTS+=(--enable-native-access=ALL-UNNAMED); fi
"$JAVA" "${JAVA_OPTS[@]}" -javaagent:"$AGENT_JAR=check-interval=1s" -jar "$DEMO_JAR" \
  --server.port="$DEMO_PORT" --server.address=127.0.0.1 </dev/null >"$TMP/demo.log" 2>&1 &
DEMO_PID=$!
wait_for "$TIMEOUT" "the demo answering /actuator/health" status_is 200 /actuator/health
grep -q 'namspill agent: running' "$TMP/demo.log" || fail "the agent did not start before the application"
pass "the agent ran from the JVM's start; the demo on Java $JAVA_VERSION answers on 127.0.0.1:$DEMO_PORT"

backed_off() { grep -q "namspill agent: namspill's spring-boot-starter already monitors this JVM; the agent backs off" "$TMP/demo.log"; }
wait_for "$TIMEOUT" "the agent backing off for the starter" backed_off
pass "the agent backs off once the starter's monitor runs (logged through the application's logging)"

CODE="$(http POST "/leaks/pool?type=uts")"
[[ "$CODE" == 200 ]] || fail "POST /leaks/pool?type=uts: HTTP $CODE: $(cat "$TMP/body")"
leak_logged() { http GET /actuator/health >/dev/null; grep -q "$LEAK_LINE" "$TMP/demo.log"; }
wait_for "$TIMEOUT" "the leak line" leak_logged
# Past one more of the agent's check intervals and the starter's cache: a second line would be there by now.
sleep 3
http GET /actuator/health >/dev/null
LINES="$(grep -c "$LEAK_LINE" "$TMP/demo.log")"
[[ "$LINES" == 1 ]] || fail "$LINES '$LEAK_LINE' lines, expected exactly 1"
pass "one leak, one line: $(grep -m1 -o "WARN.*$LEAK_LINE.\{0,60\}" "$TMP/demo.log" | tr -s ' ')..."

"$JAVA" -jar "$AGENT_JAR" attach "$DEMO_PID" >"$TMP/attach.out" 2>&1 || fail "attach exited with $?: $(cat "$TMP/attach.out")"
grep -q "^$DEMO_PID: backed off: namspill's spring-boot-starter already monitors this JVM" "$TMP/attach.out" ||
  fail "attach answered: $(cat "$TMP/attach.out")"
pass "attach: $(cat "$TMP/attach.out") (exit 0)"
printf 'e2e: %d passed, 0 failed\n' "$PASSED"
