"""Benchmark: the server's memory while a browser uploads large files, and after the browser closes.

Starts the dashboard (a fresh data folder, listening on 127.0.0.1, no password), uploads N CSV
attendance lists of M MB each in Debian's Chromium (Playwright), waits until the page has read
them, closes the browser, and prints the server's resident memory (RSS) and the bytes of
uploaded files it holds (its /_stcore/metrics endpoint) at each step; then again in a new browser,
and once more when a browser that only looks at a page has connected.

    python benchmarks/session_memory.py [--files 4] [--mb 16] [--ttl 60] [--rounds 2]

The targets, each printed with its verdict at the end:
- a second round that peaks no higher than the first (``--rounds`` ≥ 2; every later round against the
  first): nothing of the first stayed behind (memory the process keeps after a release is reused, not
  lost). A round's peak is the server's highest RSS from its browser's start to its
  close (VmHWM, started anew before each round), not only the figure printed once the page has read
  the files. The target allows half of one file's size (``--mb`` / 2: 8 MB) above the first round's
  peak: the same objects alive take a few MB more in a heap that has been used (a second round opens
  the page 6–10 MB higher than the first, with the heap's free space grown from 3 to 20 MB and no more
  objects alive; peaks of the same files 0–3 MB apart), while anything of a round that stayed behind
  would hold at least a whole uploaded file (its bytes, or its columns and frame, ~4 times as much).
  With files of a few MB the comparison is within that noise (``--mb 2``: +2 MB against 1 MB allowed);
- the uploaded files held 0.0 MB once the closed browser's session is released (the last figure
  printed after each close: a browser coming back within half of ``--ttl`` finds its files again).

``--ttl`` is ``server.disconnectedSessionTTL``; the dashboard shuts a closed browser's session
down after half of it (views/_session.py).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024


_METRICS_CACHED = 5.0  # seconds: Streamlit computes the upload figure once in this while and answers with it
_answered: list[float] = []  # when the server last answered the metrics (monotonic)


def uploaded_mb(url: str) -> float:
    """The bytes of uploaded files the server holds now: a figure computed after this call (the server's
    cached figure is waited out: it may be up to 5 s old)."""
    if _answered:
        time.sleep(max(0.0, _answered[-1] + _METRICS_CACHED + 0.1 - time.monotonic()))
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    _answered.append(time.monotonic())
    found = re.search(r'cache_memory_bytes\{cache_type="UploadedFileManager"[^}]*\} (\d+)', text)
    return int(found.group(1)) / 1024 / 1024 if found else 0.0


def report(label: str, pid: int, url: str) -> float:
    """Print the server's RSS and the uploaded files it holds; return the latter (MB)."""
    held = uploaded_mb(url)  # first: it may wait for a fresh figure
    print(f"{label:<24} RSS {rss_mb(pid):5d} MB, uploaded files held {held:6.1f} MB", flush=True)
    return held


def reset_peak(pid: int) -> None:
    """Start the process's peak RSS (VmHWM) anew from its RSS now (Linux's clear_refs, value 5)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_mb(pid: int) -> int:
    """The process's highest RSS since the last ``reset_peak`` (VmHWM)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024


def verdicts(peaks: list[int], held_after_close: list[float], slack: float) -> list[str]:
    """The targets' lines: every later round's peak against the first's (``slack`` MB allowed), and the files held
    after each close."""
    lines = []
    for round_, peak in enumerate(peaks[1:], start=2):
        lines.append(f"round {round_} peak {peak} MB, round 1 peak {peaks[0]} MB: {peak - peaks[0]:+d} MB "
                     f"(target <= round 1 + {slack:g} MB) -> {'OK' if peak <= peaks[0] + slack else 'MISSED'}")
    worst = max(held_after_close, default=0.0)
    lines.append(f"uploaded files held after each close: {worst:.1f} MB at most (target 0.0 MB) -> "
                 f"{'OK' if worst == 0 else 'MISSED'}")
    return lines


def make_csv(path: Path, megabytes: int, workshop: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(f"Lista obecności – warsztat {workshop}\n")
        out.write("Lp.;Imię i nazwisko;Instytucja / organizacja;Reprezentowany sektor;Miejscowość\n")
        i = 0
        while out.tell() < megabytes * 1024 * 1024:
            i += 1
            out.write(f"{i};Osoba {i};Stowarzyszenie nr {i % 5000};NGO;Legionowo\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--mb", type=int, default=16)
    parser.add_argument("--ttl", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2, help="browsers, one after another, uploading the same files")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="partnerstwo-memory-"))
    files = [work / f"lista_{n}.csv" for n in range(1, args.files + 1)]
    for n, path in enumerate(files, start=1):
        make_csv(path, args.mb, min(n, 5))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PARTNERSTWO_DATA_DIR=str(work / "data"), PARTNERSTWO_MAX_UPLOAD_MB=str(args.mb + 4))
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.maxUploadSize", str(args.mb + 4),
         "--server.disconnectedSessionTTL", str(args.ttl)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        print(f"{args.files} files × {args.mb} MB, server.disconnectedSessionTTL = {args.ttl} s")
        report("started:", server.pid, url)
        peaks: list[int] = []
        held_after_close: list[float] = []
        for round_ in range(1, args.rounds + 1):
            reset_peak(server.pid)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                page.goto(f"{url}/dane")
                uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
                uploader.wait_for(state="attached", timeout=60_000)
                print(f"{round_}. page open:{'':<11} RSS {rss_mb(server.pid):5d} MB", flush=True)
                uploader.set_input_files([str(f) for f in files])
                for path in files:
                    page.get_by_text(f"Arkusz „{path.stem}”").first.wait_for(timeout=600_000)
                report(f"{round_}. files read:", server.pid, url)
                browser.close()
            closed = time.monotonic()
            peaks.append(peak_mb(server.pid))
            print(f"{round_}. peak:{'':<16} RSS {peaks[-1]:5d} MB", flush=True)
            for after in (3, args.ttl // 2 + 5):
                time.sleep(max(0.0, closed + after - time.monotonic()))
                held = report(f"{round_}. {after} s after close:", server.pid, url)
            held_after_close.append(held)
        # Streamlit's loop keeps the last session it served until it serves another: a viewer
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"{url}/slownik")
            page.wait_for_selector("h1", timeout=60_000)
            page.wait_for_timeout(3000)
            report("another browser:", server.pid, url)
            browser.close()
        print()
        for line in verdicts(peaks, held_after_close, args.mb / 2):
            print(line)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)  # 4 × 16 MB of lists and the data folder


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        main()
