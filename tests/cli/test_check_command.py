"""``python -m analysis check``: its JSON, text and exit codes."""

from __future__ import annotations

import gc
import json

import pytest

from analysis.reading import delimited
from analysis.sample import sample_paths
from tests import commands
from tests import fixtures as fx


def run_cli(*args: str) -> commands.Done:
    return commands.run(*args)


def test_check_json_on_the_sample(tmp_path):
    done = run_cli("check", *[str(p) for p in sample_paths()], "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    files = {f["file"]: f for f in report["files"]}
    jab = files["lista_obecnosci_3_jablonna.xlsx"]
    assert jab["ok"] is True and jab["error"] is None
    [table] = jab["tables"]
    assert table["sheet"] == "Lista" and table["kind"] == "attendance"
    assert table["by_workshop"] == {"3": table["rows"]}
    assert sum(table["by_sector"].values()) == table["rows"]
    assert table["by_area"] == {}
    assert {p["code"] for p in table["problems"]} == {"sector_from_name"}  # guesses to check, with their rows
    proposals = files["propozycje_2018.xlsx"]["tables"]
    assert [t["by_workshop"] for t in proposals] == [{"1": 12}, {"2": 14}, {"3": 15}]
    assert proposals[2]["by_area"] == {"1": 4, "2": 4, "3": 3, "4": 4}


def test_check_json_reports_refusals_and_problems_with_exit_1(tmp_path):
    bad = tmp_path / "raport.xlsx"
    bad.write_bytes(fx.docx_bytes())
    problems = tmp_path / "lista.csv"
    problems.write_bytes(fx.csv_bytes([["Imię i nazwisko", "Instytucja", "Sektor", "Warsztat"],
                                       ["Anna Nowak", "Jan Kowalski", "kosmos", "3"]]))
    done = run_cli("check", str(problems), str(bad), "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)  # exactly one JSON document
    assert done.stdout.count("\n") == 1  # on one line (written by json's C encoder: a large file has many problems)
    ok, refused = report["files"]
    assert ok["ok"] and ok["error_code"] is None and ok["tables"][0]["problems"] == [
        {"row": 2, "rows": [[2, 2]], "column": "Sektor", "code": "sector_unknown",
         "message": ok["tables"][0]["problems"][0]["message"]}]
    assert ok["tables"][0]["by_sector"] == {"other": 1}
    assert refused == {"file": "raport.xlsx", "ok": False, "error": refused["error"], "error_code": "not_a_spreadsheet",
                       "tables": [], "notes": []}
    assert "Worda" in refused["error"]  # the sentence says what the file is
    assert "Traceback" not in done.stderr


def test_a_guessed_sector_is_told_once_per_institution_in_the_json_and_the_text(tmp_path):
    path = tmp_path / "lista.csv"
    path.write_bytes(fx.csv_bytes([["Imię i nazwisko", "Instytucja", "Sektor", "Warsztat"],
                                   *[[f"Osoba {i}", "Fundacja Razem", "", "3"] for i in range(4)],
                                   ["Jan Król", "Stowarzyszenie X", "", "3"], ["Ewa Mazur", "Fundacja Razem", "", "3"]]))
    sentence = ("Sektor uzupełniono z nazwy instytucji „Fundacja Razem”: „Organizacje pozarządowe” (komórka sektora "
                "jest pusta; wiersze 2–5, 7). Sprawdź, czy się zgadza.")
    [table] = json.loads(run_cli("check", str(path), "--json").stdout)["files"][0]["tables"]
    assert table["problems"][0] == {"row": 2, "rows": [[2, 5], [7, 7]], "column": "Sektor", "code": "sector_from_name",
                                    "message": sentence}
    assert [p["rows"] for p in table["problems"]] == [[[2, 5], [7, 7]], [[6, 6]]]
    text = run_cli("check", str(path)).stdout
    assert f"wiersz 2, kolumna „Sektor”: {sentence}" in text and "Problemy (2)" in text


def test_a_check_of_a_large_csv_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    """The check freezes what exists once pandas is imported (``gc.freeze``: the notices made then set off no
    walks of it) and unfreezes it before it returns: nothing stays hidden from the collector."""
    path = tmp_path / "lista.csv"
    path.write_bytes(fx.csv_bytes([["Imię i nazwisko", "Instytucja", "Sektor", "Warsztat"],
                                   *[[f"Osoba {i}", f"Fundacja {i % 3000}", "", "3"] for i in range(40_000)]]))
    assert path.stat().st_size > delimited._COLUMNAR_CSV_BYTES  # read by columns
    done = run_cli("check", str(path), "--json")
    [table] = json.loads(done.stdout)["files"][0]["tables"]
    assert done.returncode == 0 and table["rows"] == 40_000 and table["by_sector"] == {"ngo": 40_000}
    assert len(table["problems"]) == 3_000 and table["problems"][0]["rows"][:2] == [[2, 2], [3_002, 3_002]]
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_check_text_is_polish(tmp_path):
    done = run_cli("check", str(sample_paths()[0]))
    assert done.returncode == 0
    assert "harmonogram warsztatów" in done.stdout and "nic nie zostało zapisane" in done.stdout


@pytest.mark.parametrize("args", [[], ["check"], ["nieznane"], ["check", "--bogus", "x"]])
def test_wrong_usage_exits_2_in_polish(args):
    done = run_cli(*args)
    assert done.returncode == 2
    assert "Użycie" in done.stderr and "Traceback" not in done.stderr


def test_missing_file_and_folder_are_refused(tmp_path):
    done = run_cli("check", str(tmp_path / "brak.xlsx"), str(tmp_path), "--json")
    assert done.returncode == 1
    files = json.loads(done.stdout)["files"]
    assert [f["error_code"] for f in files] == ["unreadable", "unreadable"]
    assert "Nie znaleziono pliku" in files[0]["error"] and "folder" in files[1]["error"]  # each says what it is


def test_hostile_file_is_refused_by_the_cli_in_seconds(tmp_path):
    bomb = tmp_path / "bomba.xlsx"
    bomb.write_bytes(fx.far_cell_xlsx())
    done = run_cli("check", str(bomb), "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["files"][0]["ok"] is False
