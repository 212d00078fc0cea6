"""Benchmark: each view's first visit and rerun, at the sample's size and at 100,000 (or 1M) attendance rows.

For every page of the dashboard, with Streamlit's AppTest: the first visit of the page in a new
session (the store's data already loaded by the server and the pages' numbers for the current cycle
prepared in the background, as a few seconds after anyone has opened the dashboard), the median time
of a rerun with the same choices (another widget changed), and the run after a filter changed (a
gmina chosen in the sidebar: numbers nobody asked for before, computed then) — first on the sample
cycle, then on a generated cycle of ``--rows`` attendance rows and 5,000 proposals. Also the
server's cold start (the first script run of a new server process: the data read from the store or
its snapshot), how long the background preparation took, and the process's peak memory. The target
is: first visit and rerun at most twice the sample's; the filter change is printed to
show what a new choice costs.

    python benchmarks/page_speed.py [--rows 1000000] [--runs 7]

The large cycle's spreadsheets are generated once into bench_out/big_cycle/ and imported into a
store in bench_out/big_store/ (both kept out of git); the sample runs on a fresh store.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PAGES = ["views/przeglad.py", "views/uczestnictwo.py", "views/propozycje.py", "views/postep.py", "views/zaproszenia.py",
         "views/cykle.py", "views/historia.py", "views/prezentacja.py"]
SECTORS = ["JST", "przedsiębiorca", "NGO", "oświata", "OPS", "rolnik", "kultura", "zdrowie", "rynek pracy", "cech",
           "izba gospodarcza", "inne"]
PLACES = ["Legionowo", "Jabłonna", "Chotomów", "Serock", "Nieporęt", "Wieliszew", "Warszawa", "Zegrze"]
AREAS = ["1", "2", "3", "4"]


def big_cycle_folder(attendance_rows: int) -> Path:
    suffix = "" if attendance_rows == 100_000 else f"_{attendance_rows}"
    return ROOT / "bench_out" / f"big_cycle{suffix}"


def make_big_cycle(attendance_rows: int = 100_000, proposals: int = 5_000) -> Path:
    folder = big_cycle_folder(attendance_rows)
    if (folder / "done").exists():
        return folder
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "sample_data" / "harmonogram_2018.xlsx", folder / "harmonogram_2018.xlsx")
    shutil.copy(ROOT / "sample_data" / "gminy_2018.xlsx", folder / "gminy_2018.xlsx")  # residents: the map is drawn
    rng = random.Random(3)
    held = [1, 2, 3, 4]
    people = [f"Osoba {i} Testowa" for i in range(int(attendance_rows * 0.45))]
    per_workshop = attendance_rows // len(held)
    for workshop in held:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(f"{workshop} warsztat")
        ws.append(["Lp.", "Imię i nazwisko", "Instytucja", "Sektor", "Miejscowość", "Grupa"])
        for i, name in enumerate(rng.sample(people, per_workshop), start=1):
            ws.append([i, name, f"Instytucja {rng.randrange(4000)}", rng.choice(SECTORS), rng.choice(PLACES),
                       f"Grupa {rng.randrange(1, 6)}"])
        wb.save(folder / f"lista_{workshop}.xlsx")
    wb = Workbook(write_only=True)
    per_sheet = proposals // len(held)
    for workshop in held:
        ws = wb.create_sheet(f"{workshop} propozycje")
        ws.append(["Nr", "Grupa", "Obszar", "Tytuł propozycji", "Opis", "Podmiot wiodący", "Partnerzy",
                   "Liczba głosów", "Status"])
        for i in range(1, per_sheet + 1):
            voted = workshop < held[-1]
            # partners: institutions of the lists and others, 0–4 of them (for the cooperation numbers)
            partners = "; ".join(f"Instytucja {rng.randrange(4000)}" if rng.random() < 0.7 else f"Stowarzyszenie {j}"
                                 for j in range(rng.randrange(5)))
            ws.append([i, f"Grupa {rng.randrange(1, 6)}", rng.choice(AREAS), f"Propozycja {workshop}-{i}",
                       "Opis propozycji", f"Fundacja {rng.randrange(500)}", partners,
                       rng.randrange(60) if voted else None,
                       rng.choice(["wybrana", "odrzucona"]) if voted else "pod głosowanie"])
    wb.save(folder / "propozycje.xlsx")
    (folder / "done").write_text("ok")
    return folder


def make_big_store(folder: Path) -> Path:
    store_dir = ROOT / "bench_out" / folder.name.replace("big_cycle", "big_store")
    if (store_dir / "done").exists():
        return store_dir
    os.environ["PARTNERSTWO_DATA_DIR"] = str(store_dir)
    from analysis.reading.importer import read_files
    from analysis.sample import folder_paths
    from analysis.store import Store, Upload, content_hash

    store = Store()
    store.ensure_schema()
    files = [(p.name, p.read_bytes()) for p in folder_paths(folder)]
    results = read_files(files)
    store.import_uploads([Upload(n, content_hash(d), r) for (n, d), r in zip(files, results, strict=True)])
    (store_dir / "done").write_text("ok")
    return store_dir


def _wait_for_preparation() -> float:
    """Wait for the server's background preparation of the pages' numbers (``views._data.prepare_numbers``)."""
    from views._data import PREPARING_THREAD

    started = time.perf_counter()
    for thread in threading.enumerate():
        if thread.name == PREPARING_THREAD:
            thread.join()
    return time.perf_counter() - started


def time_pages(data_dir: Path, runs: int) -> tuple[float, float, dict[str, float], dict[str, float], dict[str, float]]:
    """The cold start, the wait for the numbers prepared after it, and per page the first visit, the median
    rerun and the run after a filter changed (seconds)."""
    from streamlit.testing.v1 import AppTest

    os.environ.pop("DATABASE_URL", None)
    os.environ["PARTNERSTWO_DATA_DIR"] = str(data_dir)
    first: dict[str, float] = {}
    rerun: dict[str, float] = {}
    changed: dict[str, float] = {}
    cold = preparing = 0.0
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        started = time.perf_counter()
        at.run()
        if not cold:  # the first: the data are read from the store (or its snapshot), then the numbers prepared
            cold = time.perf_counter() - started
            preparing = _wait_for_preparation()
        at.switch_page(page)
        started = time.perf_counter()
        at.run()
        first[page] = time.perf_counter() - started
        if at.exception:
            raise SystemExit(f"{page}: {at.exception}")
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - started)
        rerun[page] = statistics.median(samples)
        at.multiselect(key="f_gminas").set_value(["legionowo"])
        started = time.perf_counter()
        at.run()
        changed[page] = time.perf_counter() - started
    return cold, preparing, first, rerun, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import resource
    import tempfile

    big = make_big_store(make_big_cycle(args.rows))
    with tempfile.TemporaryDirectory(prefix="partnerstwo-bench-") as sample_folder:  # the sample's store, removed after
        small_cold, small_prepared, small_first, small_rerun, small_changed = time_pages(Path(sample_folder), args.runs)
    big_cold, big_prepared, big_first, big_rerun, big_changed = time_pages(big, args.runs)
    size = f"{args.rows // 1000}k rows" if args.rows < 1_000_000 else f"{args.rows / 1e6:g}M rows"
    print(f"first visit (data cached and numbers prepared by the server), rerun (median of {args.runs}) and the run "
          "after a filter changed, seconds")
    print(f"{'page':24} {'sample':>7} {size:>8} {'ratio':>5}   {'sample':>7} {size:>8} {'ratio':>5}   "
          f"{'sample':>7} {size:>8} {'ratio':>5}")
    worst = 0.0
    for page in PAGES:
        ratios = big_first[page] / small_first[page], big_rerun[page] / small_rerun[page]
        worst = max(worst, *ratios)
        print(f"{page:24} {small_first[page]:7.3f} {big_first[page]:8.3f} {ratios[0]:5.2f}   "
              f"{small_rerun[page]:7.3f} {big_rerun[page]:8.3f} {ratios[1]:5.2f}   "
              f"{small_changed[page]:7.3f} {big_changed[page]:8.3f} {big_changed[page] / small_changed[page]:5.2f}")
    print(f"worst ratio of first visit and rerun: {worst:.2f} (target <= 2.00) -> {'OK' if worst <= 2 else 'TOO SLOW'}")
    print(f"cold start (first script run, data read from the store): sample {small_cold:.2f} s, {size} {big_cold:.2f} s")
    print(f"then the pages' numbers prepared in the background (waited for before the first visits): "
          f"sample {small_prepared:.2f} s, {size} {big_prepared:.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (both stores' data cached): {peak:.0f} MB (target <= 1024)")


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        main()
