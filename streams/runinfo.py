"""Where a running stack is: ``cardstream up`` writes it, the other verbs read it."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from streams.exceptions import ConfigError

RUN_FILE = "cardstream.json"


@dataclass
class RunInfo:
    bootstrap: str
    embedded: bool
    tracking_uri: str
    blob_dir: str
    metrics: dict[str, str] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)

    def write(self, run_dir: Path) -> Path:
        run_dir.mkdir(parents=True, exist_ok=True)
        path = run_dir / RUN_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2))
        os.replace(tmp, path)
        return path

    @classmethod
    def read(cls, run_dir: Path) -> RunInfo:
        path = run_dir / RUN_FILE
        try:
            return cls(**json.loads(path.read_text()))
        except FileNotFoundError:
            raise ConfigError(
                f"no running stack found ({path} missing): start one with `cardstream up`, "
                "or set KAFKA_BOOTSTRAP_SERVERS"
            ) from None
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"{path} is unreadable: {exc}") from exc

    @staticmethod
    def clear(run_dir: Path) -> None:
        (run_dir / RUN_FILE).unlink(missing_ok=True)
