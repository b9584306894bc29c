"""Model state: the one owner of every transition of the quality scorer's rollout. Pure logic.

Events in, decisions out. ``RolloutPolicy.apply`` is the only place a ``model-versions`` event
changes who serves (announce, step, promote, roll back) or answers a training request; every
process that needs the state (each worker, ``cardstream models``, the tests) replays the topic
through it, so after a restart they all agree. The decisions this module makes itself are
turned into events by one mapping (``ACTION_OF``, in ``event_for``) and applied through
``apply`` too: the path the tests drive is the path that ships.

Routing is deterministic: an upload's bucket is a stable hash of its id (0..99) and a challenger
at p % serves the uploads whose bucket is below p. Raising p only adds buckets, so an upload that
saw the challenger at 10 % still sees it at 50 %.

Decision rule, per step (the counters restart after every transition):

* nothing is decided until both the champion and the challenger have ``min_samples`` live
  qualities (0..1, internal: a 1-5 star rating r is (r - 1) / 4) since the last step;
* **rollback** when the challenger's mean is below the champion's by more than ``margin``
  (point estimate: a bad challenger is pulled as soon as it looks bad, no proof required);
* **advance** when a one-sided non-inferiority test passes: the lower 95 % confidence bound of
  ``challenger mean - champion mean`` (normal approximation, Welch standard error) is at least
  ``-margin``. Advancing from the last step promotes the challenger to champion;
* otherwise wait for more feedback; after ``max_samples`` challenger samples in one step
  without a verdict the challenger is rolled back (an inconclusive challenger is not kept
  serving a share of users forever).

Requiring proof to advance but not to roll back is what keeps a deliberately worse challenger
from reaching 100 %: it must pass the test at every step, and one bad look ends it.

Training requests and their answers are matched by request id (``answered``), never by
comparing clocks of different hosts.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from schemas.events import ModelVersion

MODEL_NAME = "cardstream-quality-scorer"  # the registered model every process talks about
CHAMPION = "champion"  # registry alias of the version serving by default
CHALLENGER = "challenger"  # registry alias of the version in rollout
BASELINE = "baseline"  # the champion before any learned model: the heuristic scorer
Z_ONE_SIDED_95 = 1.645
ANSWERS_KEPT = 200  # request ids remembered as answered (one training at a time: plenty)

# the events that change who serves
ROUTING_ACTIONS = ("announced", "rollout", "promoted", "rolled_back")
# what a training request can end in; "announced" is the only one that changes who serves
TRAINING_ANSWERS = ("announced", "rejected", "failed", "insufficient_data")
# the one mapping from a decision of this module to the event that carries it
ACTION_OF = {"advance": "rollout", "promote": "promoted", "rollback": "rolled_back"}


class RolloutError(ValueError):
    """A requested transition that the current state cannot honour."""


def bucket(upload_id: str) -> int:
    """A stable 0..99 bucket for an upload (sha256, so it is the same in every process)."""
    digest = hashlib.sha256(upload_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100


def uri_of(version: str, name: str = MODEL_NAME) -> str:
    return f"models:/{name}/{version}"


@dataclass
class Tally:
    """Running count, sum and sum of squares of live qualities for one version."""

    n: int = 0
    total: float = 0.0
    squares: float = 0.0

    def add(self, quality: float) -> None:
        self.n += 1
        self.total += quality
        self.squares += quality * quality

    @property
    def mean(self) -> float:
        return self.total / self.n if self.n else 0.0

    @property
    def variance(self) -> float:
        if self.n < 2:
            return 0.0
        return max(0.0, (self.squares - self.n * self.mean**2) / (self.n - 1))


@dataclass(frozen=True)
class Decision:
    """What the live evidence says; ``event_for`` turns it into the event that carries it."""

    action: Literal["advance", "promote", "rollback"]
    version: str
    from_percent: int
    to_percent: int
    reason: str
    champion_mean: float
    challenger_mean: float
    champion_n: int
    challenger_n: int


@dataclass
class RolloutPolicy:
    steps: tuple[int, ...] = (10, 50, 100)
    min_samples: int = 30
    margin: float = 0.05
    max_samples: int = 1000
    champion: str = BASELINE
    challenger: str | None = None
    percent: int = 0
    tallies: dict[str, Tally] = field(default_factory=dict)
    # version -> the champion it replaced, so rolling back a champion restores that one
    previous: dict[str, str] = field(default_factory=dict)
    answered: list[str] = field(default_factory=list)  # training request ids, oldest first
    name: str = MODEL_NAME

    def __post_init__(self) -> None:
        self.steps = tuple(self.steps)
        if not self.steps or list(self.steps) != sorted(set(self.steps)) or self.steps[-1] != 100:
            raise ValueError(f"steps must rise strictly and end at 100, got {self.steps}")
        if self.steps[0] <= 0 or self.min_samples < 2 or self.margin < 0:
            raise ValueError("steps must be positive, min_samples >= 2 and margin >= 0")

    # --- reading ------------------------------------------------------------------------
    def route(self, upload_id: str) -> str:
        if self.challenger is not None and bucket(upload_id) < self.percent:
            return self.challenger
        return self.champion

    def role(self, version: str) -> str | None:
        if version == self.champion:
            return CHAMPION
        if version == self.challenger:
            return CHALLENGER
        return None

    def share(self, version: str) -> int:
        """Percent of uploads ``version`` serves."""
        if version == self.challenger:
            return self.percent
        return 100 - self.percent if version == self.champion else 0

    def is_answered(self, request_id: str) -> bool:
        return request_id in self.answered

    # --- the transitions: every model-versions event goes through here ------------------
    def apply(self, event: ModelVersion) -> bool:
        """Apply one event; True when who serves changed. Idempotent: replaying the topic, or
        hearing our own decision back, changes nothing."""
        if event.request_id and event.action in TRAINING_ANSWERS \
                and event.request_id not in self.answered:
            self.answered = [*self.answered, event.request_id][-ANSWERS_KEPT:]
        version, before = event.version, (self.champion, self.challenger, self.percent)
        if event.action == "announced" and version not in (self.champion, self.challenger):
            # a new challenger starts at the first step; it replaces any challenger in flight
            self.challenger = version
            self.percent = event.rollout_percent or self.steps[0]
        elif event.action == "rollout" and version == self.challenger:
            self.percent = event.rollout_percent
        elif event.action == "promoted" and version != self.champion:
            self.previous[version] = self.champion
            self.champion = version
            if self.challenger == version:
                self.challenger, self.percent = None, 0
        elif event.action == "rolled_back":
            if version == self.challenger:
                self.challenger, self.percent = None, 0
            elif version == self.champion:
                self.champion = event.champion or self.previous.get(version, BASELINE)
        changed = (self.champion, self.challenger, self.percent) != before
        if changed:
            self.tallies = {}  # each step is judged on its own evidence
        return changed

    # --- live evidence ------------------------------------------------------------------
    def observe(self, version: str | None, quality: float) -> None:
        """Live feedback (0..1) for the version that made the card; others are ignored."""
        if not 0.0 <= quality <= 1.0 or math.isnan(quality):
            raise ValueError(f"quality must be within 0..1, got {quality}")
        version = version or BASELINE
        if version in (self.champion, self.challenger):
            self.tallies.setdefault(version, Tally()).add(quality)

    def evaluate(self) -> Decision | None:
        """What the evidence allows, without applying it."""
        if self.challenger is None:
            return None
        champ = self.tallies.get(self.champion, Tally())
        chall = self.tallies.get(self.challenger, Tally())
        if champ.n < self.min_samples or chall.n < self.min_samples:
            return None
        diff = chall.mean - champ.mean
        stderr = math.sqrt(chall.variance / chall.n + champ.variance / champ.n)
        lower = diff - Z_ONE_SIDED_95 * stderr
        stats = (
            f"challenger {1 + 4 * chall.mean:.2f} stars (n={chall.n}) vs champion "
            f"{1 + 4 * champ.mean:.2f} stars (n={champ.n})"
        )
        if diff < -self.margin:
            reason = f"worse by more than {self.margin} quality: {stats}"
            return self._decision("rollback", reason, champ, chall)
        if lower >= -self.margin:
            reason = (f"non-inferior within {self.margin} quality "
                      f"(lower bound {lower:+.3f}): {stats}")
            return self._decision("advance", reason, champ, chall)
        if chall.n >= self.max_samples:
            return self._decision("rollback", f"inconclusive after {chall.n}: {stats}", champ,
                                  chall)
        return None

    def decide(self, actor: str = "rollout") -> ModelVersion | None:
        """Advance, promote or roll back when the evidence allows: the event to publish,
        already applied here through ``apply``."""
        decision = self.evaluate()
        if decision is None:
            return None
        event = self.event_for(decision, actor)
        self.apply(event)
        return event

    def _decision(self, action: Literal["advance", "rollback"], reason: str, champ: Tally,
                  chall: Tally) -> Decision:
        assert self.challenger is not None
        to: int = 0
        final: Literal["advance", "promote", "rollback"] = action
        if action == "advance":
            to = next(step for step in self.steps if step > self.percent)
            # at 100 % the champion serves nobody and there is nothing left to compare
            # against live, so reaching the last step is the promotion
            final = "promote" if to >= 100 else "advance"
        return Decision(final, self.challenger, self.percent, to, reason, champ.mean,
                        chall.mean, champ.n, chall.n)

    def event_for(self, decision: Decision, actor: str) -> ModelVersion:
        """The one mapping from a decision to the event that carries it."""
        action = ACTION_OF[decision.action]
        champion = decision.version if decision.action == "promote" else self.champion
        alias = {"advance": CHALLENGER, "promote": CHAMPION, "rollback": None}[decision.action]
        return ModelVersion(
            name=self.name, version=decision.version, uri=uri_of(decision.version, self.name),
            action=action, alias=alias, rollout_percent=decision.to_percent, champion=champion,
            actor=actor, reason=decision.reason,
            metrics={"live_challenger_mean": decision.challenger_mean,
                     "live_champion_mean": decision.champion_mean,
                     "live_challenger_n": float(decision.challenger_n),
                     "live_champion_n": float(decision.champion_n)},
        )

    # --- requests made by hand ----------------------------------------------------------
    def promote_event(self, version: str, actor: str, reason: str = "") -> ModelVersion:
        if version == self.champion:
            raise RolloutError(f"v{version} is already the champion")
        return ModelVersion(name=self.name, version=version, uri=uri_of(version, self.name),
                            action="promoted", alias=CHAMPION, rollout_percent=100,
                            champion=version, actor=actor, reason=reason or "promoted by hand")

    def rollback_event(self, version: str | None, actor: str, reason: str = "") -> ModelVersion:
        """Withdraw ``version`` (default: the challenger, else the champion). A champion is
        replaced by the one it replaced (the heuristic when none)."""
        version = version or self.challenger or \
            (self.champion if self.champion != BASELINE else None)
        if version is None or version == BASELINE:
            raise RolloutError("nothing to roll back: no challenger and the heuristic is champion")
        if version not in (self.champion, self.challenger):
            raise RolloutError(f"v{version} is not serving (champion {self.champion}, "
                               f"challenger {self.challenger or 'none'})")
        champion = self.champion if version != self.champion \
            else self.previous.get(version, BASELINE)
        return ModelVersion(name=self.name, version=version, uri=uri_of(version, self.name),
                            action="rolled_back", rollout_percent=0, champion=champion,
                            actor=actor, reason=reason or "rolled back by hand")

    # --- persistence --------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["steps"] = list(self.steps)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RolloutPolicy:
        data = dict(data)
        data["steps"] = tuple(data.get("steps", (10, 50, 100)))
        data["tallies"] = {k: Tally(**v) for k, v in data.get("tallies", {}).items()}
        return cls(**data)
