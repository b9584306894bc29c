"""The Grafana dashboard as the tests read it: one owner for its path and its panel walk, shared
by the static checks (test_deploy) and the live ones (integration/test_prometheus)."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import REPO

DASHBOARD = REPO / "deploy" / "grafana" / "dashboards" / "cardstream.json"


def dashboard_panels() -> list[dict[str, Any]]:
    dashboard = json.loads(DASHBOARD.read_text())
    panels = []
    for panel in dashboard["panels"]:
        panels.append(panel)
        panels.extend(panel.get("panels", []))  # inside collapsed rows
    return panels
