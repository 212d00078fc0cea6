"""The running dashboard in a real browser: Debian's Chromium driven by Playwright.

Skipped on a laptop without Chromium or Playwright, never under CI=true (.ci/run installs both).
Saves a screenshot of every page into docs/screenshots/ for the README.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _require(condition: bool, why: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run under CI: {why}")
        pytest.skip(why)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    _require(Path(CHROMIUM).exists() or shutil.which("chromium") is not None, f"no Chromium at {CHROMIUM}")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the dashboard did not start within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require(False, "Playwright is not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    # wait until the script has finished running
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    return page


def test_source_data_page_in_the_browser(server, browser):
    page = _open(browser, server)
    page.wait_for_selector("text=propozycje_2018.xlsx", timeout=60_000)
    assert page.locator("h1").first.inner_text() == "Dane źródłowe"
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.locator("body").inner_text()
    assert "Dane przykładowe" in body
    assert "lista obecności, 101 wierszy" in body
    assert "local_government" not in body
    page.locator('[data-testid="stDataFrame"] canvas').first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let the grids paint their cells
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "dane.png"), full_page=False)
    page.close()


def test_upload_of_a_broken_file_shows_a_polish_sentence(server, browser, tmp_path):
    page = _open(browser, server)
    broken = tmp_path / "lista.xlsx"
    broken.write_bytes(b"PK\x03\x04 to nie jest arkusz")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(broken))
    alert = page.locator('[data-testid="stAlertContentError"]')
    alert.first.wait_for(timeout=60_000)
    assert "uszkodzony" in alert.first.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
