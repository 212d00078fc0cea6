"""Damaged files never crash the reader: every one ends in a verdict (a file's refusal or its tables).

The fuzz cases mutate valid xlsx, xls, ods and csv files (bit flips, truncation, zip parts dropped,
swapped or duplicated, corrupted deflate data) from fixed seeds, so a failure always reproduces:
most run in-process through the CLI's ``main``, a few as real processes to catch crashes.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from analysis import __main__ as cli
from analysis.errors import CODES
from analysis.reading import importer
from analysis.reading.importer import read_files
from tests import fixtures as fx

ROOT = Path(__file__).resolve().parents[2]
TABLE = [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]
PROPOSALS = [["Nr", "Obszar", "Tytuł propozycji", "Podmiot wiodący", "Partnerzy", "Liczba głosów"],
             [1, "I", "Bon lokalny", "Urząd Gminy Jabłonna", "Fundacja A\nOSP", 12],
             [2, 4, "Punkt inwestora", "Fundacja X", "", "7 głosów"]]
ZIP_MUTATIONS = (fx.corrupt_deflate, fx.flip_bits, fx.truncate, fx.drop_entry, fx.swap_entries, fx.duplicate_entry)
BYTE_MUTATIONS = (fx.flip_bits, fx.truncate)
FORMATS = ("xlsx", "xls", "ods", "csv")
IN_PROCESS_CASES = 40  # per format
PROCESS_CASES = 4  # per format, all read by one whole `python -m analysis check --json`


@pytest.fixture(scope="module")
def originals() -> dict[str, bytes]:
    sheets = {"3 Jabłonna": TABLE, "Propozycje 3": PROPOSALS}
    return {"xlsx": fx.xlsx_bytes(sheets), "xls": fx.xls_bytes(sheets), "ods": fx.ods_bytes(sheets),
            "csv": fx.csv_bytes(TABLE)}


def damaged(originals: dict[str, bytes], fmt: str, seed: int) -> tuple[str, bytes]:
    """One mutation of the valid ``fmt`` file, the same every run for the same seed."""
    rng = random.Random(f"{fmt}-{seed}")
    mutation = rng.choice(ZIP_MUTATIONS if fmt in ("xlsx", "ods") else BYTE_MUTATIONS)
    return mutation.__name__, mutation(originals[fmt], rng)


def assert_verdict(code: int, out: str, err: str, names: list[str]) -> None:
    assert code in (0, 1), (code, err)
    assert "Traceback" not in out + err and err == "", err
    files = json.loads(out)["files"]
    assert [f["file"] for f in files] == names
    for f in files:
        if f["ok"]:
            assert f["error"] is None and f["error_code"] is None and f["tables"]
        else:
            assert isinstance(f["error"], str) and f["error"].endswith((".", ")"))
            # a refusal the readers recognise, not the importer's last line of defence
            assert f["error_code"] in CODES and f["error_code"] != "reader_failed", f["error"]
    assert code == (0 if all(f["ok"] for f in files) else 1)


@pytest.mark.parametrize("seed", range(IN_PROCESS_CASES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_damaged_file_gets_a_json_verdict(fmt, seed, originals, tmp_path, capsys):
    mutation, data = damaged(originals, fmt, seed)
    path = tmp_path / f"{mutation}.{fmt}"
    path.write_bytes(data)
    code = cli.main(["check", "--json", str(path)])
    captured = capsys.readouterr()
    assert_verdict(code, captured.out, captured.err, [path.name])


def run_check(paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "check", "--json", *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_damaged_files_in_a_real_process_end_with_an_exit_code_not_a_crash(originals, tmp_path):
    """A segfault or an abort shows only in a real process (a negative return code, no JSON): the cases of
    every format in one process, as one `check` of many files."""
    paths = []
    for fmt in FORMATS:
        for seed in range(1000, 1000 + PROCESS_CASES):
            mutation, data = damaged(originals, fmt, seed)
            paths.append(tmp_path / f"{seed}-{mutation}.{fmt}")
            paths[-1].write_bytes(data)
    together = run_check(paths)
    assert_verdict(together.returncode, together.stdout, together.stderr, [p.name for p in paths])


def test_corrupt_deflate_in_an_xlsx_is_a_refusal_in_a_real_process(originals, tmp_path):
    """The reported case: zlib.error escaped, `check --json` printed no JSON."""
    path = tmp_path / "lista.xlsx"
    path.write_bytes(fx.corrupt_deflate(originals["xlsx"], random.Random(0), member="[Content_Types].xml"))
    done = run_check([path])
    assert done.returncode == 1 and done.stderr == ""
    [verdict] = json.loads(done.stdout)["files"]
    assert verdict["error_code"] == "damaged"


# --- the importer's last line of defence ----------------------------------------------------------


def test_a_file_the_reader_trips_over_is_that_files_refusal(monkeypatch, originals):
    real = importer.read_workbook

    def read_workbook(data: bytes, name: str = ""):
        if name == "zepsuty.xlsx":
            raise KeyError("a bug in a reader")
        return real(data, name)

    monkeypatch.setattr(importer, "read_workbook", read_workbook)
    broken, good = read_files([("zepsuty.xlsx", originals["xlsx"]), ("dobry.xlsx", originals["xlsx"])])
    assert not broken.ok and broken.tables == [] and broken.error_code == "reader_failed"
    assert "KeyError" in broken.error and "bug" not in broken.error  # the type only, never cell contents
    assert good.ok and [t.kind for t in good.tables] == ["attendance", "proposals"]


@pytest.mark.parametrize("step", ["locate_table", "normalise"])
def test_a_file_the_tables_trip_over_is_that_files_refusal(monkeypatch, originals, step):
    from analysis.reading import locate, normalise

    module = locate if step == "locate_table" else normalise
    real = getattr(module, step)

    def tripping(located, *args, **kwargs):
        sheet = located if step == "locate_table" else located.sheet
        if sheet.name == "Zepsuty":
            raise ValueError("a bug in the tables")
        return real(located, *args, **kwargs)

    monkeypatch.setattr(module, step, tripping)
    broken = fx.xlsx_bytes({"Zepsuty": TABLE})
    schedule = fx.xlsx_bytes({"H": [["Nr", "Data", "Gmina"], [1, "10.03.2019", "Nieporęt"]]})
    results = read_files([("a.xlsx", broken), ("b.xlsx", originals["xlsx"]), ("h.xlsx", schedule)])
    assert [r.ok for r in results] == [False, True, True]
    assert results[0].error_code == "reader_failed" and "ValueError" in results[0].error and results[0].tables == []
    assert results[1].tables[0].rows == 5 and set(results[1].tables[0].frame["cycle"]) == {"2019"}


# --- the CLI leaves no thread importing at exit -----------------------------------------------------


def test_check_returns_only_after_the_pandas_import_thread_is_done(monkeypatch, tmp_path, capsys):
    """An interpreter exiting while a thread imports C extensions can crash: `check` joins its thread."""
    import importlib
    import time

    finished = threading.Event()
    real = importlib.import_module

    def slow_import(name: str, package: str | None = None):
        if name == "pandas":
            time.sleep(0.5)
            finished.set()
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", slow_import)
    path = tmp_path / "pusty.xlsx"
    path.write_bytes(b"")
    assert cli.main(["check", "--json", str(path)]) == 1
    assert finished.is_set()
    assert json.loads(capsys.readouterr().out)["files"][0]["ok"] is False
