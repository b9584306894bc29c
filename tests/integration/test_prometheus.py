"""The real Prometheus server scrapes the running worker and sees the pipeline's counters."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
import yaml

from schemas.events import UploadOptions
from streams.ports import free_port
from tests.dashboard import dashboard_panels

pytestmark = pytest.mark.integration

WAIT = 240.0
SERIES_WAIT = 60.0
# panels that must show data once one text upload went through: their label matchers and
# label names agree with what the worker really exports
PANELS_WITH_DATA = ("Uploads/s by status", "Events/s by stage", "Stage latency p50 / p95",
                    "Upload to cards p50 / p95", "Cards/s by type")


class Prometheus:
    def __init__(self, url: str, process: subprocess.Popen[bytes], log: Path) -> None:
        self.url = url
        self.process = process
        self.log = log

    def query(self, expr: str) -> list[dict]:  # type: ignore[type-arg]
        response = httpx.get(f"{self.url}/api/v1/query", params={"query": expr}, timeout=5)
        response.raise_for_status()
        body = response.json()
        assert body["status"] == "success", body
        return body["data"]["result"]  # type: ignore[no-any-return]


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"prometheus exited with {process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/-/ready", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"prometheus was not ready within {timeout:.0f} s:\n{log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def prometheus(stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prometheus]:
    binary = shutil.which("prometheus")
    if binary is None:
        pytest.skip("the prometheus server is not installed (apt-get install prometheus, "
                    "or deploy/install-system.sh)")
    folder = tmp_path_factory.mktemp("prometheus")
    config = folder / "prometheus.yml"
    jobs = []
    for name, url in sorted(stack.info.metrics.items()):  # the worker and the retrainer
        where = urlparse(url)
        jobs.append({"job_name": f"cardstream-{name}", "metrics_path": where.path or "/metrics",
                     "static_configs": [{"targets": [where.netloc]}]})
    config.write_text(yaml.safe_dump({
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "scrape_configs": jobs,
    }))
    port = free_port()
    log = folder / "prometheus.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, f"--config.file={config}", f"--storage.tsdb.path={folder / 'data'}",
             f"--web.listen-address=127.0.0.1:{port}"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, process, log, 30)
        yield Prometheus(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def upload_one(client) -> None:  # type: ignore[no-untyped-def]
    text = ("The mitochondrion is the organelle that produces most of the cell's ATP through "
            "cellular respiration. Its inner membrane is folded into cristae, which increase the "
            "surface area available for the electron transport chain.")
    with client.watcher() as watch:
        upload = client.upload_text(text, UploadOptions(num_cards=2))
        outcome = watch.wait([upload.upload_id], WAIT)[upload.upload_id]
    assert outcome.status == "ok", outcome.error


def grafana(expr: str) -> str:
    """A panel's expression as Grafana sends it, with every instance selected."""
    return (expr.replace("$__rate_interval", "2m").replace("$__range", "10m")
            .replace("$instance", ".*"))


def has_data(result: list[dict]) -> bool:  # type: ignore[type-arg]
    return any(s["value"][1] != "NaN" for s in result)


def test_prometheus_scrapes_the_worker_and_sees_events_of_an_upload(prometheus, client):
    upload_one(client)

    # the worker counted the upload before it produced the cards we just saw; wait for a scrape
    wanted = {("ocr", "ok"), ("generate", "ok")}
    deadline = time.monotonic() + SERIES_WAIT
    seen: dict[tuple[str, str], float] = {}
    while time.monotonic() < deadline:
        series = prometheus.query("cardstream_events_total")
        seen = {(s["metric"]["stage"], s["metric"]["status"]): float(s["value"][1])
                for s in series}
        if all(seen.get(key, 0) >= 1 for key in wanted):
            break
        time.sleep(0.5)
    assert all(seen.get(key, 0) >= 1 for key in wanted), (
        f"after {SERIES_WAIT:.0f} s Prometheus has {seen}; log:\n"
        f"{prometheus.log.read_text()[-2000:]}"
    )
    sample = prometheus.query('cardstream_events_total{stage="ocr",status="ok"}')[0]["metric"]
    assert sample["job"] == "cardstream-worker"
    # a target not scraped yet is "unknown" (seen at load 20): wait for its first scrape
    deadline = time.monotonic() + SERIES_WAIT
    while True:
        targets = httpx.get(f"{prometheus.url}/api/v1/targets", timeout=5).json()
        health = [t["health"] for t in targets["data"]["activeTargets"]]
        if "unknown" not in health or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert health == ["up", "up"]


def test_the_dashboards_pipeline_panels_show_an_upload(prometheus, client):
    # A labelled series is born at its first event, so Prometheus's first sample of it already
    # counts that event and rate() cannot see it: the series must exist before the upload we
    # measure. One upload (and a scrape) first, then the one the panels must show.
    upload_one(client)
    deadline = time.monotonic() + SERIES_WAIT
    while not prometheus.query('cardstream_cards_total') and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(2)  # two more scrapes at 1 s
    upload_one(client)

    panels = {p["title"]: p for p in dashboard_panels()}
    deadline = time.monotonic() + SERIES_WAIT
    for title in PANELS_WITH_DATA:
        for target in panels[title]["targets"]:
            expr = grafana(target["expr"])
            while not has_data(result := prometheus.query(expr)) and time.monotonic() < deadline:
                time.sleep(0.5)
            assert has_data(result), f"panel {title!r}: {expr} gives {result}"


def test_every_panel_of_the_dashboard_has_series_on_a_default_stack(prometheus, client):
    """The default stack (rule engine, no model, no ratings yet) after one upload: every
    expression of every panel returns series from the real Prometheus. Values may be NaN
    (a quantile of nothing yet, a mean of no ratings), but nothing is missing."""
    upload_one(client)
    deadline = time.monotonic() + SERIES_WAIT
    missing: dict[str, str] = {}
    for panel in dashboard_panels():
        for target in panel.get("targets", []):
            expr = grafana(target["expr"])
            while not (result := prometheus.query(expr)) and time.monotonic() < deadline:
                time.sleep(0.5)
            if not result:
                missing[f"{panel['title']} ({target['refId']})"] = expr
    assert not missing, f"panels without series: {missing}"
    # the generator's llm_* metrics describe the rule engine too
    served = prometheus.query('sum(llm_requests_total{status="ok"})')
    assert served and float(served[0]["value"][1]) >= 1
