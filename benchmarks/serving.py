"""The real dashboard served for a benchmark of the hall, and what such a benchmark measures it with.

``fresh_store`` gives a run its own data folder (and, given a PostgreSQL server, its own database on
it), set in this process's environment, where the store the script prepares and the server it starts
both find it; ``served`` starts the dashboard as the office starts it, on 127.0.0.1 only, and stops it.
``Wave`` lets a wave of phones get ready one by one and press at the same moment; ``ProjectorWatch``
notes, on a Chromium projector page, each time a count on it changes. Used by ``vote_speed.py`` and
``hall_speed.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 720}  # the office's laptop, and the projector it is plugged into


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def spread(values: list[float]) -> str:
    """"p50 … p95 … max … (n=…)" of durations in seconds."""
    if not values:
        return "none"
    return (f"p50 {statistics.median(values):.3f} s  p95 {percentile(values, .95):.3f} s  "
            f"max {max(values):.3f} s  (n={len(values)})")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc), 0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


@contextmanager
def fresh_store(prefix: str, postgres: str = "") -> Iterator[str]:
    """A new data folder (the SQLite file, the pseudonym key, the names of a check-in) and, given the URL of a
    PostgreSQL server one may create databases on, a new database there; both set in this process's environment
    (``PARTNERSTWO_DATA_DIR``, ``DATABASE_URL``) for the store the script opens and the server it starts. Yields
    the store's backend ("SQLite" or "PostgreSQL"); removes both afterwards."""
    data = Path(tempfile.mkdtemp(prefix=prefix))
    saved = {key: os.environ.get(key) for key in ("PARTNERSTWO_DATA_DIR", "DATABASE_URL")}
    os.environ["PARTNERSTWO_DATA_DIR"] = str(data)
    os.environ.pop("DATABASE_URL", None)
    admin = name = None
    try:
        if postgres:
            import sqlalchemy as sa

            admin = sa.create_engine(postgres.replace("postgresql://", "postgresql+psycopg://", 1),
                                     isolation_level="AUTOCOMMIT")
            name = f"bench_{uuid.uuid4().hex[:10]}"
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
            os.environ["DATABASE_URL"] = f"{postgres.rsplit('/', 1)[0]}/{name}"
        yield "PostgreSQL" if postgres else "SQLite"
    finally:
        if admin is not None and name is not None:
            import sqlalchemy as sa

            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(data, ignore_errors=True)


def server_command(port: int) -> list[str]:
    """The dashboard as the office starts it, on 127.0.0.1 only."""
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1"]


@contextmanager
def served(port: int, timeout: float = 60) -> Iterator[subprocess.Popen]:
    """The dashboard running on 127.0.0.1:``port`` (with this process's environment) until the block ends."""
    server = subprocess.Popen(server_command(port), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ))
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


class Wave:
    """A wave of phones: each gets ready (its form filled in, its choice made), then all press at one moment."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.arrived: set[str] = set()
        self.ready = asyncio.Event()
        self.go = asyncio.Event()

    def arrive(self, key: str) -> None:
        """``key`` is ready (or gave up: a wave does not wait for a phone that failed)."""
        self.arrived.add(key)
        if len(self.arrived) >= self.size:
            self.ready.set()

    async def press(self, timeout: float, errors: list[str]) -> None:
        """Once every phone is ready (or ``timeout`` has passed: said in ``errors``), all press at once."""
        try:
            await asyncio.wait_for(self.ready.wait(), timeout=max(10.0, timeout))
        except TimeoutError:
            errors.append("a wave did not get ready in time")
        self.go.set()


async def in_waves(tokens: list[str], phones: list, at_once: int, deadline: float, browser, light,
                   errors: list[str], who: str) -> None:
    """The cards' holders act in waves of ``at_once``: the first of each wave on the Chromium ``phones``
    (``browser(phone, token, wave)``), the rest as websocket clients (``light(token, wave)``); each wave presses
    at one moment. Stops at ``deadline`` (monotonic) and says so in ``errors`` (``who``: "voters", "respondents")."""
    for start in range(0, len(tokens), at_once):
        if time.monotonic() > deadline:
            errors.append(f"time limit reached: stopped after {start} {who}")
            break
        wave = Wave(len(tokens[start:start + at_once]))
        tasks = [asyncio.create_task(browser(phones[i], token, wave) if i < len(phones) else light(token, wave))
                 for i, token in enumerate(tokens[start:start + at_once])]
        await wave.press(deadline - time.monotonic(), errors)
        await asyncio.gather(*tasks)


class ProjectorWatch:
    """Every change of a number shown on a Chromium page, with the epoch it was first seen (looked at 20 times a
    second). ``script``: a JavaScript function returning the number shown, or null while there is none."""

    def __init__(self, page, script: str) -> None:
        self.page = page
        self.script = script
        self.seen: list[tuple[float, int]] = []  # (epoch, the number shown from then on)
        self._watching = False
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._watching = True
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        self._watching = False
        if self._task is not None:
            await self._task

    async def _watch(self) -> None:
        last = None
        while self._watching:
            shown = await self.page.evaluate(self.script)
            if shown is not None and shown != last:
                self.seen.append((time.time(), int(shown)))
                last = shown
            await asyncio.sleep(0.05)

    def reached(self, count: int) -> float | None:
        """When the number first showed ``count`` or more (None: never)."""
        return next((t for t, shown in self.seen if shown >= count), None)


@dataclass(frozen=True)
class WavesAsked:
    """What a benchmark of people in waves was asked for, within its bounds."""

    people: int
    at_once: int
    limit: float
    in_browsers: int


def waves_asked(description: str, people: str, in_browsers: str, what: str) -> WavesAsked:
    """The command line of a benchmark of people in waves (``--<people>``, ``--at-once``, ``--limit``,
    ``--<in_browsers>``), bounded: at most 200 people, 40 at once, 1800 seconds."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(f"--{people}", type=int, default=100)
    parser.add_argument("--at-once", type=int, default=20)
    parser.add_argument("--limit", type=float, default=900.0, help="seconds for the whole run")
    parser.add_argument(f"--{in_browsers}", type=int, default=2,
                        help=f"how many of each wave {what} from a Chromium page (the rest: websocket clients)")
    args = vars(parser.parse_args())
    count = max(1, min(args[people.replace("-", "_")], 200))
    at_once = max(1, min(args["at_once"], 40, count))
    return WavesAsked(count, at_once, min(args["limit"], 1800.0),
                      max(0, min(args[in_browsers.replace("-", "_")], at_once)))
