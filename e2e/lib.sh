# Helpers shared by the end-to-end scripts (sourced, not run): logging, failure with the tail of
# the logs in $TMP, stopping processes, bounded waits, HTTP against the demo on $DEMO_PORT.
# The sourcing script sets TMP, DEMO_PID (and PROM_PID where it runs Prometheus), DEMO_PORT.

# What the traps below read, empty until the script starts something; the JVM to run the demo on.
PASSED=0
DEMO_PID=""
PROM_PID=""
TMP=""
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-java}"

# require_file NAME HOW: the file the variable NAME names exists, or fail saying how to build it.
require_file() {
  local path="${!1:-}"
  [[ -n "$path" && -f "$path" ]] || fail "$1=$path: no such file (build it first: $2)"
}

# The demo's executable jar, $DEMO_JAR.
require_demo_jar() { require_file DEMO_JAR "./mvnw -B -pl demo-app -am package -DskipTests"; }

# require_java: JAVA runs; sets JAVA_VERSION (17.0.15) and JAVA_MAJOR (17).
require_java() {
  command -v "$JAVA" >/dev/null || fail "JAVA=$JAVA: not found"
  JAVA_VERSION="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')"
  JAVA_MAJOR="${JAVA_VERSION#1.}"
  JAVA_MAJOR="${JAVA_MAJOR%%[!0-9]*}"
  [[ -n "$JAVA_MAJOR" ]] || fail "could not read the Java version of $JAVA"
}
log() { printf 'e2e: %s\n' "$*"; }
pass() { PASSED=$((PASSED + 1)); printf 'e2e: ok %2d - %s\n' "$PASSED" "$*"; }

tail_logs() {
  local f
  for f in "$TMP"/*.log; do
    if [[ -n "$TMP" && -s "$f" ]]; then
      printf '\n----- last 60 lines of %s -----\n' "$(basename "$f")"
      tail -n 60 "$f"
    fi
  done
}

fail() {
  printf '\ne2e: FAIL: %s\n' "$*" >&2
  tail_logs >&2
  printf '\ne2e: %d passed, 1 failed\n' "$PASSED"
  exit 1
}

stop() { # pid name: TERM, up to 10 s, then KILL
  local pid="$1" name="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored TERM for 10 s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  stop "$PROM_PID" prometheus
  stop "$DEMO_PID" demo
  if [[ -n "$TMP" && -d "$TMP" ]]; then
    if [[ "${E2E_KEEP_TMP:-}" == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
past() { awk -v a="$1" -v b="$(now)" -v l="$2" 'BEGIN { exit !(b - a > l) }'; } # START SECONDS

# wait_for SECONDS DESCRIPTION COMMAND...: run COMMAND every 0.5 s until it succeeds.
# COMMAND may put what it saw last into LAST for the failure message.
LAST=""
wait_for() {
  local limit="$1" what="$2" start
  shift 2
  start="$(now)"
  LAST=""
  until "$@"; do
    if past "$start" "$limit"; then
      fail "$what: not within ${limit}s${LAST:+ (last seen: $LAST)}"
    fi
    alive_or_fail
    sleep 0.5
  done
}

# wait_for_exit SECONDS DESCRIPTION: wait until the demo (DEMO_PID), expected to end by itself,
# has ended; its exit status in EXIT_STATUS, DEMO_PID cleared. (wait_for would take the end for
# a crash.) Past SECONDS it fails, and the EXIT trap stops the demo.
wait_for_exit() {
  local limit="$1" what="$2" start
  start="$(now)"
  while kill -0 "$DEMO_PID" 2>/dev/null; do
    past "$start" "$limit" && fail "$what: the demo still runs after ${limit}s"
    sleep 0.2
  done
  EXIT_STATUS=0
  wait "$DEMO_PID" || EXIT_STATUS=$?
  DEMO_PID=""
}

alive_or_fail() {
  if [[ -n "$DEMO_PID" ]] && ! kill -0 "$DEMO_PID" 2>/dev/null; then fail "the demo process exited"; fi
  if [[ -n "$PROM_PID" ]] && ! kill -0 "$PROM_PID" 2>/dev/null; then fail "the prometheus process exited"; fi
}

# http METHOD PATH: prints the status code (000 when nothing answers); the body goes to $TMP/body.
http() {
  curl --noproxy '*' -s -o "$TMP/body" -w '%{http_code}' --max-time 10 -X "$1" "http://127.0.0.1:$DEMO_PORT$2" || true
}

status_is() { # CODE PATH
  LAST="HTTP $(http GET "$2") $(head -c 300 "$TMP/body" 2>/dev/null)"
  [[ "$LAST" == "HTTP $1 "* ]]
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

