"""The rollout policy on synthetic live feedback: pure logic, no broker, no registry."""

from __future__ import annotations

import json
import random

import pytest

from agents.rollout import BASELINE, RolloutError, RolloutPolicy, bucket
from schemas.events import ModelVersion


def announce(policy: RolloutPolicy, version: str, **extra) -> None:  # type: ignore[no-untyped-def]
    policy.apply(ModelVersion(name=policy.name, version=version, uri="", action="announced",
                              **extra))


def feed(policy: RolloutPolicy, rng: random.Random, means: dict[str, float], uploads: int) -> None:
    """Route uploads and rate what each version made: qualities drawn around a version's mean."""
    for i in range(uploads):
        version = policy.route(f"upload-{rng.random()}-{i}")
        rating = min(5, max(1, round(rng.gauss(1 + 4 * means[version], 0.8))))
        policy.observe(version, (rating - 1) / 4)


def run_until_decision(policy: RolloutPolicy, rng: random.Random, means: dict[str, float]):
    for _ in range(200):
        feed(policy, rng, means, 20)
        event = policy.decide()
        if event is not None:
            return event
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
    announce(policy, "2")
    at_10 = {u for u in (f"u{i}" for i in range(1000)) if policy.route(u) == "2"}
    policy.apply(ModelVersion(name=policy.name, version="2", uri="", action="rollout",
                              rollout_percent=50))
    at_50 = {u for u in (f"u{i}" for i in range(1000)) if policy.route(u) == "2"}
    assert at_10 < at_50
    assert all(bucket(u) < 10 for u in at_10)


def test_good_challenger_advances_10_50_100():
    rng = random.Random(0)
    policy = RolloutPolicy(min_samples=30)
    announce(policy, "1")
    means = {BASELINE: 0.5, "1": 0.7}
    first = run_until_decision(policy, rng, means)
    assert (first.action, first.rollout_percent, first.alias) == ("rollout", 50, "challenger")
    assert policy.percent == 50
    second = run_until_decision(policy, rng, means)
    assert (second.action, second.rollout_percent, second.alias) == ("promoted", 100, "champion")
    assert second.champion == "1" and second.actor == "rollout" and "stars" in second.reason
    assert policy.champion == "1" and policy.challenger is None
    assert policy.route("u1") == "1"


def test_bad_challenger_rolls_back():
    rng = random.Random(1)
    policy = RolloutPolicy(champion="3")
    announce(policy, "4")
    decision = run_until_decision(policy, rng, {"3": 0.7, "4": 0.4})
    assert decision.action == "rolled_back" and decision.version == "4"
    assert decision.champion == "3" and decision.alias is None
    assert policy.challenger is None and policy.champion == "3" and policy.percent == 0


@pytest.mark.parametrize("seed", range(20))
def test_worse_challenger_never_reaches_100(seed):
    rng = random.Random(seed)
    policy = RolloutPolicy(champion="1", min_samples=30, margin=0.05)
    announce(policy, "2")
    # worse by 0.1 on the 0..1 scale (0.4 stars): twice the margin
    means = {"1": 0.65, "2": 0.55}
    while policy.challenger is not None:
        decision = run_until_decision(policy, rng, means)
        assert decision.action != "promoted"
    assert policy.champion == "1"


def test_counters_reset_after_each_decision_and_state_round_trips():
    rng = random.Random(2)
    policy = RolloutPolicy()
    announce(policy, "1")
    run_until_decision(policy, rng, {BASELINE: 0.5, "1": 0.7})
    assert policy.tallies == {}
    feed(policy, rng, {BASELINE: 0.5, "1": 0.7}, 50)
    restored = RolloutPolicy.from_dict(json.loads(json.dumps(policy.to_dict())))
    assert restored == policy
    assert restored.evaluate() == policy.evaluate()


def test_feedback_for_other_versions_is_ignored_and_range_checked():
    policy = RolloutPolicy(champion="1")
    announce(policy, "2")
    policy.observe("old", 1.0)
    assert "old" not in policy.tallies
    with pytest.raises(ValueError):
        policy.observe("2", 1.5)
    with pytest.raises(ValueError):
        RolloutPolicy(steps=(50, 10, 100))


def test_new_announcement_replaces_challenger_in_flight():
    policy = RolloutPolicy(champion="1")
    announce(policy, "2")
    policy.apply(ModelVersion(name=policy.name, version="2", uri="", action="rollout",
                              rollout_percent=50))
    policy.observe("2", 1.0)
    announce(policy, "3")
    assert (policy.challenger, policy.percent, policy.tallies) == ("3", 10, {})


def replay(events: list[ModelVersion]) -> RolloutPolicy:
    policy = RolloutPolicy()
    for event in events:
        policy.apply(event)
    return policy


def test_every_transition_replays_to_the_same_state_and_is_idempotent():
    """A restart replays the topic: the state after it is the state before, and hearing an
    event twice (our own decision coming back) changes nothing."""
    policy, events = RolloutPolicy(min_samples=5), []

    def publish(event: ModelVersion | None) -> None:
        assert event is not None
        events.append(event)
        policy.apply(event)

    publish(ModelVersion(name=policy.name, version="1", uri="", action="announced",
                         rollout_percent=10, request_id="r1"))
    while policy.challenger is not None:
        for _ in range(5):
            policy.observe(BASELINE, 0.5)
            policy.observe("1", 0.75)
        event = policy.decide()
        if event is not None:
            events.append(event)
    publish(ModelVersion(name=policy.name, version="2", uri="", action="announced",
                         rollout_percent=10, request_id="r2"))
    publish(policy.promote_event("2", actor="cli:me"))  # by hand, before its rollout ended
    publish(policy.rollback_event(None, actor="cli:me"))  # the champion 2: back to 1
    publish(ModelVersion(name=policy.name, version="-", uri="", action="rejected",
                         request_id="r3"))
    assert (policy.champion, policy.challenger, policy.percent) == ("1", None, 0)
    assert policy.is_answered("r1") and policy.is_answered("r3") and not policy.is_answered("r4")
    again = replay(events + events)
    assert (again.champion, again.challenger, again.percent, again.answered) == \
        (policy.champion, policy.challenger, policy.percent, policy.answered)


def test_requests_by_hand_that_cannot_be_honoured_are_refused():
    policy = RolloutPolicy()
    with pytest.raises(RolloutError, match="nothing to roll back"):
        policy.rollback_event(None, actor="cli:me")
    announce(policy, "2")
    with pytest.raises(RolloutError, match="not serving"):
        policy.rollback_event("7", actor="cli:me")
    event = policy.rollback_event(None, actor="cli:me")
    assert (event.version, event.champion) == ("2", BASELINE)
    policy.apply(policy.promote_event("2", actor="cli:me"))
    with pytest.raises(RolloutError, match="already the champion"):
        policy.promote_event("2", actor="cli:me")
