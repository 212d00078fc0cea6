"""The source-data page: the sample cycle as read, and a check of an uploaded file."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import fixtures as fx

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("views/dane.py")
    at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption]
    return "\n".join(parts)


def test_sample_cycle_is_shown_with_what_was_read(app):
    assert app.title[0].value == "Dane źródłowe"
    assert "Dane przykładowe" in app.info[0].value
    shown = texts(app)
    for name in ("harmonogram_2018.xlsx", "lista_obecnosci_1_serock.xlsx", "lista_obecnosci_2_wieliszew.csv",
                 "lista_obecnosci_3_jablonna.xlsx", "propozycje_2018.xlsx"):
        assert name in shown
    assert "lista obecności, 101 wierszy; warsztat: nr 3 (z tytułu nad tabelą)" in shown
    assert "propozycje projektów, 15 wierszy; warsztat: nr 3 (z nazwy arkusza)" in shown
    assert not app.error and not app.warning
    assert len(app.success) == 7  # every sample table without problems
    # Polish labels on screen, never codes
    frames = [d.value for d in app.dataframe]
    sector_table = next(f for f in frames if "Sektor" in f.columns and "Liczba" in f.columns)
    assert "Samorząd (gminy i powiat)" in set(sector_table["Sektor"])
    assert not any("local_government" in str(f.to_dict()) for f in frames)


def test_uploaded_file_is_checked_and_nothing_is_saved(app):
    rows = [["Lista obecności – warsztat 2"], fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS,
            [6, "Jan Kosmita", "Jan Kowalski", "kosmos", "Mars", ""]]
    app.file_uploader(key="check_upload").set_value(("moja_lista.xlsx", fx.xlsx_bytes({"Lista": rows}),
                                                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    app.run()
    assert not app.exception
    shown = texts(app)
    assert "moja_lista.xlsx" in shown
    assert "lista obecności, 6 wierszy; warsztat: nr 2" in shown
    assert "Problemy: 1" in app.warning[0].value
    problems = app.dataframe[-2].value  # the problems table, before the preview
    assert list(problems["Wiersz"]) == [8] and list(problems["Kolumna"]) == ["Reprezentowany sektor"]


def test_refused_upload_says_why_in_polish(app):
    app.file_uploader(key="check_upload").set_value(("raport.xlsx", fx.docx_bytes(), "application/octet-stream"))
    app.run()
    assert not app.exception
    assert "raport.xlsx" in app.error[0].value and "dokument Worda" in app.error[0].value
