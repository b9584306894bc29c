"""Staged rollout of a challenger scorer against the champion, from live feedback. Pure logic.

Routing is deterministic: an upload's bucket is a stable hash of its id (0..99) and a challenger
at p % serves the uploads whose bucket is below p. Raising p only adds buckets, so an upload that
saw the challenger at 10 % still sees it at 50 %.

Decision rule, per step (the counters restart after every decision):

* nothing is decided until both the champion and the challenger have ``min_samples`` live
  qualities (0..1) since the last step;
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
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BASELINE = "baseline"  # the champion before any learned model: the heuristic scorer
Z_ONE_SIDED_95 = 1.645


def bucket(upload_id: str) -> int:
    """A stable 0..99 bucket for an upload (sha256, so it is the same in every process)."""
    digest = hashlib.sha256(upload_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100


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
    """What the policy decided; the caller moves registry aliases and announces it."""

    action: Literal["advance", "promote", "rollback"]
    version: str
    from_percent: int
    to_percent: int
    champion: str
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

    def __post_init__(self) -> None:
        self.steps = tuple(self.steps)
        if not self.steps or list(self.steps) != sorted(set(self.steps)) or self.steps[-1] != 100:
            raise ValueError(f"steps must rise strictly and end at 100, got {self.steps}")
        if self.steps[0] <= 0 or self.min_samples < 2 or self.margin < 0:
            raise ValueError("steps must be positive, min_samples >= 2 and margin >= 0")

    def on_announced(self, version: str) -> None:
        """A new challenger starts at the first step; it replaces any challenger in flight."""
        if version == self.champion:
            return
        self.challenger = version
        self.percent = self.steps[0]
        self._reset()

    def route(self, upload_id: str) -> str:
        if self.challenger is not None and bucket(upload_id) < self.percent:
            return self.challenger
        return self.champion

    def observe(self, version: str | None, quality: float) -> None:
        """Live feedback for the version that made the card; other versions are ignored."""
        if not 0.0 <= quality <= 1.0 or math.isnan(quality):
            raise ValueError(f"quality must be within 0..1, got {quality}")
        version = version or BASELINE
        if version in (self.champion, self.challenger):
            self.tallies.setdefault(version, Tally()).add(quality)

    def decide(self) -> Decision | None:
        """Advance, promote or roll back when the evidence allows; the decision is applied."""
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
            f"challenger {chall.mean:.3f} (n={chall.n}) vs champion {champ.mean:.3f} (n={champ.n})"
        )
        if diff < -self.margin:
            reason = f"worse by more than {self.margin}: {stats}"
            return self._apply("rollback", reason, champ, chall)
        if lower >= -self.margin:
            reason = f"non-inferior within {self.margin} (lower bound {lower:+.3f}): {stats}"
            return self._apply("advance", reason, champ, chall)
        if chall.n >= self.max_samples:
            return self._apply("rollback", f"inconclusive after {chall.n}: {stats}", champ, chall)
        return None

    def _apply(self, action: Literal["advance", "promote", "rollback"], reason: str,
               champ: Tally, chall: Tally) -> Decision:
        assert self.challenger is not None
        version, before = self.challenger, self.percent
        if action == "advance":
            self.percent = next(step for step in self.steps if step > self.percent)
            if self.percent >= 100:
                # at 100 % the champion serves nobody and there is nothing left to compare
                # against live, so reaching the last step is the promotion
                action = "promote"
        if action == "promote":
            self.champion, self.challenger, self.percent = version, None, 0
        elif action == "rollback":
            self.challenger, self.percent = None, 0
        decision = Decision(
            action=action, version=version, from_percent=before,
            to_percent=100 if action == "promote" else self.percent, champion=self.champion,
            reason=reason, champion_mean=champ.mean, challenger_mean=chall.mean,
            champion_n=champ.n, challenger_n=chall.n,
        )
        self._reset()
        return decision

    def _reset(self) -> None:
        self.tallies = {}

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
