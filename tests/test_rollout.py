"""The rollout policy on synthetic live feedback: pure logic, no broker, no registry."""

from __future__ import annotations

import json
import random

import pytest

from agents.rollout import BASELINE, RolloutPolicy, bucket


def feed(policy: RolloutPolicy, rng: random.Random, means: dict[str, float], uploads: int) -> None:
    """Route uploads and rate what each version made: qualities drawn around a version's mean."""
    for i in range(uploads):
        version = policy.route(f"upload-{rng.random()}-{i}")
        rating = min(5, max(1, round(rng.gauss(1 + 4 * means[version], 0.8))))
        policy.observe(version, (rating - 1) / 4)


def run_until_decision(policy: RolloutPolicy, rng: random.Random, means: dict[str, float]):
    for _ in range(200):
        feed(policy, rng, means, 20)
        decision = policy.decide()
        if decision is not None:
            return decision
    raise AssertionError("no decision after 4000 uploads")


def test_bucket_is_stable_and_spread():
    assert bucket("upload-1") == bucket("upload-1")
    buckets = [bucket(f"u{i}") for i in range(5000)]
    assert min(buckets) == 0 and max(buckets) == 99
    share_below_10 = sum(b < 10 for b in buckets) / len(buckets)
    assert 0.08 < share_below_10 < 0.12


def test_routing_follows_percent_and_is_monotone():
    policy = RolloutPolicy()
    assert policy.route("anything") == BASELINE
    policy.on_announced("2")
    at_10 = {u for u in (f"u{i}" for i in range(1000)) if policy.route(u) == "2"}
    policy.percent = 50
    at_50 = {u for u in (f"u{i}" for i in range(1000)) if policy.route(u) == "2"}
    assert at_10 < at_50
    assert all(bucket(u) < 10 for u in at_10)


def test_good_challenger_advances_10_50_100():
    rng = random.Random(0)
    policy = RolloutPolicy(min_samples=30)
    policy.on_announced("1")
    means = {BASELINE: 0.5, "1": 0.7}
    first = run_until_decision(policy, rng, means)
    assert (first.action, first.from_percent, first.to_percent) == ("advance", 10, 50)
    assert policy.percent == 50
    second = run_until_decision(policy, rng, means)
    assert (second.action, second.from_percent, second.to_percent) == ("promote", 50, 100)
    assert policy.champion == "1" and policy.challenger is None
    assert policy.route("u1") == "1"


def test_bad_challenger_rolls_back():
    rng = random.Random(1)
    policy = RolloutPolicy(champion="3")
    policy.on_announced("4")
    decision = run_until_decision(policy, rng, {"3": 0.7, "4": 0.4})
    assert decision.action == "rollback" and decision.version == "4"
    assert policy.challenger is None and policy.champion == "3" and policy.percent == 0


@pytest.mark.parametrize("seed", range(20))
def test_worse_challenger_never_reaches_100(seed):
    rng = random.Random(seed)
    policy = RolloutPolicy(champion="1", min_samples=30, margin=0.05)
    policy.on_announced("2")
    # worse by 0.1 on the 0..1 scale (0.4 stars): twice the margin
    means = {"1": 0.65, "2": 0.55}
    while policy.challenger is not None:
        decision = run_until_decision(policy, rng, means)
        assert decision.action != "promote"
    assert policy.champion == "1"


def test_counters_reset_after_each_decision_and_state_round_trips():
    rng = random.Random(2)
    policy = RolloutPolicy()
    policy.on_announced("1")
    run_until_decision(policy, rng, {BASELINE: 0.5, "1": 0.7})
    assert policy.tallies == {}
    feed(policy, rng, {BASELINE: 0.5, "1": 0.7}, 50)
    restored = RolloutPolicy.from_dict(json.loads(json.dumps(policy.to_dict())))
    assert restored == policy
    assert restored.decide() == policy.decide()


def test_feedback_for_other_versions_is_ignored_and_range_checked():
    policy = RolloutPolicy(champion="1")
    policy.on_announced("2")
    policy.observe("old", 1.0)
    assert "old" not in policy.tallies
    with pytest.raises(ValueError):
        policy.observe("2", 1.5)
    with pytest.raises(ValueError):
        RolloutPolicy(steps=(50, 10, 100))


def test_new_announcement_replaces_challenger_in_flight():
    policy = RolloutPolicy(champion="1")
    policy.on_announced("2")
    policy.percent = 50
    policy.observe("2", 1.0)
    policy.on_announced("3")
    assert (policy.challenger, policy.percent, policy.tallies) == ("3", 10, {})
