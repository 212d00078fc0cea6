"""``python -m analysis check | import`` of a GUS BDL export, and the source the per-10 000 numbers then say."""

from __future__ import annotations

import json

from tests import fixtures as fx
from tests.reading.test_bdl import CTAB, EXPECTED, relational_layout, table_layout


def test_a_bdl_export_is_imported_as_the_gmina_table_and_every_output_says_its_source(cli, tmp_path):
    attendance = tmp_path / "lista.xlsx"  # the office's own list first (the sample is removed on the first import)
    attendance.write_bytes(fx.xlsx_bytes({"Lista": [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]}))
    assert cli("import", str(attendance), "--workshop", "3").returncode == 0
    path = tmp_path / CTAB
    path.write_bytes(table_layout(encoding="cp1250"))
    checked = cli("check", str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "tabela gmin (liczba mieszkańców), 5 wierszy do zaimportowania" in checked.stdout
    done = cli("import", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    batches = json.loads(cli("history", "--json").stdout)["batches"]
    [batch] = [b for b in batches if b["file"] == CTAB]
    assert (batch["kind"], batch["rows"]) == ("gminas", 5)
    cycle = "2018"  # the default plan's cycle, the list's and the gmina table's
    numbers = json.loads(cli("metrics", "--cycle", cycle, "--json").stdout)["participants_per_10k"]
    assert {g: (numbers[g]["population"], numbers[g]["year"], numbers[g]["source"]) for g in EXPECTED} == {
        g: (n, 2023, "GUS BDL") for g, n in EXPECTED.items()}
    evaluation = tmp_path / "ocena.html"
    assert cli("report", "--format", "evaluation", "--out", str(evaluation), "--cycle", cycle).returncode == 0
    assert "Liczba mieszkańców gmin według tabeli gmin w magazynie: GUS BDL, rok 2023." in evaluation.read_text("utf-8")
    slides = tmp_path / "raport.html"
    assert cli("report", "--format", "html", "--out", str(slides)).returncode == 0
    assert "Liczba mieszkańców: GUS BDL, rok 2023." in slides.read_text("utf-8")


def test_a_bdl_export_of_another_variable_is_refused_and_nothing_is_saved(cli, tmp_path):
    before = json.loads(cli("history", "--json").stdout)["batches"]
    path = tmp_path / "LUDN_2137_CREL_20240611120000.csv"
    path.write_bytes(relational_layout(unit="zł"))
    done = cli("import", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "nie zawiera liczby ludności: jego wartości nie są liczbą osób (jednostka miary: „zł”)" in done.stdout
    assert json.loads(cli("history", "--json").stdout)["batches"] == before
