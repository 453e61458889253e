#!/usr/bin/env python3
"""Static checks of the operations kit that promtool does not do (run by deploy/check.sh).

- every YAML under kubernetes/ parses and names apiVersion, kind, metadata.name;
- the Deployment, Service and ServiceMonitor agree (labels, selector, port name, paths), the
  probes use the actuator health groups and namspill is in the liveness group;
- the PrometheusRule carries exactly the groups of prometheus/namspill-alerts.yml;
- the Grafana dashboard is JSON, has the $job and $instance variables, and every query filters
  by both and the three namspill series are all shown.
"""
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
errors = []


def check(condition, message):
    if not condition:
        errors.append(message)
    return condition


def load_all(relative):
    with open(os.path.join(HERE, relative)) as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def by_kind(docs, kind):
    found = [d for d in docs if d.get("kind") == kind]
    check(len(found) == 1, f"expected one {kind}, found {len(found)}")
    return found[0] if found else {}


def kubernetes():
    docs = []
    for folder, _, files in os.walk(os.path.join(HERE, "kubernetes")):
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            relative = os.path.relpath(os.path.join(folder, name), HERE)
            try:
                loaded = load_all(relative)
            except yaml.YAMLError as e:
                errors.append(f"{relative}: not YAML: {e}")
                continue
            for doc in loaded:
                kind = doc.get("kind")
                check(doc.get("apiVersion") and kind, f"{relative}: a document without apiVersion/kind")
                if kind == "Kustomization":
                    for resource in doc.get("resources", []):
                        check(os.path.exists(os.path.join(folder, resource)), f"{relative}: resource {resource} missing")
                    continue
                check(doc.get("metadata", {}).get("name"), f"{relative}: {kind} without metadata.name")
                docs.append(doc)
    return docs


def workload(docs):
    deployment = by_kind(docs, "Deployment")
    service = by_kind(docs, "Service")
    monitor = by_kind(docs, "ServiceMonitor")
    template = deployment["spec"]["template"]
    pod_labels = template["metadata"]["labels"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    check(selector.items() <= pod_labels.items(), "Deployment selector does not match its pod labels")
    check(service["spec"]["selector"].items() <= pod_labels.items(), "Service selector does not match the pods")
    check(monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items(),
          "ServiceMonitor selector does not match the Service labels")

    containers = template["spec"]["containers"]
    check(len(containers) == 1, "expected one container")
    container = containers[0]
    check(container["image"] == "namspill-demo:0.1.0", "image placeholder changed")
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    check(ports.get("http") == 8080, "container port http must be 8080")
    service_ports = {p["name"]: p for p in service["spec"]["ports"]}
    check("http" in service_ports and service_ports["http"]["targetPort"] in ("http", 8080),
          "Service port http must target the container port http")
    endpoint = monitor["spec"]["endpoints"][0]
    check(endpoint["port"] == "http" and endpoint["path"] == "/actuator/prometheus",
          "ServiceMonitor must scrape port http at /actuator/prometheus")

    probes = {name: container.get(name, {}).get("httpGet", {}) for name in ("livenessProbe", "readinessProbe", "startupProbe")}
    check(probes["livenessProbe"].get("path") == "/actuator/health/liveness", "liveness probe path")
    check(probes["readinessProbe"].get("path") == "/actuator/health/readiness", "readiness probe path")
    for name, probe in probes.items():
        check(probe.get("port") in ("http", 8080), f"{name} must use the http port")
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    liveness = env.get("MANAGEMENT_ENDPOINT_HEALTH_GROUP_LIVENESS_INCLUDE", "")
    check("namspill" in liveness.split(",") and "livenessState" in liveness.split(","),
          "liveness group must include livenessState and namspill")
    exposed = env.get("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "").split(",")
    check({"health", "prometheus"} <= set(exposed), "health and prometheus must be exposed")
    annotations = template["metadata"].get("annotations", {})
    check(annotations.get("prometheus.io/scrape") == "true"
          and annotations.get("prometheus.io/path") == "/actuator/prometheus"
          and annotations.get("prometheus.io/port") == "8080", "prometheus.io scrape annotations on the pod")
    caps = container.get("securityContext", {}).get("capabilities", {})
    check(caps.get("add") == ["SYS_ADMIN"], "the demo needs exactly CAP_SYS_ADMIN added (leak injection)")


def rules(docs):
    rule = by_kind(docs, "PrometheusRule")
    shipped = load_all("prometheus/namspill-alerts.yml")[0]
    check(rule.get("spec", {}).get("groups") == shipped["groups"],
          "kubernetes PrometheusRule spec.groups differs from prometheus/namspill-alerts.yml groups")


def dashboard():
    with open(os.path.join(HERE, "grafana/namspill-dashboard.json")) as f:
        dash = json.load(f)
    variables = {v["name"] for v in dash["templating"]["list"]}
    check({"job", "instance"} <= variables, "dashboard needs $job and $instance variables")
    exprs = [t["expr"] for p in dash["panels"] for t in p.get("targets", [])]
    exprs += [a["expr"] for a in dash["annotations"]["list"] if "expr" in a]
    check(exprs, "dashboard has no query")
    for expr in exprs:
        check('job=~"$job"' in expr and 'instance=~"$instance"' in expr, f"dashboard query not filtered by $job/$instance: {expr}")
    for series in ("namspill_tasks", "namspill_leaked_tasks", "namspill_namespaces"):
        check(any(series + "{" in e for e in exprs), f"dashboard shows no {series}")
    ids = [p["id"] for p in dash["panels"]]
    check(len(ids) == len(set(ids)), "dashboard panel ids are not unique")


def main():
    docs = kubernetes()
    workload(docs)
    rules(docs)
    dashboard()
    for error in errors:
        print(f"check-manifests: FAIL {error}")
    if errors:
        return 1
    print(f"check-manifests: ok ({len(docs)} Kubernetes objects, PrometheusRule = rule file, dashboard)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
