"""Aliases and rollout tags on a real MLflow registry (sqlite in tmp_path), and the gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrainer import registry
from retrainer.config import GateConfig
from retrainer.exceptions import RegistryError
from retrainer.gate import judge

NAME = "scorer-under-test"


@pytest.fixture
def client(tmp_path: Path):
    return registry.client_for(f"sqlite:///{tmp_path}/mlflow.db")


@pytest.fixture
def new_version(client, scorer_version):
    return lambda val_mse: scorer_version(client, NAME, val_mse)


def aliases(client) -> dict[str, str]:
    rows = registry.list_versions(client, NAME)
    return {row["version"]: ",".join(row["aliases"]) for row in rows}


def test_promote_and_rollback_move_aliases(client, new_version):
    assert registry.list_versions(client, NAME) == []
    v1 = new_version(0.10)
    registry.announce(client, NAME, v1, 10)
    assert aliases(client) == {"1": "challenger"}
    assert registry.promote(client, NAME, v1) is None
    assert aliases(client) == {"1": "champion"}

    v2 = new_version(0.08)
    registry.announce(client, NAME, v2, 10)
    registry.set_rollout_tag(client, NAME, v2, 50, "rollout")
    rows = {row["version"]: row for row in registry.list_versions(client, NAME)}
    assert rows["2"]["tags"]["rollout_percent"] == "50"
    assert rows["2"]["metrics"] == {"val_mse": 0.08}  # only validation metrics are listed
    assert rows["2"]["run_id"] and rows["2"]["source"].endswith("/scorer")
    assert registry.promote(client, NAME, v2) == "1"
    assert aliases(client) == {"2": "champion", "1": ""}
    rows = {row["version"]: row for row in registry.list_versions(client, NAME)}
    assert rows["1"]["tags"]["rollout_state"] == "retired"

    # a champion rolled back gives the alias back to the one it replaced
    assert registry.rollback(client, NAME, v2, "live ratings fell") == "1"
    assert aliases(client) == {"2": "", "1": "champion"}
    rows = {row["version"]: row for row in registry.list_versions(client, NAME)}
    assert rows["2"]["tags"]["rollout_state"] == "rolled_back"
    assert rows["2"]["tags"]["rollback_reason"] == "live ratings fell"

    # a challenger rolled back only loses its alias
    v3 = new_version(0.2)
    registry.announce(client, NAME, v3, 10)
    assert registry.rollback(client, NAME, v3) == "1"
    assert aliases(client) == {"3": "", "2": "", "1": "champion"}


def test_a_new_challenger_supersedes_the_one_in_rollout(client, new_version):
    v1, v2 = new_version(0.1), new_version(0.1)
    registry.announce(client, NAME, v1, 10)
    registry.announce(client, NAME, v2, 10)
    rows = {row["version"]: row for row in registry.list_versions(client, NAME)}
    assert rows["2"]["aliases"] == ["challenger"] and rows["1"]["aliases"] == []
    assert rows["1"]["tags"]["rollout_state"] == "superseded"
    with pytest.raises(ValueError):
        registry.set_rollout_tag(client, NAME, v2, 150, "rollout")


def test_registry_errors_are_translated(client):
    with pytest.raises(RegistryError, match="tag"):
        registry.set_rollout_tag(client, "no-such-model", "1", 10, "rollout")
    assert registry.alias_version(client, "no-such-model", "champion") is None


@pytest.mark.parametrize(
    ("mse", "selected", "blessed", "why"),
    [
        (0.090, 4.0, True, "beats"),
        (0.0995, 4.0, False, "MSE"),  # lower, but by less than the 1 % margin
        (0.080, 3.85, False, "selected-card rating"),  # better MSE, worse cards for users
        (0.080, 3.92, True, "beats"),  # within the 0.1-star tolerance
    ],
)
def test_gate(mse: float, selected: float, blessed: bool, why: str):
    reference = {"mse": 0.1, "selected_rating": 4.0}
    challenger = {"mse": mse, "selected_rating": selected}
    verdict = judge(challenger, reference, GateConfig(), "champion 1")
    assert verdict.blessed is blessed
    assert why in verdict.reason and "champion 1" in verdict.reason


def test_rollout_events_move_the_registry_and_leave_an_audit_record(client, new_version):
    """The shipped path: the policy decides, its event is what the retrainer records."""
    from agents.rollout import RolloutPolicy
    from schemas.events import ModelVersion

    v1, v2 = new_version(0.1), new_version(0.09)
    registry.promote(client, NAME, v1)
    registry.announce(client, NAME, v2, 10)
    policy = RolloutPolicy(champion=v1, min_samples=5, name=NAME)
    policy.apply(ModelVersion(name=NAME, version=v2, uri="", action="announced",
                              rollout_percent=10))
    events = []
    while policy.challenger is not None:
        for i in range(5):
            policy.observe(v1, 0.5 + 0.01 * i)
            policy.observe(v2, 0.7 + 0.01 * i)
        event = policy.decide()
        assert event is not None
        registry.record(client, event)
        events.append(event)
    assert [(e.action, e.rollout_percent) for e in events] == [("rollout", 50), ("promoted", 100)]
    assert events[-1].alias == "champion" and events[-1].actor == "rollout"
    assert registry.alias_version(client, NAME, registry.CHAMPION) == v2
    tags = client.get_model_version(NAME, v2).tags
    audits = sorted(k for k in tags if k.startswith("audit."))
    assert [k.rsplit(".", 1)[1] for k in audits] == ["rollout", "promoted"]
    assert "by rollout" in tags[audits[-1]]

    v3 = new_version(0.2)
    registry.announce(client, NAME, v3, 10)
    policy.apply(ModelVersion(name=NAME, version=v3, uri="", action="announced",
                              rollout_percent=10))
    for _ in range(5):
        policy.observe(v2, 0.8)
        policy.observe(v3, 0.2)
    event = policy.decide()
    assert event is not None
    registry.record(client, event)
    assert (event.action, event.alias, event.rollout_percent) == ("rolled_back", None, 0)
    assert registry.alias_version(client, NAME, registry.CHALLENGER) is None
    assert registry.alias_version(client, NAME, registry.CHAMPION) == v2

    # a champion rolled back by hand: the policy names who serves next, the registry follows
    manual = policy.rollback_event(v2, actor="cli:test")
    assert manual.champion == v1
    policy.apply(manual)
    registry.record(client, manual)
    assert policy.champion == v1 == registry.alias_version(client, NAME, registry.CHAMPION)
