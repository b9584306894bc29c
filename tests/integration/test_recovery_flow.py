"""Every event fetched around a rebalance reaches an agent: none is thrown away unacknowledged
while the fetcher moves past it (streams.faust_app._position_before_resuming).

Two real Faust workers built as ours are (tests/integration/flow_app.py) share a topic on the
real Tansu. The first holds its first event while the second joins, so its agent's queue holds
events through the rebalance. Before the fix, the first worker's fetcher handed events over
between Faust's two flow resumes after the rebalance, the second resume emptied the queue, and
those events never reached anyone (these workers have no liveness watchdog to seek them back)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

EVENTS = 20  # over 2 partitions
WAIT = 90.0  # for each step; the whole test takes ~15 s when nothing is lost
APP = Path(__file__).with_name("flow_app.py")
REPO = Path(__file__).resolve().parents[2]


def handled(path: Path) -> set[tuple[int, int]]:
    if not path.exists():
        return set()
    lines = path.read_text().split("\n")[:-1]  # the last one may still be being written
    return {(int(p), int(o)) for p, o in (line.split() for line in lines)}


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, str(APP), *args], cwd=REPO, env=env,
                                stdout=out, stderr=subprocess.STDOUT)


def wait_for(done: object, what: str, processes: list[subprocess.Popen[bytes]],
             logs: list[Path]) -> None:
    deadline = time.monotonic() + WAIT
    while not done() and time.monotonic() < deadline:  # type: ignore[operator]
        for process, log in zip(processes, logs, strict=True):
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)
    assert done(), what  # type: ignore[operator]


def test_events_fetched_around_a_rebalance_all_reach_an_agent(tmp_path: Path) -> None:
    from confluent_kafka import Producer
    from confluent_kafka.admin import AdminClient, NewTopic

    from streams.broker import EmbeddedBroker

    tag = uuid.uuid4().hex[:8]
    topic, app_id, gate = f"flow-{tag}", f"flow-{tag}", tmp_path / "gate"
    outs = [tmp_path / "first.handled", tmp_path / "second.handled"]
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    with EmbeddedBroker(log_path=tmp_path / "tansu.log") as broker:
        config: dict[str, str | int | float | bool] = {"bootstrap.servers": broker.bootstrap}
        admin = AdminClient(config)  # held: its futures fail once it is collected
        for future in admin.create_topics([NewTopic(topic, 2, 1)]).values():
            future.result(30)
        producer = Producer(config)
        for n in range(EVENTS):
            producer.produce(topic, f"event {n}".encode(), partition=n % 2)
        producer.flush(30)
        processes: list[subprocess.Popen[bytes]] = []
        try:
            for n in range(2):
                processes.append(start([broker.bootstrap, topic, app_id,
                                        str(tmp_path / f"faust{n}"), str(outs[n]), str(gate)],
                                       logs[n]))
                # each holds its first event: the first one through the second one's joining
                wait_for(lambda n=n: handled(outs[n]), f"worker {n + 1} got no event",
                         processes, logs[: n + 1])

            def rejoined() -> bool:  # Faust logs this once the streams are positioned
                return logs[0].read_text(errors="replace").count("Worker ready") >= 2

            wait_for(rejoined, "the first worker did not finish its rebalance", processes, logs)
            gate.touch()
            wanted = {(n % 2, n // 2) for n in range(EVENTS)}
            deadline = time.monotonic() + WAIT
            while not wanted <= handled(outs[0]) | handled(outs[1]) \
                    and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)
        missing = wanted - handled(outs[0]) - handled(outs[1])
        assert not missing, (f"{len(missing)} of {EVENTS} events never reached an agent: "
                             f"{sorted(missing)}")
