"""No stored data crashes a command: every CLI command run over stores in which each field in turn is empty,
unknown or absurd (``tests.faulty``; every page on them: tests/views/test_faulty_stores.py)."""

from __future__ import annotations

import pytest

from analysis.__main__ import main
from tests import faulty
from tests import fixtures as fx


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path))


READING = [("history", "--json"), ("metrics", "--json"), ("metrics", "--cycle", "2026", "--workshop", "1", "--json"),
           ("protocol", "--out", "protokol.html"), ("protocol", "--out", "protokol.xlsx")]
# every report format is written once per store: those of the projector before the import and undo, the HTML
# report (whole, and for a workshop of the cycle) after them
REPORTS_BEFORE = [("report", "--format", kind, "--out", f"raport.{suffix}")
                  for kind, suffix in (("xlsx", "xlsx"), ("pptx", "pptx"), ("slides", "slajdy.html"))]
REPORTS_AFTER = [("report", "--format", "html", "--out", "raport.html"),
                 ("report", "--format", "html", "--out", "raport3.html", "--workshop", "3")]


@pytest.mark.parametrize("fault", [None, *faulty.FAULTS])
def test_every_command_runs_on_a_store_with_faulty_fields(fault, tmp_path, capsys):
    """Each command as ``python -m analysis`` runs it (its ``main``, in this process to keep the test short)."""
    store = faulty.build(f"sqlite:///{tmp_path / 'partnerstwo.sqlite'}", fault)
    schedule = tmp_path / "harmonogram.xlsx"
    schedule.write_bytes(fx.xlsx_bytes({"Harmonogram": [
        ["Nr", "Data", "Gmina", "Miejsce", "Temat"], [1, "2027-03-01", "Serock", "Hala", "Diagnoza"],
        [2, "do ustalenia", "Wieliszew", "GOK", "Wsparcie"], [3, None, "Jabłonna", "Pałac", "Propozycje"]]}))
    attendance = next(b.id for b in store.history() if b.kind == "attendance")
    for command in [*READING, *REPORTS_BEFORE, ("check", str(schedule)), ("import", str(schedule)),
                    ("undo", attendance), *READING, *REPORTS_AFTER]:
        code = main([str(tmp_path / part) if part.startswith(("raport", "protokol")) else part for part in command])
        said = capsys.readouterr()
        assert code == 0 and not said.err, (command, said)
