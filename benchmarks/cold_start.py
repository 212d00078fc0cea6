"""Benchmark: the dashboard's cold start at 1M attendance rows against a hello-world app with one chart.

The cold start is the wall time from launching a fresh ``streamlit run`` server process until the
first plotly chart is drawn in headless Chromium (Playwright, Debian's /usr/bin/chromium): the
browser opens the page as soon as the server's health endpoint answers, and the clock stops when a
plotly chart has its main SVG layer on the screen with a trace drawn in it. Compared, on alternate
launches:
- (a) a hello-world app (a title and one small plotly bar chart, written to a temporary file);
- (b) the dashboard (``dashboard.py``, its first page "Przegląd") on a SQLite store of ``--rows``
  attendance rows and 5,000 proposals (built and cached by ``benchmarks/page_speed.py`` into
  bench_out/big_cycle_<rows>/ and bench_out/big_store_<rows>/, kept out of git);
- as a reference line, the dashboard on the sample cycle (a fresh data folder, seeded before the
  first launch).
The target: (b) at most 1.5 times (a), and the server's peak memory (VmHWM, read once
the page has finished running) at most 1 GB.

    python benchmarks/cold_start.py [--rows 1000000] [--runs 3] [--no-sample]

Every launch: a free port on 127.0.0.1, headless, usage statistics off, a new browser context
(nothing cached; a warm browser cache saved ~0.3 s of the hello world's ~6 s), the server's process
group killed afterwards. Also printed: when the health endpoint answered, when the first title
(h1) showed, and when the page's run finished (Streamlit's status widget gone). Both apps run from the checkout's
root, so both read its .streamlit/config.toml. The machine's load average is printed with each
launch: on a shared machine the figures vary, the ratio less so.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TARGET_RATIO = 1.5
TARGET_MB = 1024

HELLO = textwrap.dedent('''\
    """Hello world with one chart: the baseline of benchmarks/cold_start.py."""

    import plotly.graph_objects as go
    import streamlit as st

    st.title("Hello, world")
    st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[3, 1, 4, 2])))
''')

# Run in the page before its own scripts: on every animation frame, the epoch time (ms) at which
# the first title (h1) appears and at which a plotly chart is first drawn: its main SVG layer has a
# size and a trace in it is painted (Streamlit 1.67 renders a div.js-plotly-plot in stPlotlyChart).
MARKS = """(() => {
    const marks = window.__coldStart = {};
    const drawn = () => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].some(plot => {
        const layer = plot.querySelector('.main-svg');
        const trace = plot.querySelector('.main-svg .trace');
        if (!layer || !trace) return false;
        const a = layer.getBoundingClientRect(), b = trace.getBoundingClientRect();
        return a.height > 50 && a.width > 50 && a.top < window.innerHeight && b.width > 0 && b.height > 0;
    });
    const tick = () => {
        if (!marks.title && document.querySelector('h1')) marks.title = Date.now();
        if (!marks.chart && drawn()) marks.chart = Date.now();
        if (!marks.chart) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})()"""
IDLE = "!document.querySelector('[data-testid=\"stStatusWidget\"]')"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_mb(pid: int) -> int | None:
    """The process's peak resident memory (VmHWM) in MB, or None where /proc has no such line."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"VmHWM:\s+(\d+)", status)
    return int(found.group(1)) // 1024 if found else None


def stop(process: subprocess.Popen) -> None:
    """The server and whatever it started (its own process group) end."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


def launch(browser, script: Path, env: dict[str, str], timeout: float) -> dict[str, float]:
    """One cold start: seconds to the server's answer, the first title, the first chart, the page's run
    finished; the server's peak memory (MB)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="partnerstwo-cold-", suffix=".log", delete=False)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # a new one: nothing cached
    context.add_init_script(MARKS)
    started = time.time()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = started + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.time() > deadline:
                raise SystemExit(f"{script.name}: the server did not answer; its log: {log.name}")
            time.sleep(0.05)
        answered = time.time()
        page = context.new_page()
        page.goto(url, wait_until="commit")
        left = max(1.0, deadline - time.time()) * 1000
        page.wait_for_function("window.__coldStart && window.__coldStart.chart", timeout=left)
        marks = page.evaluate("window.__coldStart")
        if page.locator('[data-testid="stException"]').count():
            raise SystemExit(f"{script.name}: the page shows an exception")
        page.wait_for_timeout(150)  # the status widget shows while the rest of the page runs
        page.wait_for_function(IDLE, timeout=max(1.0, deadline - time.time()) * 1000)
        idle = time.time()
        peak = peak_mb(process.pid)
    finally:
        context.close()
        stop(process)
        log.close()
    os.unlink(log.name)  # kept when the launch failed
    chart = marks["chart"] / 1000 - started
    title = marks["title"] / 1000 - started if marks.get("title") else chart
    return {"health": answered - started, "title": title, "chart": chart, "idle": idle - started,
            "peak": float(peak) if peak is not None else float("nan")}


def seed_sample(data_dir: Path, env: dict[str, str]) -> None:
    """The sample cycle imported into a fresh store, before any launch is timed."""
    subprocess.run([sys.executable, "-c", "from analysis.store.store import open_store; open_store()"],
                   cwd=ROOT, env=dict(env, PARTNERSTWO_DATA_DIR=str(data_dir)), check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-sample", action="store_true", help="skip the reference line on the sample cycle")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a launch may take")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from benchmarks.page_speed import make_big_cycle, make_big_store

    big = make_big_store(make_big_cycle(args.rows))
    size = f"{args.rows // 1000}k rows" if args.rows < 1_000_000 else f"{args.rows / 1e6:g}M rows"
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PARTNERSTWO_DATA_DIR")}
    work = Path(tempfile.mkdtemp(prefix="partnerstwo-cold-"))
    hello = work / "hello.py"
    hello.write_text(HELLO, encoding="utf-8")
    apps = {"hello world": (hello, base)}
    if not args.no_sample:
        seed_sample(work / "sample", base)
        apps["dashboard, sample"] = (ROOT / "dashboard.py", dict(base, PARTNERSTWO_DATA_DIR=str(work / "sample")))
    apps[f"dashboard, {size}"] = (ROOT / "dashboard.py", dict(base, PARTNERSTWO_DATA_DIR=str(big)))

    results: dict[str, list[dict[str, float]]] = {name: [] for name in apps}
    print("seconds from launching the server to: the health endpoint answering, the first title (h1) shown, "
          "the first chart drawn, the page's run finished; the server's peak memory; the load average before the launch")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for run in range(1, args.runs + 1):
                for name, (script, env) in apps.items():
                    load = os.getloadavg()[0]
                    r = launch(browser, script, env, args.timeout)
                    results[name].append(r)
                    print(f"run {run} {name:20} health {r['health']:6.2f}  title {r['title']:6.2f}  chart {r['chart']:6.2f}  "
                          f"finished {r['idle']:6.2f}  peak {r['peak']:6.0f} MB  load {load:5.2f}", flush=True)
        finally:
            browser.close()
            shutil.rmtree(work, ignore_errors=True)

    print(f"\nmedians of {args.runs}:")
    medians = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in results.items()}
    for name, m in medians.items():
        print(f"{name:26} title {m['title']:6.2f} s  chart {m['chart']:6.2f} s  finished {m['idle']:6.2f} s  "
              f"peak {m['peak']:6.0f} MB")
    hello_chart = medians["hello world"]["chart"]
    big_name = f"dashboard, {size}"
    if not args.no_sample:
        print(f"ratio sample / hello world: {medians['dashboard, sample']['chart'] / hello_chart:.2f}")
    ratio = medians[big_name]["chart"] / hello_chart
    print(f"ratio {size} / hello world: {ratio:.2f} (target <= {TARGET_RATIO}) -> "
          f"{'OK' if ratio <= TARGET_RATIO else 'TOO SLOW'}")
    peak = max((r["peak"] for r in results[big_name] if r["peak"] == r["peak"]), default=float("nan"))  # not NaN
    print(f"peak memory at {size}: {peak:.0f} MB (target <= {TARGET_MB}) -> "
          f"{'OK' if peak <= TARGET_MB else 'TOO MUCH'}")


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        main()
