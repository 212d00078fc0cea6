"""Reports opened back and compared with the metrics; native charts; injected text stays text."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis import metrics, report
from analysis.dataset import Dataset
from analysis.importer import read_files
from analysis.store import Store, Upload, content_hash, open_store
from tests import fixtures as fx
from tests.helpers import plain

HOSTILE = ["=HYPERLINK(\"http://x\",\"klik\")", "+1+2", "-3", "@SUM(1)", "=1+1", "<script>window.__xss=1</script>"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Dataset:
    return open_store(f"sqlite:///{tmp_path_factory.mktemp('s') / 's.sqlite'}").dataset()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Dataset:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('h') / 'h.sqlite'}", key=b"k" * 32)
    store.ensure_schema()
    proposals = [["Nr", "Grupa", "Obszar", "Tytuł propozycji", "Podmiot wiodący", "Status"]]
    proposals += [[i + 1, "<img src=x onerror=window.__xss=2>", "1", t, t, "pod głosowanie"] for i, t in enumerate(HOSTILE)]
    attendance = [fx.ATTENDANCE_HEADER, *[[1, n, t, "JST", "Serock", ""] for n, t in zip(["A B", "C D", "E F", "G H",
                                                                                          "I J", "K L"], HOSTILE, strict=True)]]
    # CSV: a spreadsheet would hold "=HYPERLINK(…)" as a formula, a form's CSV holds it as text
    files = [("3 Jabłonna propozycje.csv", fx.csv_bytes(proposals)), ("3 Jabłonna lista.csv", fx.csv_bytes(attendance))]
    results = read_files(files)
    store.import_uploads([Upload(n, content_hash(d), r) for (n, d), r in zip(files, results, strict=True)])
    return store.dataset()


def html_figures(page: str) -> dict[str, dict]:
    figures = {}
    for match in re.finditer(r'Plotly\.newPlot\(\s*"(chart-[a-z]+)",\s*', page):
        data, _ = json.JSONDecoder().raw_decode(page, match.end())
        figures[match.group(1)] = plain(data)
    return figures


def test_html_report_has_the_pages_numbers(sample):
    made = report.build(sample)
    page = report.to_html(made)
    assert page.startswith("<!doctype html>") and "cdn" not in page.lower().split("<script>")[0]
    assert "src=\"http" not in page and "src='http" not in page  # plotly.js is embedded, nothing fetched
    view, _ = report.for_workshop(sample)
    figures = html_figures(page)
    bars = figures["chart-cycle"][0]
    assert bars["y"] == metrics.participants_by_workshop(view).dropna()["participants"].astype(int).tolist()
    assert bars["y"] == [86, 93, 101]
    shares = metrics.sector_share_cycle(view)
    sector_trace = figures["chart-sectors"][0]
    assert sorted(sector_trace["x"]) == pytest.approx(sorted(shares["share"].tolist()))
    assert "134" in page and "Słownik pojęć" in page and "Raport na warsztat 4. Legionowo" in page
    assert "lista_obecnosci_3_jablonna.xlsx" not in page  # sources come from the caller (none given here)


def test_xlsx_report_has_native_charts_and_the_same_numbers(sample):
    made = report.build(sample)
    wb = load_workbook(io.BytesIO(report.to_xlsx(made, sample)))
    summary = {wb["Podsumowanie"].cell(row=r, column=1).value: wb["Podsumowanie"].cell(row=r, column=2).value
               for r in range(4, 10)}
    o = metrics.overview(report.for_workshop(sample)[0])
    assert summary == {"Warsztaty odbyte": o.workshops_held, "Warsztaty w harmonogramie": o.workshops_planned,
                       "Unikalni uczestnicy": o.unique_participants, "Instytucje": o.institutions,
                       "Reprezentowane sektory": o.sectors_represented, "Propozycje": o.proposals}
    for slide in made.slides:
        ws = wb[slide.title[:31]]
        assert len(ws._charts) == 1, slide.title
    areas = wb["Propozycje według obszarów"]
    assert [areas.cell(row=r, column=2).value for r in range(2, 6)] == [11, 12, 8, 10]
    people = wb["Uczestnicy (bez danych os.)"]
    assert [c.value for c in people[1]] == ["Warsztat", "Instytucja", "Sektor", "Gmina pochodzenia", "Funkcja", "Grupa"]
    assert people.max_row == 281


def test_pptx_report_has_native_charts_with_the_same_numbers(sample):
    from pptx import Presentation

    made = report.build(sample)
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(made.slides)
    charts = {s.shapes.title.text: next(sh.chart for sh in s.shapes if sh.has_chart) for s in slides[1:]
              if any(sh.has_chart for sh in s.shapes)}  # the pages of the vote list hold the list
    assert set(charts) == set(report.SLIDES.values())
    cycle = charts["Cykl do tej pory"]
    assert list(cycle.plots[0].series[0].values) == [86.0, 93.0, 101.0]
    assert list(charts["Propozycje według obszarów"].plots[0].series[0].values) == [11.0, 12.0, 8.0, 10.0]
    assert list(charts["Propozycje do głosowania dziś"].plots[0].series[0].values) == [4.0, 4.0, 3.0, 4.0]


def test_injected_text_stays_text_in_every_report(hostile):
    made = report.build(hostile, workshop=4)
    page = report.to_html(made)
    assert "<script>window.__xss" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    wb = load_workbook(io.BytesIO(report.to_xlsx(made, hostile)))
    ws = wb["Propozycje"]
    titles = {ws.cell(row=r, column=5).value: ws.cell(row=r, column=5) for r in range(2, ws.max_row + 1)}
    for text in HOSTILE:
        assert text in titles, text
        assert titles[text].data_type == "s"  # a string cell, never a formula
    institutions = [c.value for c in wb["Uczestnicy (bez danych os.)"]["B"][1:]]
    assert set(institutions) == set(HOSTILE)
    from pptx import Presentation

    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    texts = [p.text for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    assert any("<script>window.__xss=1</script>" in t for t in texts)  # plain text in a text box


def test_empty_store_reports_do_not_fail():
    empty = Dataset(pd.DataFrame(columns=["cycle", "workshop", "date", "gmina", "venue", "title"]),
                    pd.DataFrame(columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role",
                                          "group"]),
                    pd.DataFrame(columns=["cycle", "workshop", "number", "group", "area", "title", "description", "lead",
                                          "lead_sector", "partners", "votes", "status"]))
    from analysis.dataset import dataset_frames

    data = dataset_frames(empty.workshops, empty.attendance, empty.proposals)
    made = report.build(data)
    assert report.to_html(made) and report.to_xlsx(made, data) and report.to_pptx(made)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "=cmd|' /C calc'!A0"])
def test_safe_cell_writes_formula_like_text_as_text(text):
    from openpyxl import Workbook

    wb = Workbook()
    report.safe_cell(wb.active["A1"], text)
    out = io.BytesIO()
    wb.save(out)
    cell = load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    assert cell.value == text and cell.data_type == "s"
