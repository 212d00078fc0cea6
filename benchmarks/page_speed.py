"""Benchmark: each view's rerun on cached data, at the sample's size and at 100,000 attendance rows.

For every page of the dashboard, the median time of a rerun (the script run after the data
are cached, as when a filter changes) is measured with Streamlit's AppTest, first on the
sample cycle, then on a generated cycle of 100,000 attendance rows and 5,000 proposals.
The target (issue 3): the larger is at most twice the smaller.

    python benchmarks/page_speed.py [--runs 7]

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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIG = ROOT / "bench_out" / "big_cycle"
PAGES = ["views/przeglad.py", "views/uczestnictwo.py", "views/propozycje.py", "views/postep.py", "views/cykle.py",
         "views/historia.py"]
SECTORS = ["JST", "przedsiębiorca", "NGO", "oświata", "OPS", "rolnik", "kultura", "zdrowie", "rynek pracy", "cech",
           "izba gospodarcza", "inne"]
PLACES = ["Legionowo", "Jabłonna", "Chotomów", "Serock", "Nieporęt", "Wieliszew", "Warszawa", "Zegrze"]
AREAS = ["1", "2", "3", "4"]


def make_big_cycle(attendance_rows: int = 100_000, proposals: int = 5_000) -> Path:
    if (BIG / "done").exists():
        return BIG
    from openpyxl import Workbook

    BIG.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "sample_data" / "harmonogram_2018.xlsx", BIG / "harmonogram_2018.xlsx")
    shutil.copy(ROOT / "sample_data" / "gminy_2018.xlsx", BIG / "gminy_2018.xlsx")  # residents: the map is drawn
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
        wb.save(BIG / f"lista_{workshop}.xlsx")
    wb = Workbook(write_only=True)
    per_sheet = proposals // len(held)
    for workshop in held:
        ws = wb.create_sheet(f"{workshop} propozycje")
        ws.append(["Nr", "Grupa", "Obszar", "Tytuł propozycji", "Opis", "Podmiot wiodący", "Liczba głosów", "Status"])
        for i in range(1, per_sheet + 1):
            voted = workshop < held[-1]
            ws.append([i, f"Grupa {rng.randrange(1, 6)}", rng.choice(AREAS), f"Propozycja {workshop}-{i}",
                       "Opis propozycji", f"Fundacja {rng.randrange(500)}", rng.randrange(60) if voted else None,
                       rng.choice(["wybrana", "odrzucona"]) if voted else "pod głosowanie"])
    wb.save(BIG / "propozycje.xlsx")
    (BIG / "done").write_text("ok")
    return BIG


def make_big_store(folder: Path) -> Path:
    store_dir = ROOT / "bench_out" / "big_store"
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


def time_pages(data_dir: Path, runs: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ.pop("DATABASE_URL", None)
    os.environ["PARTNERSTWO_DATA_DIR"] = str(data_dir)
    results = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.run()
        at.switch_page(page)
        at.run()  # data are cached from here on
        if at.exception:
            raise SystemExit(f"{page}: {at.exception}")
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - started)
        results[page] = statistics.median(samples)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import tempfile

    big = make_big_store(make_big_cycle())
    small_times = time_pages(Path(tempfile.mkdtemp(prefix="partnerstwo-bench-")), args.runs)
    big_times = time_pages(big, args.runs)
    print(f"rerun on cached data, median of {args.runs} (seconds)")
    print(f"{'page':28} {'sample':>8} {'100k rows':>10} {'ratio':>6}")
    worst = 0.0
    for page in PAGES:
        ratio = big_times[page] / small_times[page]
        worst = max(worst, ratio)
        print(f"{page:28} {small_times[page]:8.3f} {big_times[page]:10.3f} {ratio:6.2f}")
    print(f"worst ratio: {worst:.2f} (target <= 2.00) -> {'OK' if worst <= 2 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
