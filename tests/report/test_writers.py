"""Tests generated from the output registries: what is declared once is used, and works, everywhere.

Glossary, metric cards, slides, chart kinds, writers and colours.
The fields and the codes of refusals have theirs in test_registries.py.
"""

from __future__ import annotations

import ast
import io
import re
import tomllib
from pathlib import Path

import pytest

from analysis import display, glossary, palette, report
from analysis.display import html_text
from analysis.report import SLIDES, WRITERS, ChartKind
from analysis.report import pptx as pptx_writer
from analysis.report import slides as declared
from analysis.report import xlsx as xlsx_writer
from tests.helpers import closed_vote, small_cycle

ROOT = Path(__file__).resolve().parents[2]


# --- helper F: glossary, slides and their writers, display (colours, escaping) ------------------------

# where a number is shown or computed: the pages, the reports, metrics, the vote's protocol
USERS = [*sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "analysis" / "report").glob("*.py")),
         *sorted((ROOT / "analysis" / "metrics").glob("*.py")), *sorted((ROOT / "analysis" / "voting").glob("*.py"))]
GLOSSARY_CALLS = {"metric", "label", "definition"}  # views._widgets.metric, glossary.label, glossary.definition


def _glossary_keys_used() -> tuple[set[str], list[str]]:
    """Glossary keys named by a ``metric(…)``, ``glossary.label(…)`` or ``glossary.definition(…)`` call,
    and the calls whose key is not written out (where ``file:line``)."""
    used: set[str] = set()
    unnamed: list[str] = []
    for path in USERS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrapper = {id(n) for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == "metric"
                   for n in ast.walk(f)}  # the card itself (views._widgets.metric) passes its caller's key on
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in wrapper:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in GLOSSARY_CALLS or (name != "metric" and not _is_glossary(node.func)):
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                used.add(first.value)
            else:
                unnamed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return used, unnamed


def _is_glossary(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "glossary"


def test_every_glossary_entry_is_used_by_a_page_a_report_or_metrics():
    used, _ = _glossary_keys_used()
    assert set(glossary.GLOSSARY) - used == set(), "defined but never shown"


def test_every_number_a_page_shows_has_a_glossary_entry():
    used, unnamed = _glossary_keys_used()
    assert unnamed == [], "a number's glossary key must be written out where it is shown"
    assert used - set(glossary.GLOSSARY) == set(), "shown without a definition"
    # and the card itself carries the definition as its help (views._widgets.metric)
    source = (ROOT / "views" / "_widgets.py").read_text(encoding="utf-8")
    assert "help=glossary.definition(key)" in source


# what a person opening the file sees for each kind of chart (written here, not read from the writers)
EXCEL_CHARTS = {ChartKind.COLUMN: ("col", "clustered"), ChartKind.BAR: ("bar", "clustered"),
                ChartKind.STACKED100: ("col", "percentStacked")}
POWERPOINT_CHARTS = {ChartKind.COLUMN: "COLUMN_CLUSTERED", ChartKind.BAR: "BAR_CLUSTERED",
                     ChartKind.STACKED100: "COLUMN_STACKED_100"}


@pytest.fixture(scope="module", params=["small", "empty store"])
def dataset(request, tmp_path_factory):
    if request.param == "small":
        return small_cycle()
    from analysis.store import Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('empty') / 'e.sqlite'}", key=b"k" * 32)
    store.ensure_schema()  # no sample: a store whose data were all undone
    data = store.dataset()
    assert data.attendance.empty and data.proposals.empty
    return data


@pytest.fixture(scope="module")
def written(dataset):
    """Every declared slide built and written in every format: (report, {format: bytes}); with a closed
    vote's protocol, so that its slides are made too."""
    made = report.build(dataset, vote=closed_vote())
    return made, {fmt: write(made) for fmt, write in WRITERS.items()}


@pytest.mark.parametrize("key", list(SLIDES))
def test_every_slide_is_in_every_format(key, dataset, written):
    from openpyxl import load_workbook
    from pptx import Presentation
    from pptx.enum.chart import XL_CHART_TYPE

    kind = SLIDES[key]
    made, files = written
    mine = [s for s in made.slides if s.key == key]
    assert mine and all(s.title == kind.title and s.chart == kind.chart for s in mine)
    page = files["html"].decode("utf-8")
    assert f"<section id='{key}'><h2>{html_text(kind.title)}</h2>" in page
    workbook = load_workbook(io.BytesIO(files["xlsx"]))
    if any(not s.data.empty for s in mine):
        sheet = workbook[kind.sheet]
        [chart] = sheet._charts
        assert (chart.type, chart.grouping) == EXCEL_CHARTS[kind.chart]
    else:
        assert kind.sheet not in workbook.sheetnames
    deck = Presentation(io.BytesIO(files["pptx"]))
    titles = [s.shapes.title.text for s in list(deck.slides)[1:]]
    show = files["slides"].decode("utf-8")
    shown = re.findall(r"<section class='slide[^']*' data-key='([^']*)'>", show)
    projected = [s for s in mine if s.projector]  # of a projector's kind, a slide with nothing to show is left out
    assert kind.projector or not projected
    if projected:
        assert titles.count(kind.title) == len(projected) and shown.count(key) == len(projected)
        drawn = [sh.chart.chart_type for p in list(deck.slides)[1:] if p.shapes.title.text == kind.title
                 for sh in p.shapes if sh.has_chart][:1]  # the first chart is the slide's own (a detail may follow)
        assert drawn == ([getattr(XL_CHART_TYPE, POWERPOINT_CHARTS[kind.chart])]
                         if any(not s.data.empty for s in projected) else [])
    else:
        assert kind.title not in titles and key not in shown


def test_the_show_and_the_deck_have_the_same_pages(written):
    from pptx import Presentation

    made, files = written
    deck = Presentation(io.BytesIO(files["pptx"]))
    shown = re.findall(r"<section class='slide[^']*' data-key='([^']*)'>", files["slides"].decode("utf-8"))
    assert shown[1:] == [s.key for s in made.slides if s.projector]
    assert [p.shapes.title.text for p in list(deck.slides)[1:]] == [s.title for s in made.slides if s.projector]


def test_every_chart_kind_has_a_native_chart_in_excel_and_powerpoint():
    from pptx.enum.chart import XL_CHART_TYPE

    assert set(xlsx_writer.CHART_TYPES) == set(ChartKind) == set(pptx_writer.CHART_TYPES)
    assert all(hasattr(XL_CHART_TYPE, name) for name in pptx_writer.CHART_TYPES.values())


def test_every_declared_sheet_name_fits_excel_and_is_unique():
    names = [kind.sheet for kind in SLIDES.values()]
    assert all(0 < len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len(set(names)) == len(names)
    assert not set(names) & {"Podsumowanie", "Propozycje", *(s for s, _, _ in xlsx_writer.COUNT_SHEETS.values())}


def test_the_cli_writes_every_format_there_is():
    from analysis.__main__ import EVALUATION, _parser

    commands = next(a for a in _parser()._actions if a.dest == "command")
    formats = next(a for a in commands.choices["report"]._actions if a.dest == "format")
    assert list(formats.choices) == [*WRITERS, *EVALUATION]  # the evaluation: a whole cycle, its own model


def test_a_new_slide_is_one_declaration_and_its_maker(monkeypatch):
    """Declared here for reports only (not on the projector), with bars: every writer takes it."""
    import pandas as pd
    from openpyxl import load_workbook
    from pptx import Presentation

    monkeypatch.setattr(declared, "SLIDES", dict(SLIDES))

    @declared.declare("institutions", "Instytucje na warsztatach", sheet="Instytucje", chart=ChartKind.BAR,
                      projector=False)
    def _institutions(kind: declared.SlideKind, at: declared.At) -> declared.Slide:
        data = pd.DataFrame({"Warsztat": [at.names[w] for w in at.view.held_selected], "Instytucje": [3, 4]})
        return kind.slide("5 instytucji", "Zdanie.", None, data)

    data = small_cycle()
    made = report.build(data)
    assert [s.key for s in made.slides][-1] == "institutions"
    assert "<h2>Instytucje na warsztatach</h2>" in report.to_html(made)
    sheet = load_workbook(io.BytesIO(report.to_xlsx(made)))["Instytucje"]
    assert [c.value for c in sheet["B"]] == ["Instytucje", 3, 4] and sheet._charts[0].type == "bar"
    deck = Presentation(io.BytesIO(report.to_pptx(made)))
    assert "Instytucje na warsztatach" not in [s.shapes.title.text for s in deck.slides]
    assert "data-key='institutions'" not in report.to_show(made)
    with pytest.raises(ValueError, match="declared twice"):
        declared.declare("institutions", "Inne")
    with pytest.raises(ValueError, match="sheet"):
        declared.declare("long", "Tytuł slajdu dłuższy niż trzydzieści jeden znaków")


def test_the_primary_colour_is_written_once_and_the_theme_repeats_it():
    sources = [*(ROOT / "analysis").rglob("*.py"), *(ROOT / "views").glob("*.py"), ROOT / "dashboard.py"]
    writers = [p.relative_to(ROOT).as_posix() for p in sources if palette.PRIMARY.lower() in p.read_text().lower()]
    assert writers == ["analysis/palette.py"]
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert (theme["primaryColor"], theme["textColor"], theme["backgroundColor"], theme["secondaryBackgroundColor"]) == (
        palette.PRIMARY, palette.INK, palette.BACKGROUND, palette.SOFT_BACKGROUND)


@pytest.mark.parametrize("path", [*(p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "analysis" / "charts").glob("*.py"))),
                                  *(p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "analysis" / "report").rglob("*.py"))
                                    if p.name != "cards.py"),  # the ballot cards: black QR codes on white paper
                                  *(f"analysis/report/templates/{n}" for n in ("show.html", "show_slides.html", "show.css",
                                                                               "show.js", "webpage.html")),
                                  *(p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "views").glob("*.py")))])
def test_charts_reports_and_pages_take_their_colours_from_the_palette(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\(\s*\d", text) == []


@pytest.mark.parametrize("escape", [display.markdown_text, display.plot_text, display.html_text, display.slide_text])
def test_every_escaper_cleans_control_characters_the_same_way(escape):
    assert escape("Koło\x07 Gospodyń\x1b\x9f") == escape("Koło Gospodyń")


@pytest.mark.parametrize(("escape", "shown"), [(display.markdown_text, r"\<b\>x\</b\>"),
                                               (display.plot_text, "&lt;b&gt;x&lt;/b&gt;"),
                                               (display.html_text, "&lt;b&gt;x&lt;/b&gt;"),
                                               (display.slide_text, "<b>x</b>")])  # a text box: plain text
def test_markup_from_a_file_stays_text(escape, shown):
    assert escape("<b>x</b>") == shown
