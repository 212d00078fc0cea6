"""Reports opened back and compared with the metrics; native charts; injected text stays text."""

from __future__ import annotations

import dataclasses
import html
import io
import json
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis import glossary, metrics, report
from analysis.dataset import Dataset
from analysis.display import printable
from analysis.reading.importer import read_files
from analysis.report import cells, xlsx
from analysis.store import Store, Upload, content_hash
from tests import fixtures as fx
from tests.helpers import plain

HOSTILE = ["=HYPERLINK(\"http://x\",\"klik\")", "+1+2", "-3", "@SUM(1)", "=1+1", "<script>window.__xss=1</script>"]


@pytest.fixture(scope="module")
def sample(sample_dataset) -> Dataset:
    return sample_dataset


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
    wb = load_workbook(io.BytesIO(report.to_xlsx(made)))
    summary = {wb["Podsumowanie"].cell(row=r, column=1).value: wb["Podsumowanie"].cell(row=r, column=2).value
               for r in range(4, 10)}
    o = metrics.overview(report.for_workshop(sample)[0])
    assert summary == {"Warsztaty odbyte": o.workshops_held, "Warsztaty w harmonogramie": o.workshops_planned,
                       "Unikalni uczestnicy": o.unique_participants, "Instytucje": o.institutions,
                       "Reprezentowane sektory": o.sectors_represented, "Propozycje": o.proposals}
    for slide in made.slides:
        if slide.data.empty:  # a page of the vote list; "cycles": 2018 is the sample's first cycle
            assert slide.key in ("vote", "cycles") and (slide.key == "vote" or slide.sheet not in wb.sheetnames)
            continue
        ws = wb[slide.sheet]
        assert len(ws._charts) == 1, slide.title
    areas = wb["Propozycje według obszarów"]
    assert [areas.cell(row=r, column=2).value for r in range(2, 6)] == [11, 12, 8, 10]
    sectors = wb["Uczestnicy wg sektorów"]
    assert [c.value for c in sectors[5]] == ["Sektor", "1. Serock", "2. Wieliszew", "3. Jabłonna", "Osoby w cyklu"]
    assert [c.value for c in sectors[6]] == ["Samorząd (gminy i powiat)", 15, 20, 14, 26]


def test_pptx_report_has_native_charts_with_the_same_numbers(sample):
    from pptx import Presentation

    made = report.build(sample)
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    slides = list(deck.slides)
    assert len(slides) == 1 + len([s for s in made.slides if s.projector])  # the deck: the projector's slides
    charts = {s.shapes.title.text: next(sh.chart for sh in s.shapes if sh.has_chart) for s in slides[1:]
              if any(sh.has_chart for sh in s.shapes)}  # the pages of the vote list hold the list
    assert set(charts) == {kind.title for kind in report.SLIDES.values()  # "cycles": 2018 is the first cycle
                           if kind.projector and kind.key not in {*report.VOTE_SLIDES, "cycles"}}
    cycle = charts["Cykl do tej pory"]
    assert list(cycle.plots[0].series[0].values) == [86.0, 93.0, 101.0]
    assert list(charts["Propozycje według obszarów"].plots[0].series[0].values) == [11.0, 12.0, 8.0, 10.0]
    assert list(charts["Propozycje do głosowania dziś"].plots[0].series[0].values) == [4.0, 4.0, 3.0, 4.0]


def test_injected_text_stays_text_in_every_report(hostile):
    made = report.build(hostile, workshop=4)
    page = report.to_html(made)
    assert "<script>window.__xss" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    wb = load_workbook(io.BytesIO(report.to_xlsx(made)))
    ws = wb["Propozycje"]
    titles = {ws.cell(row=r, column=5).value: ws.cell(row=r, column=5) for r in range(2, ws.max_row + 1)}
    for text in HOSTILE:
        assert text in titles, text
        assert titles[text].data_type == "s"  # a string cell, never a formula
    institutions = {c.value: c for c in wb["Uczestnicy wg instytucji"]["A"][5:]}
    assert set(institutions) == set(HOSTILE)
    assert all(cell.data_type == "s" for cell in institutions.values())
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
    assert report.to_html(made) and report.to_xlsx(made) and report.to_pptx(made)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "=cmd|' /C calc'!A0"])
def test_safe_cell_writes_formula_like_text_as_text(text):
    from openpyxl import Workbook

    wb = Workbook()
    cells.safe_cell(wb.active["A1"], text)
    out = io.BytesIO()
    wb.save(out)
    cell = load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    assert cell.value == text and cell.data_type == "s"


# --- control characters ----------------------------------------------------------------------------

CONTROLS = "\x07\x01\x1b\x7f\x80\x9f"  # BEL, SOH, ESC, DEL and two C1 controls
UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _spoiled(text: object) -> object:
    """``text`` with control characters in its middle (as a bad export leaves them in a cell)."""
    if not isinstance(text, str) or not text:
        return text
    return text[:3] + CONTROLS + text[3:]


@pytest.fixture(scope="module")
def controlled(sample) -> Dataset:
    """The sample as a store written before the importer removed control characters would hold it."""
    from analysis.dataset import dataset_frames

    attendance = sample.attendance.drop(columns="person_id").astype({c: "object" for c in ("cycle", "sector", "gmina")})
    attendance = attendance.assign(**{c: attendance[c].astype("object").map(_spoiled)
                                      for c in ("institution", "role", "group")})
    attendance["role"] = attendance["role"].where(attendance["role"] != "", "prezes" + CONTROLS)
    proposals = sample.proposals.assign(**{c: sample.proposals[c].astype("object").map(_spoiled)
                                           for c in ("title", "lead", "partners", "group")})
    proposals.loc[proposals.index[0], "title"] = CONTROLS + "=1+2"  # a formula once the controls are gone
    workshops = sample.workshops.assign(venue=sample.workshops["venue"].astype("object").map(_spoiled))
    return dataset_frames(workshops, attendance, proposals, as_of=sample.as_of)  # the sample as of its own day


def _texts_of_workbook(data: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(data))
    return [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)] + wb.sheetnames


def test_clean_text_removes_what_no_format_can_hold_and_keeps_the_rest():
    assert printable("Koło\x07 Gospodyń\x00\x1b\x7f\x9f\ud800\uffff") == "Koło Gospodyń"
    assert printable("a\tb\nc\r\nd ż 😀 <b>") == "a\tb\nc\r\nd ż 😀 <b>"  # tab and new lines stay
    assert printable("a\x0bb\x0cc\x85d") == "a\nb\nc\nd"  # vertical tab, form feed, NEL: new lines
    assert printable("a\r\nb\rc", carriage_return=False) == "a\nb\nc"


def test_every_report_builds_from_text_with_control_characters(controlled, sample):
    from pptx import Presentation

    made = report.build(controlled)
    view = report.for_workshop(sample)[0]
    waiting = view.proposals[view.proposals["status"] == "to_vote"]
    # HTML: the text without the control characters (neither raw nor JSON-escaped in the charts)
    page = report.to_html(made)
    body = page.split("</head>", 1)[1]
    assert not UNFIT.search(body) and "\\u0007" not in body and "\\u001b" not in body
    for title in waiting["title"].iloc[1:]:
        assert html.escape(title) in body, title
    venue = sample.workshops[sample.workshops["cycle"] == made.cycle].set_index("workshop").loc[5, "venue"]
    assert html.escape(venue) in body
    # Excel: opens, no control character in any cell, names and titles as written without them
    data = report.to_xlsx(made)
    assert not any(UNFIT.search(t) for t in _texts_of_workbook(data))
    wb = load_workbook(io.BytesIO(data))
    institutions = {c.value for c in wb["Uczestnicy wg instytucji"]["A"][5:]}
    assert institutions == {str(n) for n in view.attendance["institution"].dropna().unique()}
    ws = wb["Propozycje"]
    columns = {ws.cell(row=1, column=c).value: c for c in range(1, ws.max_column + 1)}
    shown = {name: [ws.cell(row=r, column=columns[name]).value or "" for r in range(3, ws.max_row + 1)]
             for name in ("Tytuł", "Podmiot wiodący", "Partnerzy", "Grupa")}
    written = sample.proposals[sample.proposals["cycle"] == made.cycle].iloc[1:]
    for name, column in (("Tytuł", "title"), ("Podmiot wiodący", "lead"), ("Partnerzy", "partners"),
                         ("Grupa", "group")):
        assert shown[name] == written[column].fillna("").tolist(), name
    formula = ws.cell(row=2, column=columns["Tytuł"])
    assert formula.value == "=1+2" and formula.data_type == "s"  # cleaned, and still text, never a formula
    # PowerPoint: opens; text and chart labels without control characters or "_x0007_" escapes
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    texts = [p.text for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    texts += [str(c) for s in deck.slides for sh in s.shapes if sh.has_chart for c in sh.chart.plots[0].categories]
    assert not any(UNFIT.search(t) or "_x00" in t for t in texts)
    listed = "\n".join(texts)
    assert all(title in listed for title in waiting["title"].iloc[1:20])


def test_chart_labels_with_control_characters_fit_every_format(sample):
    from pptx import Presentation

    data = pd.DataFrame({"Instytucja\x07": ["Cech\x07 Rzemiosł", "Izba\x1b Gospodarcza"], "Osoby": [3, 4]})
    slide = report.Slide("own", "Tytuł\x07", "3\x07", "Zdanie\x9f.", None, data)
    made = dataclasses.replace(report.build(sample, keys=[]), slides=[slide])
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    chart = next(sh.chart for sh in deck.slides[1].shapes if sh.has_chart)
    assert list(chart.plots[0].categories) == ["Cech Rzemiosł", "Izba Gospodarcza"]
    assert chart.plots[0].series[0].name == "Osoby"
    wb = load_workbook(io.BytesIO(report.to_xlsx(made)))
    assert [c.value for c in wb["Tytuł"]["A"]] == ["Instytucja", "Cech Rzemiosł", "Izba Gospodarcza"]
    assert "Cech Rzemiosł" in report.to_html(made) and "Tytuł\x07" not in report.to_html(made)


# --- no person can be recognised in an export -------------------------------------------------------


def _count_rows(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=6)]


def test_exports_show_counts_per_group_never_a_row_per_person(sample):
    from pptx import Presentation

    made = report.build(sample)
    view = report.for_workshop(sample)[0]
    wb = load_workbook(io.BytesIO(report.to_xlsx(made)))
    assert "Uczestnicy (bez danych os.)" not in wb.sheetnames
    roles = {str(r) for r in sample.attendance["role"].dropna() if str(r)}
    assert roles and not roles & set(_texts_of_workbook(report.to_xlsx(made)))  # no role anywhere
    ws = wb["Uczestnicy wg instytucji"]
    assert "Tajemnica statystyczna" in ws["A2"].value and "„<3”" in ws["A2"].value
    assert [c.value for c in ws[5]] == ["Instytucja", "Sektor", "1. Serock", "2. Wieliszew", "3. Jabłonna",
                                        "Osoby w cyklu"]
    rows = {row[0]: row[1:] for row in _count_rows(ws)}
    assert len(rows) == metrics.institutions(view) == 44  # one row per institution, not 281 per person
    assert rows["Cech Rzemiosł Różnych w Legionowie"] == ["Cech rzemiosł", 3, "<3", "<3", 3]
    assert rows["Gminny Ośrodek Kultury w Nieporęcie"] == ["Kultura i sport", "<3", 0, 0, "<3"]
    for name in ("Uczestnicy wg instytucji", "Uczestnicy wg sektorów", "Uczestnicy wg gmin"):
        counts = [v for row in _count_rows(wb[name]) for v in row if isinstance(v, int)]
        assert counts and not any(0 < v < 3 for v in counts), name
    assert _count_rows(wb["Uczestnicy wg sektorów"])[2] == ["Izba gospodarcza", "<3", "<3", "<3", 3]
    # the HTML report and the deck name no institution that only the attendance lists hold, nor a role
    named_elsewhere = " ".join(view.proposals[c].fillna("").astype(str).str.cat(sep=" ")
                               for c in ("title", "lead", "partners", "description"))  # the report's cycle
    only_attending = {str(n) for n in view.attendance["institution"].dropna().unique()} - {""}
    only_attending = {n for n in only_attending if n not in named_elsewhere}
    assert len(only_attending) > 10
    page = report.to_html(made)
    assert html.escape(glossary.definition("participants_by")) in page  # the report's glossary defines it
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    slides_text = " ".join(p.text for s in deck.slides for sh in s.shapes if sh.has_text_frame
                           for p in sh.text_frame.paragraphs)
    for text in (page, slides_text):
        assert not any(html.escape(n) in text or n in text for n in only_attending)
        assert not any(f">{r}<" in text for r in roles)


def test_the_threshold_is_a_setting(sample, monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_MIN_GROUP_SIZE", "5")
    made = report.build(sample)
    wb = load_workbook(io.BytesIO(report.to_xlsx(made)))
    ws = wb["Uczestnicy wg instytucji"]
    assert "mniejsze niż 5 osób" in ws["A2"].value and "„<5”" in ws["A2"].value
    values = [v for row in _count_rows(ws) for v in row[2:]]
    assert "<5" in values and "<3" not in values
    assert not any(isinstance(v, int) and 0 < v < 5 for v in values)
    assert {row[0]: row[1:] for row in _count_rows(ws)}["Fundacja Rozwoju Gminy Wieliszew"] == [
        "Organizacje pozarządowe", 5, 5, 6, 6]
    assert "PARTNERSTWO_MIN_GROUP_SIZE" in glossary.definition("participants_by")


# --- sheet names and number formats -----------------------------------------------------------------


def test_every_sheet_has_its_declared_name_uncut(sample):
    sheets = {key: kind.sheet for key, kind in report.SLIDES.items()}
    assert all(0 < len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in sheets.values())
    made = report.build(sample)
    wb = load_workbook(io.BytesIO(report.to_xlsx(made)))
    declared = ["Podsumowanie", *(sheets[s.key] for s in made.slides if not s.data.empty),
                *(sheet for sheet, _, _ in xlsx.COUNT_SHEETS.values()), "Propozycje", xlsx.INVITE_SHEET]
    assert all(len(n) <= 31 for n in declared) and len(set(declared)) == len(declared)
    assert wb.sheetnames == declared  # none cut by Excel's limit
    assert [s.sheet for s in made.slides if s.page is None] == [
        sheets[k] for k in sheets if k not in report.VOTE_SLIDES]  # no closed vote in the sample


def test_only_share_columns_are_percentages(sample):
    data = pd.DataFrame({"Warsztat": ["1. Serock", "2. Wieliszew"], "Udział": [0.25, 0.75],
                         "Propozycje na grupę": [0.5, 2.5]})
    slide = report.Slide("own", "Własny", "1", "Zdanie.", None, data, shares=("Udział",), sheet="Własny")
    made = report.build(sample)
    made = dataclasses.replace(made, slides=[*made.slides, slide])
    wb = load_workbook(io.BytesIO(report.to_xlsx(made)))
    ws = wb["Własny"]
    assert [ws.cell(row=r, column=2).number_format for r in (2, 3)] == ["0.0%", "0.0%"]
    assert not any("%" in ws.cell(row=r, column=3).number_format for r in (2, 3))
    assert [ws.cell(row=r, column=3).value for r in (2, 3)] == [0.5, 2.5]
    balance = wb["Równowaga sektorów"]  # the sample's shares of the three sectors stay percentages
    assert balance.cell(row=2, column=2).number_format == "0.0%"
    page = report.to_html(made)
    assert "<td>25,0%</td><td>0,5</td>" in page and "<td>75,0%</td><td>2,5</td>" in page
    assert "50,0%" not in page.split("id='own'")[1]


def test_a_workshop_not_in_the_cycle_is_refused(sample):
    from analysis.errors import UserError

    with pytest.raises(UserError) as refused:
        report.check_workshop(sample, 9)
    assert "nie ma warsztatu 9" in refused.value.message
    assert "1. Serock, 2. Wieliszew, 3. Jabłonna, 4. Legionowo, 5. Nieporęt" in refused.value.message
    for workshop in (None, 1, 4, 5):  # the cycle's workshops and the default are fine
        report.check_workshop(sample, workshop)


def test_the_cycle_slide_counts_the_workshops_before_the_one_it_is_shown_at(sample):
    """Shown at workshop 3, the cycle so far is workshops 1 and 2 — in the sentence as in the chart."""
    [slide] = report.build(sample, workshop=3, keys=["cycle"]).slides
    assert slide.message.startswith("2 z 5 warsztatów za nami") and len(slide.data) == 2
    [slide] = report.build(sample, workshop=4, keys=["cycle"]).slides
    assert slide.message.startswith("3 z 5 warsztatów za nami") and len(slide.data) == 3
