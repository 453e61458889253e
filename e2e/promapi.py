#!/usr/bin/env python3
"""Small client of the Prometheus HTTP API for e2e/prometheus-e2e.sh (standard library only).

    promapi.py URL ready                      exit 0 when /-/ready answers 200
    promapi.py URL targets JOB                one line per target: health lastError
    promapi.py URL rule ALERTNAME             "<health> <for seconds>" of that loaded alerting rule
    promapi.py URL alerts ALERTNAME           one line per active alert: state type=... instance=...
    promapi.py URL count EXPR                 number of series of an instant query
    promapi.py URL sum EXPR                   sum of the values of an instant query ("none" if empty)
    promapi.py URL label-values LABEL MATCH   values of LABEL among series matching MATCH
    promapi.py URL dashboard FILE VAR=VALUE.. run every PromQL expression of a Grafana dashboard
                                              with its variables replaced; one line per expression,
                                              exit 1 if one fails or returns no series

Errors (connection, HTTP, API status "error") go to stderr with exit code 1.
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

# Loopback only: never route through a proxy from the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
TIMEOUT = 5


def get(base, path, params=None):
    url = base.rstrip("/") + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    try:
        with OPENER.open(url, timeout=TIMEOUT) as response:
            body = response.read()
    except urllib.error.HTTPError as e:
        body = e.read()
        try:
            payload = json.loads(body)
        except ValueError:
            raise SystemExit(f"promapi: {url}: HTTP {e.code}")
        raise SystemExit(f"promapi: {url}: HTTP {e.code}: {payload.get('errorType')}: {payload.get('error')}")
    except (urllib.error.URLError, OSError) as e:
        raise SystemExit(f"promapi: {url}: {e}")
    payload = json.loads(body)
    if payload.get("status") != "success":
        raise SystemExit(f"promapi: {url}: {payload.get('errorType')}: {payload.get('error')}")
    return payload["data"]


def query(base, expr):
    data = get(base, "/api/v1/query", {"query": expr})
    if data["resultType"] == "scalar":
        return [{"metric": {}, "value": data["result"]}]
    return data["result"]


def ready(base):
    try:
        with OPENER.open(base.rstrip("/") + "/-/ready", timeout=TIMEOUT) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError):
        return 1


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    base, command, args = argv[1], argv[2], argv[3:]
    if command == "ready":
        return ready(base)
    if command == "targets":
        for target in get(base, "/api/v1/targets", {"state": "active"})["activeTargets"]:
            if target["labels"].get("job") == args[0]:
                print(target["health"], target.get("lastError", ""))
        return 0
    if command == "rule":
        for group in get(base, "/api/v1/rules", {"type": "alert"})["groups"]:
            for rule in group["rules"]:
                if rule["name"] == args[0]:
                    print(rule["health"], int(rule["duration"]))
                    return 0
        raise SystemExit(f"promapi: no alerting rule {args[0]} loaded")
    if command == "alerts":
        lines = []
        for alert in get(base, "/api/v1/alerts")["alerts"]:
            labels = alert["labels"]
            if labels.get("alertname") == args[0]:
                lines.append(f"{alert['state']} type={labels.get('type', '')} instance={labels.get('instance', '')}")
        print("\n".join(sorted(lines)))
        return 0
    if command == "count":
        print(len(query(base, args[0])))
        return 0
    if command == "sum":
        result = query(base, args[0])
        print(sum(float(r["value"][1]) for r in result) if result else "none")
        return 0
    if command == "label-values":
        print("\n".join(get(base, f"/api/v1/label/{args[0]}/values", {"match[]": args[1]})))
        return 0
    if command == "dashboard":
        return dashboard(base, args[0], dict(a.split("=", 1) for a in args[1:]))
    raise SystemExit(f"promapi: unknown command {command}")


def dashboard(base, path, variables):
    with open(path) as f:
        dash = json.load(f)
    exprs = []
    for panel in dash.get("panels", []):
        exprs += [(panel["title"], t["expr"]) for t in panel.get("targets", []) if t.get("expr")]
    exprs += [("annotation " + a["name"], a["expr"]) for a in dash.get("annotations", {}).get("list", []) if a.get("expr")]
    failed = 0
    for title, expr in exprs:
        resolved = expr
        # longest names first, so $instance is not cut by a variable named $in
        for name in sorted(variables, key=len, reverse=True):
            resolved = resolved.replace("${" + name + "}", variables[name]).replace("$" + name, variables[name])
        try:
            n = len(query(base, resolved))
        except SystemExit as e:
            print(f"FAIL {title}: {resolved}: {e}")
            failed += 1
            continue
        if "$" in resolved:
            print(f"FAIL {title}: variable left in {resolved}")
            failed += 1
        elif n == 0:
            print(f"FAIL {title}: no series for {resolved}")
            failed += 1
        else:
            print(f"ok   {title}: {n} series")
    print(f"{len(exprs) - failed} of {len(exprs)} dashboard queries returned data")
    return 1 if failed or not exprs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
