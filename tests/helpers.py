"""What the page tests and the report tests share: opening a page, reading what it shows."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def open_page(page: str) -> AppTest:
    """The dashboard run through its entry script, switched to ``page``."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def plain(value):  # noqa: ANN001, ANN201 - any part of a plotly figure's JSON
    """Plotly 7 sends numeric arrays as typed base64 buffers: back to plain lists."""
    if isinstance(value, dict) and {"dtype", "bdata"} <= set(value):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def figures(at: AppTest) -> dict[str, dict]:
    """The page's plotly charts by their titles."""
    specs = [plain(json.loads(c.proto.spec)) for c in at.get("plotly_chart")]
    return {spec["layout"]["title"]["text"]: spec for spec in specs}


def shown_text(at: AppTest) -> str:
    """The page's text as a person reads it (markdown escapes removed)."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "success", "error", "subheader")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts).replace("\\", "")
