#!/usr/bin/env bash
# Self-test of e2e/prometheus-e2e.sh itself, against e2e/fake-demo.py and a real Prometheus:
# the harness passes against a well-behaved fake, and FAILS, with the right message, against
# each way a demo or a rule could be wrong. It proves the harness can fail; it proves nothing
# about namspill (the real proof is prometheus-e2e.sh with DEMO_JAR). About two minutes.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG="$(mktemp "${TMPDIR:-/tmp}/namspill-harness-selftest.XXXXXX")"
trap 'rm -f "$LOG"' EXIT
PASSED=0
FAILED=0

# expect BREAK_MODE EXPECTED_RC MESSAGE_SUBSTRING [ENV=VALUE...]
expect() {
  local mode="$1" want_rc="$2" want_msg="$3" rc=0
  shift 3
  env E2E_FAKE_DEMO=1 FAKE_DEMO_BREAK="$mode" E2E_ALERT_SLACK=8 E2E_RESOLVE_TIMEOUT=8 DEMO_JAR= "$@" \
    bash "$HERE/prometheus-e2e.sh" >"$LOG" 2>&1 || rc=$?
  if [[ "$rc" == "$want_rc" ]] && grep -qF -- "$want_msg" "$LOG"; then
    PASSED=$((PASSED + 1))
    printf 'selftest: ok   %-13s rc=%s: %s\n' "${mode:-(none)}" "$rc" "$(grep -m1 -E 'FAIL:|passed, ' "$LOG")"
  else
    FAILED=$((FAILED + 1))
    printf 'selftest: FAIL %-13s rc=%s (expected rc=%s and "%s"); its output:\n' "${mode:-(none)}" "$rc" "$want_rc" "$want_msg"
    sed 's/^/    /' "$LOG"
  fi
}

expect ""           0 "17 passed, 0 failed"
expect no-metric    1 'NamspillNamespaceLeak firing with type="uts": not within'
expect wrong-type   1 'last seen: alerts: firing type=net'
expect metric-stays 1 'NamspillNamespaceLeak resolved: not within'
expect no-heal      1 '/actuator/health/liveness answering 200 after the heal: not within'
expect liveness-up  1 '/actuator/health/liveness answering 503 while leaked: not within'
expect switch-leaks 1 'after a correct switch, sum(namspill_leaked_tasks) is 1.0'
expect exit         1 'the demo process exited'
expect ""           1 'E2E_FAKE_DEMO=1 runs the harness self-test' E2E_FAKE_DEMO=
expect ""           1 'no such file' DEMO_JAR=/nonexistent/demo.jar

# Nothing may outlive a run: the fake, or a Prometheus with a config in a namspill-e2e temp dir.
if pgrep -f "$HERE/fake-demo.py|--config.file=${TMPDIR:-/tmp}/namspill-e2e\." >/dev/null; then
  FAILED=$((FAILED + 1))
  echo "selftest: FAIL processes outlived their harness run:"
  pgrep -af "$HERE/fake-demo.py|--config.file=${TMPDIR:-/tmp}/namspill-e2e\." || true
fi
printf 'selftest: %d passed, %d failed\n' "$PASSED" "$FAILED"
((FAILED == 0))
