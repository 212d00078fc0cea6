"""Benchmark: saving into the store against what a user would otherwise run, as whole processes.

1. ``python -m analysis import`` of a 100,000-row attendance workbook into a new SQLite store,
   against ``pandas.read_excel(engine="calamine")`` + ``DataFrame.to_sql`` into a new SQLite file
   (target: at most 1.3 times the time, peak memory at most 1.5 times).
2. The same into PostgreSQL (``--postgres URL``, a server you may create databases on; skipped
   without it): a new database per run for both (target 1.3 times).
3. A 1,000-row list imported into a store that already holds 250,000 attendance rows, against the
   same list into an empty store (target: at most 1.5 times).

Runs alternate between the two sides of a comparison; medians and ratios are printed.

    python benchmarks/store_speed.py [--rows 100000] [--runs 3] [--postgres postgresql://user:pw@host/db]

Workbooks are generated once into bench_out/ (kept out of git) and reused.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.import_speed import make_workbook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench_out"

BASELINE = """
import sys, pandas as pd, sqlalchemy as sa
frame = pd.read_excel(sys.argv[1], engine="calamine", header=2)
frame.to_sql("attendance", sa.create_engine(sys.argv[2]), index=False, chunksize=10_000)
"""


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of one whole process, the largest of it and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    out, err = process.stdout.read().decode(), process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{out}\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def compare(label: str, ours: callable, theirs: callable, runs: int) -> tuple[float, float]:
    times: dict[str, list[float]] = {"ours": [], "theirs": []}
    memory: dict[str, list[float]] = {"ours": [], "theirs": []}
    for _ in range(runs):
        for side, make in (("theirs", theirs), ("ours", ours)):
            seconds, megabytes = make()
            times[side].append(seconds)
            memory[side].append(megabytes)
    ours_t, theirs_t = statistics.median(times["ours"]), statistics.median(times["theirs"])
    ours_m, theirs_m = statistics.median(memory["ours"]), statistics.median(memory["theirs"])
    print(f"{label}\n  ours   {ours_t:6.2f} s  {ours_m:7.0f} MB   (runs: {', '.join(f'{t:.2f}' for t in times['ours'])})"
          f"\n  theirs {theirs_t:6.2f} s  {theirs_m:7.0f} MB   (runs: {', '.join(f'{t:.2f}' for t in times['theirs'])})"
          f"\n  ratio  time {ours_t / theirs_t:.2f}, memory {ours_m / theirs_m:.2f}", flush=True)
    return ours_t / theirs_t, ours_m / theirs_m


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PARTNERSTWO_PSEUDONYM_KEY")}
    env["PARTNERSTWO_PSEUDONYM_KEY"] = "benchmark-key-0123456789abcdef"
    env.update(extra)
    return env


def sqlite_import(path: Path, runs: int) -> None:
    def ours() -> tuple[float, float]:
        folder = tempfile.mkdtemp(prefix="bench-store-")
        try:
            return run([sys.executable, "-m", "analysis", "import", str(path)], base_env(PARTNERSTWO_DATA_DIR=folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def theirs() -> tuple[float, float]:
        folder = tempfile.mkdtemp(prefix="bench-pandas-")
        try:
            return run([sys.executable, "-c", BASELINE, str(path), f"sqlite:///{folder}/t.sqlite"], base_env())
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    compare(f"import of {path.name} into a new SQLite store (target: time ≤ 1.3, memory ≤ 1.5)", ours, theirs, runs)


def postgres_import(path: Path, runs: int, server: str) -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")

    def database() -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        return name

    def drop(name: str) -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    base = server.rsplit("/", 1)[0]

    def ours() -> tuple[float, float]:
        name = database()
        try:
            return run([sys.executable, "-m", "analysis", "import", str(path)],
                       base_env(DATABASE_URL=f"{base}/{name}", PARTNERSTWO_DATA_DIR=tempfile.mkdtemp()))
        finally:
            drop(name)

    def theirs() -> tuple[float, float]:
        name = database()
        try:
            url = f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)
            return run([sys.executable, "-c", BASELINE, str(path), url], base_env())
        finally:
            drop(name)

    compare(f"import of {path.name} into a new PostgreSQL store (target: time ≤ 1.3, memory ≤ 1.5)", ours, theirs,
            runs)


def small_into_big(big_rows: int, runs: int) -> None:
    big = make_workbook(big_rows)
    small = make_small(1000)
    filled = Path(tempfile.mkdtemp(prefix="bench-big-"))
    empty = Path(tempfile.mkdtemp(prefix="bench-empty-"))
    print(f"(filling a store with {big_rows:,} attendance rows…)", flush=True)
    run([sys.executable, "-m", "analysis", "import", str(big)], base_env(PARTNERSTWO_DATA_DIR=str(filled)))
    run([sys.executable, "-m", "analysis", "history"], base_env(PARTNERSTWO_DATA_DIR=str(empty)))  # made, sample in

    def into(folder: Path) -> tuple[float, float]:
        scratch = Path(tempfile.mkdtemp(prefix="bench-copy-"))
        for item in folder.iterdir():
            shutil.copy2(item, scratch / item.name)
        try:
            return run([sys.executable, "-m", "analysis", "import", str(small), "--workshop", "2"],
                       base_env(PARTNERSTWO_DATA_DIR=str(scratch)))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    compare(f"import of a 1,000-row list into a store of {big_rows:,} rows (ours) vs a store with only the sample "
            "(theirs) (target: time ≤ 1.5)", lambda: into(filled), lambda: into(empty), runs)
    shutil.rmtree(filled, ignore_errors=True)
    shutil.rmtree(empty, ignore_errors=True)


def make_small(rows: int) -> Path:
    path = OUT / f"small_{rows}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    OUT.mkdir(exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Lista")
    ws.append(["Lp.", "Imię i nazwisko", "Instytucja / organizacja", "Reprezentowany sektor", "Miejscowość"])
    for i in range(rows):
        ws.append([i + 1, f"Nowa Osoba {i}", f"Fundacja {i % 50}", "NGO", "Serock"])
    wb.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    path = make_workbook(args.rows)
    sqlite_import(path, args.runs)
    if args.postgres:
        postgres_import(path, args.runs, args.postgres)
    else:
        print("PostgreSQL: skipped (give --postgres URL)")
    small_into_big(args.big, args.runs)


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        main()
