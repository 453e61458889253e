#!/usr/bin/env python3
"""HARNESS SELF-TEST ONLY: a stand-in for the namspill demo app.

It speaks the HTTP contract that e2e/prometheus-e2e.sh expects from the real demo (see
e2e/README.md) with invented numbers, so the harness (ports, processes, the real Prometheus,
the shipped alert rule, the waits and the asserts) can be proven before and apart from the
Java demo. It creates no namespace and proves nothing about namspill itself.

    python3 e2e/fake-demo.py --port 8080
    FAKE_DEMO_BREAK=<mode> ...   misbehave on purpose, so the harness can be shown to fail:
      no-metric     a leak never shows in namspill_leaked_tasks (health and endpoint do show it)
      wrong-type    namspill_leaked_tasks shows a leak under type="net" whatever the type
      metric-stays  after /leaks/heal, namspill_leaked_tasks keeps the old count (health heals)
      no-heal       /leaks/heal answers 200 but the leak stays everywhere
      liveness-up   /actuator/health/liveness stays 200 while leaked
      switch-leaks  /switch leaves a leak behind
      exit          exits at once with status 3, like a demo that cannot start
"""
import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TYPES = ["cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "time_for_children", "user", "uts"]
POOL_TYPES = {"uts", "net", "ipc", "cgroup"}
BASE_TASKS = 42
REFERENCE_INODE = 4026531835
LABEL = "harness self-test (e2e/fake-demo.py), not namspill"
BREAK = os.environ.get("FAKE_DEMO_BREAK", "")

lock = threading.Lock()
leaks = []  # [{"tid", "name", "type", "inode"}]
healed = []  # what metric-stays keeps reporting
next_tid = [5000]


def metric_counts():
    """namspill_leaked_tasks by type, as the (possibly broken) fake exports it."""
    counts = {t: 0 for t in TYPES}
    if BREAK == "no-metric":
        return counts
    for leak in leaks + (healed if BREAK == "metric-stays" else []):
        counts["net" if BREAK == "wrong-type" else leak["type"]] += 1
    return counts


def leak(kind, name):
    with lock:
        next_tid[0] += 1
        entry = {"tid": next_tid[0], "name": name, "type": kind, "inode": 4026532000 + next_tid[0]}
        leaks.append(entry)
        return entry


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-namspill-demo/0"

    def log_message(self, fmt, *args):
        sys.stderr.write("fake-demo: " + (fmt % args) + "\n")

    def send_json(self, status, body):
        data = json.dumps(dict(body, fake=LABEL)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Fake-Demo", "harness self-test")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_text(self, status, text, ctype="text/plain; version=0.0.4; charset=utf-8"):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        with lock:
            counts = metric_counts()
            snapshot = list(leaks)
            leaked = bool(snapshot)
            tasks = BASE_TASKS + len(snapshot)
        status = "DOWN" if leaked else "UP"
        code = 503 if leaked else 200
        if url.path == "/actuator/health":
            self.send_json(code, {"status": status, "components": {
                "namspill": {"status": status, "details": {"tasks": tasks, "leakedTasks": len(snapshot)}}}})
        elif url.path == "/actuator/health/liveness":
            if BREAK == "liveness-up":
                code, status = 200, "UP"
            self.send_json(code, {"status": status})
        elif url.path == "/actuator/health/readiness":
            self.send_json(200, {"status": "UP"})
        elif url.path == "/actuator/namspill":
            self.send_json(200, {"supported": True, "pid": os.getpid(), "uniform": not leaked, "tasks": tasks,
                                 "leaks": [{"tid": l["tid"], "name": l["name"],
                                            "namespaces": {l["type"]: l["inode"]}} for l in snapshot]})
        elif url.path == "/actuator/prometheus":
            lines = ["# HELP namspill_tasks Tasks of the process (FAKE: " + LABEL + ")",
                     "# TYPE namspill_tasks gauge", f"namspill_tasks {tasks}.0",
                     "# HELP namspill_leaked_tasks Leaked tasks (FAKE)", "# TYPE namspill_leaked_tasks gauge"]
            lines += [f'namspill_leaked_tasks{{type="{t}"}} {counts[t]}.0' for t in TYPES]
            lines += ["# HELP namspill_namespaces Distinct namespaces (FAKE)", "# TYPE namspill_namespaces gauge"]
            lines += [f'namspill_namespaces{{type="{t}"}} {1 + counts[t]}.0' for t in TYPES]
            self.send_text(200, "\n".join(lines) + "\n")
        else:
            self.send_json(404, {"error": "not found", "path": url.path})

    def do_POST(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        kind = (query.get("type") or [""])[0]
        if url.path == "/leaks/pool":
            if kind not in POOL_TYPES:
                self.send_json(400, {"error": f"type must be one of {sorted(POOL_TYPES)}, was '{kind}'"})
                return
            entry = leak(kind, "leak-pool-1")
            self.send_json(200, {"type": kind, "tid": entry["tid"], "thread": entry["name"], "namespace": entry["inode"]})
        elif url.path == "/leaks/virtual":
            entry = leak("uts", "virtual-carrier-1")
            self.send_json(200, {"type": "uts", "tid": entry["tid"], "thread": entry["name"], "namespace": entry["inode"]})
        elif url.path == "/switch":
            kind = kind or "net"
            if kind not in TYPES:
                self.send_json(400, {"error": f"unknown namespace type '{kind}'"})
                return
            if BREAK == "switch-leaks":
                leak(kind, "switch-1")
            self.send_json(200, {"type": kind, "switched": True, "leaked": False})
        elif url.path == "/leaks/heal":
            with lock:
                retired = len(leaks)
                if BREAK != "no-heal":
                    healed.extend(leaks)
                    leaks.clear()
            self.send_json(200, {"retiredThreads": retired})
        else:
            self.send_json(404, {"error": "not found", "path": url.path})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--address", default="127.0.0.1")
    args = parser.parse_args()
    if BREAK == "exit":
        sys.stderr.write("fake-demo: FAKE_DEMO_BREAK=exit: exiting with status 3\n")
        sys.exit(3)
    server = ThreadingHTTPServer((args.address, args.port), Handler)
    sys.stderr.write(f"fake-demo: {LABEL}; listening on {args.address}:{args.port}"
                     + (f"; FAKE_DEMO_BREAK={BREAK}" if BREAK else "") + "\n")
    sys.stderr.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
