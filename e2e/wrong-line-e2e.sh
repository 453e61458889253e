#!/usr/bin/env bash
# End-to-end: a Spring Boot 4 application with the Boot 3 starter's auto-configuration on its
# classpath (what a user gets who picks the wrong starter) stops at start-up with one clear
# message naming the starter to use, before the web server starts; and with
# both starters' auto-configurations, the same. The demo's executable jar, unpacked, with its
# BOOT-INF/lib changed, started through its own launcher (Main-Class): the classpath and class
# loading of `java -jar`, in a separate JVM.
#
#   DEMO_JAR=demo-app/target/demo-app-0.1.0-SNAPSHOT.jar \
#   BOOT3_JAR=namspill-spring-boot3-autoconfigure/target/namspill-spring-boot3-autoconfigure-0.1.0-SNAPSHOT.jar \
#   [JAVA=/usr/bin/java] bash e2e/wrong-line-e2e.sh
#
# Needs unzip. No privilege: the application never gets as far as a scan.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEMO_JAR="${DEMO_JAR:-}"
BOOT3_JAR="${BOOT3_JAR:-}"
EXIT_TIMEOUT="${E2E_STARTUP_TIMEOUT:-90}"

# shellcheck source=e2e/lib.sh
source "$HERE/lib.sh"

require_demo_jar
require_file BOOT3_JAR "./mvnw -B -pl namspill-spring-boot3-autoconfigure -am package -DskipTests"
require_java
command -v unzip >/dev/null || fail "unzip not found"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/namspill-wrong-line-e2e.XXXXXX")"
unzip -q "$DEMO_JAR" -d "$TMP/app"
LAUNCHER="$(sed -n 's/^Main-Class: *\([^[:space:]]*\).*/\1/p' "$TMP/app/META-INF/MANIFEST.MF")"
[[ -n "$LAUNCHER" ]] || fail "$DEMO_JAR has no Main-Class"
BOOT4_LIB="$(cd "$TMP/app/BOOT-INF/lib" && ls namspill-spring-boot-autoconfigure-*.jar 2>/dev/null | head -n1)"
[[ -n "$BOOT4_LIB" ]] || fail "$DEMO_JAR has no BOOT-INF/lib/namspill-spring-boot-autoconfigure-*.jar"
BOOT_VERSION="$(cd "$TMP/app/BOOT-INF/lib" && ls spring-boot-[0-9]*.jar | sed 's/^spring-boot-\(.*\)\.jar$/\1/' | head -n1)"

# start_expecting_failure NAME: starts the unpacked demo, waits for its JVM to end, and checks
# that it failed to start with the wrong-line message and never started the web server.
start_expecting_failure() {
  local name="$1" log="$TMP/$1.log" start
  start="$(now)"
  # the port is never bound when the check works; 0 keeps a broken check from taking a fixed one
  "$JAVA" -cp "$TMP/app" "$LAUNCHER" --server.port=0 --server.address=127.0.0.1 </dev/null >"$log" 2>&1 &
  DEMO_PID=$!
  wait_for_exit "$EXIT_TIMEOUT" "$name"
  ((EXIT_STATUS != 0)) || fail "$name: the application exited with status 0 (see $name.log)"
  grep -qF 'APPLICATION FAILED TO START' "$log" || fail "$name: no 'APPLICATION FAILED TO START' in its log"
  grep -qF "The namspill starter on the classpath, io.namspill:namspill-spring-boot3-starter, is built for Spring Boot" "$log" \
    || fail "$name: the failure does not name the Boot 3 starter"
  grep -qF "but this application runs Spring Boot $BOOT_VERSION" "$log" || fail "$name: the failure does not name Spring Boot $BOOT_VERSION"
  grep -qF 'Replace the dependency io.namspill:namspill-spring-boot3-starter with io.namspill:namspill-spring-boot-starter' "$log" \
    || fail "$name: the failure does not say which starter to use"
  ! grep -qF 'Tomcat started' "$log" || fail "$name: the web server started before the check stopped the application"
  pass "$name: exit status $EXIT_STATUS after $(since "$start")s, 'APPLICATION FAILED TO START' naming io.namspill:namspill-spring-boot-starter for Spring Boot $BOOT_VERSION, no web server"
}

log "demo $(basename "$DEMO_JAR") (Spring Boot $BOOT_VERSION, launcher $LAUNCHER) on Java $JAVA_VERSION"

rm "$TMP/app/BOOT-INF/lib/$BOOT4_LIB"
cp "$BOOT3_JAR" "$TMP/app/BOOT-INF/lib/"
start_expecting_failure "the Boot 3 starter instead of the Boot 4 one"

unzip -q -o -j "$DEMO_JAR" "BOOT-INF/lib/$BOOT4_LIB" -d "$TMP/app/BOOT-INF/lib"
start_expecting_failure "both starters"

# The unpacked tree starts when it holds the right starter: the failures above are the check's.
rm "$TMP/app/BOOT-INF/lib/$(basename "$BOOT3_JAR")"
DEMO_PORT="$(free_port)"
"$JAVA" -cp "$TMP/app" "$LAUNCHER" --server.port="$DEMO_PORT" --server.address=127.0.0.1 </dev/null >"$TMP/right-line.log" 2>&1 &
DEMO_PID=$!
wait_for "$EXIT_TIMEOUT" "the unpacked demo with its own starter answering /actuator/health" status_is 200 /actuator/health
# anchors the negative check above: this is the line a started web server logs
grep -qF 'Tomcat started' "$TMP/right-line.log" || fail "the started demo logged no 'Tomcat started'"
pass "with its own starter the same unpacked tree starts and answers /actuator/health"
stop "$DEMO_PID" demo
DEMO_PID=""

printf 'e2e: %d passed, 0 failed\n' "$PASSED"
