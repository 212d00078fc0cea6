"""`python -m analysis import | history | undo` on the same store as the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import fixtures as fx

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, name: str, rows: list[list[object]]) -> str:
    path = tmp_path / name
    path.write_bytes(fx.xlsx_bytes({"Arkusz1": rows}))
    return str(path)


def history(cli) -> list[dict]:
    done = cli("history", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["batches"]


def test_import_history_undo(cli, tmp_path):
    assert {b["file"] for b in history(cli)} >= {"harmonogram_2018.xlsx", "propozycje_2018.xlsx"}  # the sample
    rows = [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]
    path = write(tmp_path, "lista.xlsx", rows)
    done = cli("import", path)
    assert done.returncode == 1 and "Nic nie zapisano" in done.stdout and "--workshop" in done.stdout
    done = cli("import", path, "--workshop", "3")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Usunięto dane przykładowe" in done.stdout
    [batch] = history(cli)
    assert {k: batch[k] for k in ("file", "kind", "workshop", "rows")} == {
        "file": "lista.xlsx", "kind": "attendance", "workshop": 3, "rows": 5}
    assert set(batch) >= {"id", "file", "kind", "workshop", "rows", "imported_at"}
    again = cli("import", path, "--workshop", "3")
    assert again.returncode == 0 and "nie zapisano go drugi raz" in again.stdout
    other = write(tmp_path, "lista2.xlsx", [*rows, [6, "Nowa Osoba", "OSP", "NGO", "Serock", ""]])
    conflict = cli("import", other, "--workshop", "3")
    assert conflict.returncode == 1 and "ma już listę obecności" in conflict.stdout
    assert len(history(cli)) == 1
    replaced = cli("import", other, "--workshop", "3", "--replace")
    assert replaced.returncode == 0 and "Zastąpiono" in replaced.stdout
    [batch] = history(cli)
    assert batch["file"] == "lista2.xlsx" and batch["rows"] == 6
    undone = cli("undo", batch["id"])
    assert undone.returncode == 0 and "Cofnięto partię" in undone.stdout
    [back] = history(cli)  # undoing the replacement brings the earlier list back
    assert back["file"] == "lista.xlsx" and back["rows"] == 5
    assert cli("undo", back["id"]).returncode == 0
    assert history(cli) == []
    missing = cli("undo", batch["id"])
    assert missing.returncode == 1 and "Nie ma partii" in missing.stdout and "Traceback" not in missing.stderr


def test_refused_file_saves_nothing(cli, sample_folder, tmp_path):
    before = history(cli)
    good = write(tmp_path, "dobra.xlsx", [["Lista – warsztat 1"], fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS])
    bad = tmp_path / "zla.xlsx"
    bad.write_bytes(fx.docx_bytes())
    done = cli("import", good, str(bad))
    assert done.returncode == 1 and "Nic nie zapisano" in done.stdout and "Worda" in done.stdout
    assert history(cli) == before


def test_wrong_usage(cli):
    for args in (["import"], ["undo"], ["import", "x.xlsx", "--replace", "--add"], ["import", "x", "--workshop", "abc"]):
        done = cli(*args)
        assert done.returncode == 2 and "Użycie" in done.stderr


@pytest.mark.parametrize("fmt", ["html", "xlsx", "pptx", "slides"])
def test_report_command(cli, sample_folder, tmp_path, fmt):
    out = tmp_path / f"raport.{fmt}"
    done = cli("report", "--format", fmt, "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "na warsztat 4. Legionowo" in done.stdout
    head = out.read_bytes()[:16]
    assert head.startswith(b"<!doctype html>") if fmt in ("html", "slides") else head.startswith(b"PK")


def test_slides_command_writes_the_show_for_the_chosen_workshop(cli, sample_folder, tmp_path):
    out = tmp_path / "pokaz.html"
    done = cli("report", "--format", "slides", "--out", str(out), "--workshop", "3")
    assert done.returncode == 0, done.stdout + done.stderr
    page = out.read_text(encoding="utf-8")
    assert "Warsztat 3. Jabłonna" in page and "id='plotly-source'" in page  # plotly.js inside: runs offline
    assert "Dane przykładowe" in page


def test_report_command_refusals(cli, tmp_path):
    done = cli("report", "--format", "html", "--out", str(tmp_path / "brak" / "raport.html"))
    assert done.returncode == 1 and "podaj ścieżkę pliku" in done.stdout
    done = cli("report", "--format", "pdf", "--out", str(tmp_path / "r.pdf"))
    assert done.returncode == 2 and "Użycie" in done.stderr


def test_undo_without_an_id_says_what_is_missing_not_the_whole_help(capsys):
    from analysis.__main__ import main

    with pytest.raises(SystemExit) as ended:
        main(["undo"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "Podaj identyfikator partii" in err and "python -m analysis undo ID_PARTII" in err
    assert "Polecenia:" not in err and "check    Wczytuje" not in err  # one usage line, not the whole help


def test_report_for_a_workshop_not_in_the_cycle_is_refused(cli, sample_folder, tmp_path):
    out = tmp_path / "raport.html"
    done = cli("report", "--format", "html", "--out", str(out), "--workshop", "9")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "W cyklu 2018 nie ma warsztatu 9." in done.stdout
    assert "1. Serock, 2. Wieliszew, 3. Jabłonna, 4. Legionowo, 5. Nieporęt" in done.stdout
    assert not out.exists() and "Traceback" not in done.stderr
    done = cli("report", "--format", "html", "--out", str(out), "--workshop", "5")
    assert done.returncode == 0 and "na warsztat 5. Nieporęt" in done.stdout


def test_a_gmina_table_alone_is_imported_into_an_empty_store(cli):
    """A gmina table names no workshop (it belongs to a cycle): nothing to ask, it is saved."""
    done = cli("import", str(ROOT / "sample_data" / "gminy_2018.xlsx"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✓ Zapisano gminy_2018.xlsx" in done.stdout and "nieoczekiwany" not in done.stdout + done.stderr
    assert [(b["file"], b["kind"]) for b in history(cli)] == [("gminy_2018.xlsx", "gminas")]
