#!/usr/bin/env bash
# Static checks of the operations kit: promtool check + unit tests of the alert rules, and
# check-manifests.py (Kubernetes YAML, PrometheusRule = rule file, Grafana dashboard).
# Installs Debian's prometheus (promtool) and python3-yaml when missing and run as root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

apt_install() {
  [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null || return 1
  { apt-get -o DPkg::Lock::Timeout=120 update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "$@"; } >/dev/null
}

PROMTOOL="${PROMTOOL:-promtool}"
if ! command -v "$PROMTOOL" >/dev/null; then
  apt_install prometheus || { echo "deploy/check: promtool missing (install Debian's prometheus package)" >&2; exit 1; }
fi
PYTHON=""
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import yaml' 2>/dev/null; then PYTHON="$candidate"; break; fi
done
if [[ -z "$PYTHON" ]]; then
  if ! apt_install python3-yaml; then
    echo "deploy/check: no python3 with PyYAML (install python3-yaml)" >&2
    exit 1
  fi
  PYTHON=/usr/bin/python3
fi

"$PROMTOOL" check rules prometheus/namspill-alerts.yml
"$PROMTOOL" test rules prometheus/namspill-alerts.test.yml
"$PYTHON" check-manifests.py
echo "deploy/check: ok"
