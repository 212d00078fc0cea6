"""What the browser tests share: where Chromium is, skipping without it, opening a page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Screenshots go to a git-ignored folder; PARTNERSTWO_SCREENSHOTS=docs/screenshots renews the guide's pictures.
SHOTS = Path(os.environ.get("PARTNERSTWO_SCREENSHOTS", "").strip() or ROOT / "build" / "screenshots").resolve()
SHOTS.mkdir(parents=True, exist_ok=True)
SESSION_TTL = 4  # the test server's server.disconnectedSessionTTL: a closed tab is released after half of it
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def require(condition: bool, why: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run under CI: {why}")
        pytest.skip(why)


def open_page(browser, url: str, height: int = 1000, width: int = 1400):
    """A page of the dashboard once its script has finished running."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    return page
