"""Benchmark: ``python -m analysis check`` (read and normalise) vs a bare pandas read of the same file.

1. A 100,000-row attendance workbook against ``pandas.read_excel(path, engine="calamine")``
   (target: at most 1.2 times).
2. A 250,000-row attendance CSV (the same columns, semicolons) against ``pandas.read_csv(path, sep=";")``
   (target: at most 1.5 times).

Both sides are timed as whole processes (interpreter start and imports included), alternately,
several times; the medians of wall time and of CPU time (user + system, which a machine shared
with other processes disturbs less) and their ratios are printed, with each process's peak memory.

    python benchmarks/import_speed.py [--rows 100000] [--csv-rows 250000] [--runs 5]

The files are generated once into bench_out/ (kept out of git) and reused.
"""

from __future__ import annotations

import argparse
import csv
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


def make_csv(rows: int) -> Path:
    path = OUT / f"attendance_{rows}.csv"
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    rng = random.Random(100_000)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Lp.", "Imię i nazwisko", "Instytucja / organizacja", "Reprezentowany sektor", "Miejscowość",
                         "Funkcja", "Grupa", "Podpis"])
        for i in range(rows):
            writer.writerow([i + 1, f"Osoba {i} Testowa", rng.choice(INSTITUTIONS).format(i % 3000), rng.choice(SECTORS),
                             rng.choice(PLACES), "uczestnik", f"Grupa {i % 5 + 1}", ""])
    return path


# Both sides run as an installed program does, with their modules' bytecode cached: pandas' was
# compiled when it was installed, ours is written by the first (warming) run. Without this, a shell
# with PYTHONDONTWRITEBYTECODE set would have every run of ours compile the package from source.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall time and CPU time (user + system) in seconds and peak memory in MB of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compare(label: str, bare: list[str], ours: list[str], runs: int, target: float) -> None:
    run(bare), run(ours)  # warm the disk cache
    samples: dict[str, list[tuple[float, float, float]]] = {"bare": [], "ours": []}
    for _ in range(runs):
        for name, command in (("bare", bare), ("ours", ours)):
            samples[name].append(run(command))
    wall = {k: statistics.median(s[0] for s in v) for k, v in samples.items()}
    cpu = {k: statistics.median(s[1] for s in v) for k, v in samples.items()}
    peak = {k: max(s[2] for s in v) for k, v in samples.items()}
    print(f"{label}, {runs} runs each")
    for name, title in (("bare", "baseline"), ("ours", "python -m analysis check")):
        print(f"  {title:26} wall median {wall[name]:5.2f} s, CPU median {cpu[name]:5.2f} s, peak {peak[name]:4.0f} MB"
              f"   (wall: {', '.join(f'{s[0]:.2f}' for s in samples[name])})")
    ratio, cpu_ratio = wall["ours"] / wall["bare"], cpu["ours"] / cpu["bare"]
    print(f"  ratio: wall {ratio:.2f}, CPU {cpu_ratio:.2f} (target <= {target:.2f}) -> "
          f"{'OK' if ratio <= target else 'TOO SLOW'}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv-rows", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = make_workbook(args.rows)
    compare(f"workbook {path.name} ({args.rows} rows, {path.stat().st_size / 1e6:.1f} MB) vs "
            "pandas.read_excel(engine='calamine')",
            [sys.executable, "-c", "import sys, pandas as pd; pd.read_excel(sys.argv[1], engine='calamine', "
             "sheet_name=None)", str(path)],
            [sys.executable, "-m", "analysis", "check", str(path), "--json"], args.runs, 1.2)
    path = make_csv(args.csv_rows)
    compare(f"CSV {path.name} ({args.csv_rows} rows, {path.stat().st_size / 1e6:.1f} MB) vs pandas.read_csv(sep=';')",
            [sys.executable, "-c", "import sys, pandas as pd; pd.read_csv(sys.argv[1], sep=';')", str(path)],
            [sys.executable, "-m", "analysis", "check", str(path), "--json"], args.runs, 1.5)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        main()
