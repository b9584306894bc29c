"""The deployment files agree with the code and with each other.

No Docker engine is needed: docker-compose.yml is parsed and checked for what would break the
stack (a ZooKeeper-era Kafka, a client pointed at the wrong listener, a verb the CLI does not
have); the Prometheus files go through the real ``promtool``; every metric a dashboard panel or an
alert names must be defined somewhere in the code.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from collections import Counter
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

from tests.conftest import REPO
from tests.dashboard import DASHBOARD, dashboard_panels

COMPOSE = REPO / "docker-compose.yml"
PROMETHEUS = REPO / "deploy" / "prometheus"
GRAFANA = REPO / "deploy" / "grafana"
SOURCE_PACKAGES = ("schemas", "streams", "agents", "retrainer", "cardstream")
CLIENTS = ("worker", "retrainer", "topics")
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
# series Prometheus makes itself, not our code
BUILTIN_SERIES = {"up", "scrape_duration_seconds", "scrape_samples_scraped",
                  "scrape_samples_post_metric_relabeling", "scrape_series_added",
                  "ALERTS", "ALERTS_FOR_STATE"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def env_of(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def command_of(service: dict[str, Any]) -> list[str]:
    command = service.get("command") or []
    return command.split() if isinstance(command, str) else [str(c) for c in command]


def advertised_listeners(kafka: dict[str, Any]) -> dict[str, str]:
    """``{"INTERNAL": "kafka:19092", ...}`` from KAFKA_ADVERTISED_LISTENERS."""
    listeners = {}
    for item in env_of(kafka)["KAFKA_ADVERTISED_LISTENERS"].split(","):
        name, address = item.split("://", 1)
        listeners[name.strip()] = address.strip()
    return listeners


# --- Kafka ---------------------------------------------------------------------------------
def test_kafka_is_a_single_kraft_node_without_zookeeper(services):
    kafka = services["kafka"]
    env = env_of(kafka)
    assert kafka["image"].startswith("apache/kafka:")
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    # the quorum is this node, on a listener named as the controller listener
    node_id, voter = env["KAFKA_CONTROLLER_QUORUM_VOTERS"].split("@")
    assert node_id == env["KAFKA_NODE_ID"]
    controller = env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    bound = dict(item.split("://") for item in env["KAFKA_LISTENERS"].split(","))
    assert voter == f"kafka{bound[controller]}"
    assert controller not in advertised_listeners(kafka), "brokers never advertise the controller"
    # a KRaft log dir is formatted with a cluster id that must be a base64 UUID (16 bytes)
    assert len(base64.urlsafe_b64decode(env["CLUSTER_ID"] + "==")) == 16
    assert not [name for name, s in services.items()
                if "zookeeper" in name or "zookeeper" in s.get("image", "")]
    assert not [key for key in env if "ZOOKEEPER" in key]


def test_kafka_advertises_an_internal_and_a_host_listener(services):
    kafka = services["kafka"]
    listeners = advertised_listeners(kafka)
    env = env_of(kafka)
    internal = listeners[env["KAFKA_INTER_BROKER_LISTENER_NAME"]]
    assert internal.split(":")[0] == "kafka"
    host = [addr for addr in listeners.values() if addr.startswith("localhost:")]
    assert host, "no listener for clients on the host"
    assert f"{host[0].split(':')[1]}:{host[0].split(':')[1]}" in kafka["ports"]
    assert "healthcheck" in kafka and any(v.endswith(":/var/lib/kafka/data")
                                          for v in kafka["volumes"])


# --- wiring ----------------------------------------------------------------------------------
def test_depends_on_names_existing_services_with_meaningful_conditions(services):
    for name, service in services.items():
        depends = service.get("depends_on") or {}
        if isinstance(depends, list):
            depends = {d: {"condition": "service_started"} for d in depends}
        for target, spec in depends.items():
            assert target in services, f"{name} depends on unknown service {target}"
            condition = spec.get("condition", "service_started")
            assert condition in CONDITIONS, f"{name} -> {target}: {condition}"
            if condition == "service_healthy":
                assert "healthcheck" in services[target], f"{target} has no healthcheck"
            if condition == "service_completed_successfully":
                assert services[target].get("restart", "no") == "no", f"{target} is not one-shot"


def test_clients_use_the_internal_listener_the_registry_and_mlflow(services, monkeypatch):
    from streams.settings import Settings

    kafka = services["kafka"]
    internal = advertised_listeners(kafka)[env_of(kafka)["KAFKA_INTER_BROKER_LISTENER_NAME"]]
    registry_port = urlparse(env_of(services["schema-registry"])["SCHEMA_REGISTRY_LISTENERS"]).port
    mlflow_port = next(c.split("=")[1] for c in command_of(services["mlflow"])
                       if c.startswith("--port="))
    for name in CLIENTS:
        env = env_of(services[name])
        assert env["KAFKA_BOOTSTRAP_SERVERS"] == internal, name
        assert env["SCHEMA_REGISTRY_URL"] == f"http://schema-registry:{registry_port}", name
        assert env["MLFLOW_TRACKING_URI"] == f"http://mlflow:{mlflow_port}", name
        assert env["OMP_THREAD_LIMIT"] == "1" and env["HF_HUB_OFFLINE"] == "1", name
        # and the settings object really reads these names (it ignores unknown ones silently)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        settings = Settings.from_env()
        assert not settings.embedded
        assert settings.bootstrap_servers == internal
        assert settings.schema_registry_url == env["SCHEMA_REGISTRY_URL"]
        assert settings.resolved_tracking_uri == env["MLFLOW_TRACKING_URI"]
        assert str(settings.run_dir) == env["CARDSTREAM_RUN_DIR"]
        if name != "topics":  # metrics bound to loopback cannot be scraped from another container
            assert settings.metrics_host == "0.0.0.0", name


def test_worker_and_retrainer_share_the_run_dir_volume(services):
    def run_volume(name: str) -> str:
        run_dir = env_of(services[name])["CARDSTREAM_RUN_DIR"]
        return next(v.split(":")[0] for v in services[name]["volumes"]
                    if v.split(":")[1] == run_dir)

    assert run_volume("worker") == run_volume("retrainer")


def test_commands_are_real_cli_verbs_and_prometheus_scrapes_their_ports(services):
    import click

    from cardstream.cli import parse

    parsed = {}
    for name in CLIENTS:
        argv = command_of(services[name])
        try:
            verb, parsed[name] = parse(argv)
        except click.UsageError:
            pytest.fail(f"`cardstream {' '.join(argv)}` ({name}) is not a valid command")
        assert verb == [argv[0]]
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    targets = {t for job in config["scrape_configs"] for sc in job["static_configs"]
               for t in sc["targets"]}
    for name in ("worker", "retrainer"):
        assert f"{name}:{parsed[name]['metrics_port']}" in targets


def test_images_are_pinned(services):
    for name, service in services.items():
        image = service.get("image")
        assert image, f"{name} has no image"
        tag = image.rsplit("/", 1)[-1].partition(":")[2]
        assert tag and tag != "latest", f"{name}: {image} is not pinned"


def test_the_cardstream_image_is_built_once_and_never_pulled(services):
    image = services["worker"]["image"]
    users = {name for name, s in services.items() if s.get("image") == image}
    builders = {name for name in users if "build" in services[name]}
    assert builders == {"worker"}
    assert services["worker"]["build"]["dockerfile"] == "deploy/Dockerfile"
    assert all(services[name].get("pull_policy") == "never" for name in users - builders)
    assert users >= {"worker", "retrainer", "topics", "mlflow"}


def test_published_host_ports_are_unique(services):
    published = Counter()
    for service in services.values():
        for port in service.get("ports", []):
            parts = str(port).split(":")
            published[parts[-2] if len(parts) >= 2 else parts[0]] += 1
    assert published and not [p for p, n in published.items() if n > 1]


def test_grafana_mounts_what_its_provisioning_points_at(services):
    mounts = dict(v.split(":")[:2] for v in services["grafana"]["volumes"] if v.startswith("./"))
    provider = yaml.safe_load((GRAFANA / "provisioning/dashboards/cardstream.yml").read_text())
    path = provider["providers"][0]["options"]["path"]
    assert mounts["./deploy/grafana/dashboards"] == path
    assert mounts["./deploy/grafana/provisioning"] == "/etc/grafana/provisioning"
    datasources = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())
    uids = {d["uid"] for d in datasources["datasources"]}
    used = {t["datasource"]["uid"] for p in dashboard_panels() for t in p.get("targets", [])}
    assert used and used <= uids


def test_the_image_installs_cpu_torch_first_and_runs_unprivileged():
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text()
    torch = dockerfile.index("download.pytorch.org/whl/cpu torch==2.13.0")
    assert torch < dockerfile.index("pip install -c requirements.lock .")
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
    assert 'ENTRYPOINT ["python", "-m", "cardstream"]' in dockerfile
    assert "OMP_THREAD_LIMIT=1" in dockerfile


# --- Prometheus ------------------------------------------------------------------------------
def promtool(*args: str) -> None:
    binary = shutil.which("promtool")
    if binary is None:
        pytest.skip("promtool is not installed (apt-get install prometheus, "
                    "or deploy/install-system.sh)")
    result = subprocess.run([binary, *args], capture_output=True, text=True, timeout=60,
                            cwd=PROMETHEUS, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_accepts_the_config():
    promtool("check", "config", "prometheus.yml")


def test_promtool_accepts_the_rules():
    promtool("check", "rules", "alerts.yml")


def test_the_alert_rule_unit_tests_pass():
    promtool("test", "rules", "alerts_test.yml")


def test_every_dashboard_query_is_valid_promql(tmp_path):
    # promtool has no "check this expression"; a rules file of recording rules gets the same parse
    rules = [{"record": f"dashboard:panel_{p['id']}_{t['refId']}",
              "expr": grafana_to_promql(t["expr"])}
             for p in dashboard_panels() for t in p.get("targets", [])]
    path = tmp_path / "dashboard_rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
    promtool("check", "rules", str(path))


# --- metric names ----------------------------------------------------------------------------
DEFINITION = re.compile(
    r"\b(Counter|Gauge|Histogram|Summary|Info|Enum)\(\s*(?:name\s*=\s*)?[\"']([A-Za-z_:][\w:]*)[\"']"
)
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
                "unless", "bool", "offset", "inf", "nan", "Inf", "NaN"}


def defined_series() -> set[str]:
    """Every series name our code can expose, with prometheus_client's suffixes."""
    series = set()
    for package in SOURCE_PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            for kind, name in DEFINITION.findall(path.read_text()):
                if kind == "Counter":
                    base = name.removesuffix("_total")
                    series |= {f"{base}_total", f"{base}_created"}
                elif kind in ("Histogram", "Summary"):
                    series |= {f"{name}_bucket", f"{name}_sum", f"{name}_count", f"{name}_created"}
                    if kind == "Summary":
                        series.add(name)
                elif kind == "Info":
                    series.add(f"{name}_info")
                else:
                    series.add(name)
    # the default process, GC and platform collectors every process registers explicitly
    from agents.metrics import process_registry

    for family in process_registry().collect():
        series |= {sample.name for sample in family.samples}
    return series


def promql_metric_names(expr: str) -> set[str]:
    s = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', expr)
    s = re.sub(r"\$\{?\w+\}?", " ", s)  # Grafana variables
    s = re.sub(r"\{[^}]*\}", " ", s)  # label matchers
    s = re.sub(r"\[[^\]]*\]", " ", s)  # ranges and subqueries
    s = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)
    names = set()
    for match in re.finditer(r"(?<![\w.])[A-Za-z_:][\w:]*", s):
        if s[match.end():].lstrip().startswith("("):
            continue  # a function or an aggregation
        if match.group() not in PROMQL_WORDS:
            names.add(match.group())
    return names


def grafana_to_promql(expr: str) -> str:
    return (expr.replace("$__rate_interval", "5m").replace("$__range", "1h")
            .replace("$instance", ".*"))


def alert_rules() -> list[dict[str, Any]]:
    groups = yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def test_the_promql_name_extractor_sees_metrics_and_nothing_else():
    expr = ('histogram_quantile(0.95, sum by (le, stage) (rate(a_seconds_bucket{stage=~"o.+"}'
            '[$__rate_interval]))) > 1e3 and on (stage) sum(b_total) by (stage) '
            "unless max(c:recorded offset 5m) / count without (x) (up)")
    assert promql_metric_names(expr) == {"a_seconds_bucket", "b_total", "c:recorded", "up"}


def test_the_code_defines_the_pipeline_metrics():
    assert {"cardstream_events_total", "cardstream_stage_duration_seconds_bucket",
            "cardstream_ocr_duration_seconds_bucket"} <= defined_series()


def test_every_metric_on_the_dashboard_exists_in_the_code():
    known = defined_series() | BUILTIN_SERIES
    used = {(p["title"], name) for p in dashboard_panels() for t in p.get("targets", [])
            for name in promql_metric_names(t["expr"])}
    assert len(used) > 20
    assert not sorted(u for u in used if u[1] not in known)


def test_every_metric_in_an_alert_exists_in_the_code():
    known = defined_series() | BUILTIN_SERIES
    used = {(r["alert"], name) for r in alert_rules() for name in promql_metric_names(r["expr"])}
    assert len(used) > 5
    assert not sorted(u for u in used if u[1] not in known)


# --- Grafana dashboard -----------------------------------------------------------------------
def test_the_dashboard_is_valid_with_unique_panel_ids_and_queries():
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] and dashboard["title"]
    panels = dashboard_panels()
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids)), "duplicate panel ids"
    for panel in panels:
        assert {"x", "y", "w", "h"} <= panel["gridPos"].keys()
        if panel["type"] == "row":
            continue
        refs = [t["refId"] for t in panel["targets"]]
        assert refs and len(refs) == len(set(refs)), panel["title"]
        assert all(t["expr"].strip() for t in panel["targets"]), panel["title"]


# --- Kafka-UI ------------------------------------------------------------------------------
def test_kafka_ui_is_the_maintained_image_with_a_serde_per_kind_of_topic(services):
    from schemas.events import (
        DeadLetter,
        Feedback,
        Flashcards,
        ModelVersion,
        RetrainRequest,
        Upload,
    )
    from schemas.events import Text as TextEvent
    from streams.settings import Settings
    from streams.topics import topic_specs

    ui = services["kafka-ui"]
    assert ui["image"].split(":")[0] in {"kafbat/kafka-ui", "ghcr.io/kafbat/kafka-ui"}
    env = env_of(ui)
    serdes: dict[str, dict[str, str]] = {}
    for key, value in env.items():
        match = re.fullmatch(r"KAFKA_CLUSTERS_0_SERDE_(\d+)_(\w+)", key)
        if match:
            serdes.setdefault(match[1], {})[match[2]] = value
    by_name = {s["NAME"]: s for s in serdes.values()}
    events = re.compile(by_name["SchemaRegistry"]["TOPICVALUESPATTERN"])
    topics = [s.name for s in topic_specs(Settings(partitions=4))]
    assert sorted(topics) == sorted(t.topic for t in (Upload, TextEvent, Flashcards, Feedback,
                                                       RetrainRequest, ModelVersion, DeadLetter))
    for topic in topics:  # every event topic decoded through the registry ...
        assert events.fullmatch(topic), topic
    changelogs = re.compile(by_name["String"]["TOPICVALUESPATTERN"])
    for changelog in ("cardstream-feedback-stats-changelog",
                      "cardstream-feedback-offsets-changelog"):
        assert changelogs.fullmatch(changelog) and not events.fullmatch(changelog)
    # ... and the registry itself is the one compose runs
    assert urlparse(env["KAFKA_CLUSTERS_0_SCHEMAREGISTRY"]).hostname == "schema-registry"
