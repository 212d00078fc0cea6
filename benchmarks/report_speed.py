"""Benchmark: the Excel report at 300,000 attendance rows against what a user would otherwise run.

``python -m analysis report --format xlsx`` on a store of a generated cycle (300,000 attendance
rows, 5,000 proposals), against ``pandas.read_sql`` of the attendance and proposals tables and
``DataFrame.to_excel`` of both into one workbook (openpyxl), as whole processes, alternately.
The target: the report takes at most 0.6 times the baseline.

    python benchmarks/report_speed.py [--rows 300000] [--runs 3]

The cycle and its store are generated once into bench_out/ (kept out of git), as page_speed.py does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.page_speed import make_big_cycle, make_big_store  # noqa: E402
from benchmarks.store_speed import run  # noqa: E402

BASELINE = """
import sys, pandas as pd, sqlalchemy as sa
engine = sa.create_engine(sys.argv[1])
with pd.ExcelWriter(sys.argv[2], engine="openpyxl") as writer:
    for table in ("attendance", "proposals"):
        pd.read_sql_table(table, engine).to_excel(writer, sheet_name=table, index=False)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    store_dir = make_big_store(make_big_cycle(args.rows))
    out = Path(tempfile.mkdtemp(prefix="partnerstwo-report-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PARTNERSTWO_DATA_DIR"] = str(store_dir)
    url = f"sqlite:///{store_dir / 'partnerstwo.sqlite'}"
    ours = [sys.executable, "-m", "analysis", "report", "--format", "xlsx", "--out", str(out / "raport.xlsx")]
    theirs = [sys.executable, "-c", BASELINE, url, str(out / "tabele.xlsx")]
    times: dict[str, list[float]] = {"ours": [], "theirs": []}
    for _ in range(args.runs):
        for side, command in (("theirs", theirs), ("ours", ours)):
            times[side].append(run(command, env)[0])
    ours_t, theirs_t = statistics.median(times["ours"]), statistics.median(times["theirs"])
    print(f"store of {args.rows} attendance rows, {args.runs} runs each (seconds)")
    print(f"  report --format xlsx   median {ours_t:6.2f}  (runs: {', '.join(f'{t:.2f}' for t in times['ours'])})")
    print(f"  read_sql + to_excel    median {theirs_t:6.2f}  (runs: {', '.join(f'{t:.2f}' for t in times['theirs'])})")
    ratio = ours_t / theirs_t
    print(f"ratio: {ratio:.2f} (target <= 0.60) -> {'OK' if ratio <= 0.6 else 'TOO SLOW'}")


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        main()
