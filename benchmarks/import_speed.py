"""Benchmark: reading and normalising a 100,000-row attendance workbook vs a bare pandas read.

Both are timed as whole processes (interpreter start and imports included), alternately,
several times; the medians and their ratio are printed, with each process's peak memory.
The target (issue 2): ours costs at most 1.5 times ``pandas.read_excel(path, engine="calamine")``.

    python benchmarks/import_speed.py [--rows 100000] [--runs 5]

The workbook is generated once into bench_out/ (kept out of git) and reused.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench_out"
SECTORS = ["JST", "przedsiębiorca", "NGO", "oświata", "", "OPS", "rolnik", "kultura", "zdrowie", "rynek pracy"]
PLACES = ["Legionowo", "Jabłonna", "Chotomów", "Serock", "Nieporęt", "Wieliszew", "Warszawa", ""]
INSTITUTIONS = ["Urząd Gminy {}", "Firma {} sp. z o.o.", "Stowarzyszenie {}", "Zespół Szkół nr {}", "GOPS {}",
                "Gospodarstwo rolne {}", "PHU {}", "Fundacja {}"]


def make_workbook(rows: int) -> Path:
    path = OUT / f"attendance_{rows}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    OUT.mkdir(exist_ok=True)
    rng = random.Random(100_000)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Lista")
    ws.append(["Lista obecności – warsztat 3, Jabłonna, 13.09.2018"])
    ws.append([])
    ws.append(["Lp.", "Imię i nazwisko", "Instytucja / organizacja", "Reprezentowany sektor", "Miejscowość",
               "Funkcja", "Grupa", "Podpis"])
    for i in range(rows):
        institution = rng.choice(INSTITUTIONS).format(i % 3000)
        ws.append([i + 1, f"Osoba {i} Testowa", institution, rng.choice(SECTORS), rng.choice(PLACES),
                   "uczestnik", f"Grupa {i % 5 + 1}", ""])
    wb.save(path)
    return path


def run(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak memory in MB of one whole process (with its children)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = make_workbook(args.rows)
    bare = [sys.executable, "-c",
            "import sys, pandas as pd; pd.read_excel(sys.argv[1], engine='calamine', sheet_name=None)", str(path)]
    ours = [sys.executable, "-m", "analysis", "check", str(path), "--json"]
    run(bare), run(ours)  # warm the disk cache
    times: dict[str, list[float]] = {"bare": [], "ours": []}
    memory: dict[str, list[float]] = {"bare": [], "ours": []}
    for _ in range(args.runs):
        for name, command in (("bare", bare), ("ours", ours)):
            seconds, megabytes = run(command)
            times[name].append(seconds)
            memory[name].append(megabytes)
    bare_s, ours_s = statistics.median(times["bare"]), statistics.median(times["ours"])
    ratio = ours_s / bare_s
    print(f"workbook: {path.name} ({args.rows} rows, {path.stat().st_size / 1e6:.1f} MB), {args.runs} runs each")
    print(f"pandas.read_excel(engine='calamine'): median {bare_s:.2f} s, peak {max(memory['bare']):.0f} MB")
    print(f"python -m analysis check (read + normalise): median {ours_s:.2f} s, peak {max(memory['ours']):.0f} MB")
    print(f"ratio: {ratio:.2f} (target <= 1.50) -> {'OK' if ratio <= 1.5 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
