"""Benchmark: how soon the presentation page shows its first slide, and what a rerun costs.

On the sample cycle:
- the server's script run of the page (Streamlit's AppTest): the first one (the show is built:
  slides, charts, the HTML document) and the median rerun (the show comes from the cache);
- in Chromium (Playwright, Debian's /usr/bin/chromium), for the dashboard as configured
  (plotly.js served from static/ as a file) and with static serving off (plotly.js embedded in
  the show, 4.6 MB inside the page's data): the time from opening the page to the first slide
  painted, to every chart drawn, the bytes the page's websocket carries on opening and on a
  rerun, and how long a rerun takes (the sidebar switch below the show).

    python benchmarks/show_speed.py [--visits 3]

Timings depend on the machine and its load; the ratios between the two modes are the point.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SHOW = "iframe[title='Pokaz slajdów']"


def server_runs(runs: int) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["PARTNERSTWO_DATA_DIR"] = tempfile.mkdtemp(prefix="partnerstwo-bench-")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.run()  # the data are loaded and cached by the overview
    at.switch_page("views/prezentacja.py")
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - started)
    return first, statistics.median(samples)


def serve(static: bool) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PARTNERSTWO_DATA_DIR=tempfile.mkdtemp(prefix="partnerstwo-bench-"))
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.enableStaticServing", "true" if static else "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("the dashboard did not start")


def _idle(page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)


def visit(browser, url: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{url}/prezentacja")
    frame = page.wait_for_selector(SHOW, timeout=120_000).content_frame()
    frame.wait_for_function("document.body && document.body.getAttribute('data-ready')", timeout=120_000)
    opened = page.evaluate("performance.timeOrigin")
    shown = frame.evaluate("performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0].startTime")
    drawn = frame.evaluate("performance.timeOrigin + performance.now()")
    _idle(page)
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(500)
    started = time.perf_counter()
    page.get_by_text("Ukryj panel boczny").click()
    _idle(page)
    rerun = time.perf_counter() - started
    page.close()
    return {"first slide": (shown - opened) / 1000, "all charts": (drawn - opened) / 1000, "rerun": rerun}


def websocket_bytes(browser, url: str) -> tuple[int, int]:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    sizes: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: sizes.append(len(f))))
    page.goto(f"{url}/prezentacja")
    page.wait_for_selector(SHOW, timeout=120_000).content_frame().wait_for_function(
        "document.body && document.body.getAttribute('data-ready')", timeout=120_000)
    _idle(page)
    opening = sum(sizes)
    sizes.clear()
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(500)
    page.get_by_text("Ukryj panel boczny").click()
    _idle(page)
    page.close()
    return opening, sum(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    first, rerun = server_runs(7)
    print(f"server, script run of the page: first {first:.3f} s (the show is built), rerun {rerun:.3f} s "
          "(median of 7; the show from the cache)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for static, label in ((True, "plotly.js served as a file"), (False, "plotly.js embedded in the show")):
            process, url = serve(static)
            try:
                visits = [visit(browser, url) for _ in range(args.visits)]
                opening, rerun_bytes = websocket_bytes(browser, url)
            finally:
                process.terminate()
                process.wait(timeout=20)
            medians = {k: statistics.median(v[k] for v in visits) for k in visits[0]}
            print(f"browser, {label} (median of {args.visits} visits): first slide {medians['first slide']:.2f} s, "
                  f"all charts {medians['all charts']:.2f} s, rerun {medians['rerun']:.2f} s; "
                  f"websocket {opening / 1e6:.2f} MB on opening, {rerun_bytes / 1e3:.1f} kB on a rerun")
        browser.close()


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        main()
