"""The presentation's slides and the offline reports made from them: HTML, Excel and PowerPoint.

One list of slides (a message, a large headline number, one chart and the numbers behind it)
feeds the presentation page and all three reports, so a report shows the same numbers as the
pages, to the digit. Text that came from an uploaded file stays text in every export.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis import charts, config, glossary, metrics
from analysis.errors import UserError
from analysis.formatting import counted, number, percent, plural, printable
from analysis.vocabulary import (
    AREA_SHORT_LABELS,
    AREAS,
    GMINA_LABELS,
    KIND_LABELS,
    SECTOR_GROUP_LABELS,
    SECTOR_LABELS,
    STATUSES,
)

PARTNERSHIP = "Partnerstwo lokalne na rzecz ożywienia gospodarczego w powiecie legionowskim"
SLIDES: dict[str, str] = {
    "cycle": "Cykl do tej pory",
    "sectors": "Kto wziął udział",
    "balance": "Równowaga sektorów i kogo zabrakło",
    "areas": "Propozycje według obszarów",
    "vote": "Propozycje do głosowania dziś",
    "next": "Następny warsztat",
}
# the Excel sheet of each slide: Excel cuts a sheet's name at 31 characters, so each is declared short
SHEETS: dict[str, str] = {
    "cycle": "Cykl do tej pory",
    "sectors": "Kto wziął udział",
    "balance": "Równowaga sektorów",
    "areas": "Propozycje według obszarów",
    "vote": "Do głosowania dziś",
    "next": "Następny warsztat",
}
SHEET_NAME_LIMIT = 31


@dataclass(frozen=True)
class VoteItem:
    """One proposal on the list the room votes on, as every format prints it."""

    number: str
    title: str
    area: str  # "Obszar 1 · Uszczelnianie lokalnych wycieków" or "bez obszaru"
    area_code: int | None


@dataclass
class Slide:
    key: str
    title: str
    headline: str  # the large number or short phrase
    message: str  # one sentence
    figure: go.Figure | None
    data: pd.DataFrame  # first column: categories; other columns: numeric series (native charts)
    chart: str = "column"  # column | bar | stacked100
    items: list[str] = field(default_factory=list)  # e.g. titles of the proposals to vote on
    shares: tuple[str, ...] = ()  # columns of ``data`` that hold shares (0..1), shown as percentages
    sheet: str = ""  # the Excel sheet's name; default: the one declared in SHEETS for ``key``
    page: tuple[int, int] | None = None  # (n, of): one page of a list continued over several slides
    votes: list[VoteItem] = field(default_factory=list)  # the proposals listed on this page
    detail: pd.DataFrame | None = None  # a second, smaller native chart (sectors at the last workshop)

    def __post_init__(self) -> None:
        if not self.sheet:
            self.sheet = SHEETS.get(self.key) or self.title[:SHEET_NAME_LIMIT]


@dataclass
class Report:
    made_at: dt.datetime
    cycle: str | None
    workshop: int | None  # the workshop the presentation is for
    workshop_name: str
    slides: list[Slide]
    overview: metrics.Overview
    sources: list[dict[str, object]]  # the batches the data came from


def for_workshop(dataset, workshop: int | None = None, cycle: str | None = None):  # noqa: ANN001
    """The view a presentation at ``workshop`` shows: the held workshops before it (default: next)."""
    base = metrics.View(dataset, metrics.Filters(cycle=cycle))
    if workshop is None:
        upcoming = metrics.next_workshop(base)
        workshop = upcoming.workshop if upcoming else (int(base.schedule["workshop"].max()) + 1
                                                       if not base.schedule.empty else 1)
    before = tuple(int(w) for w in base.schedule["workshop"] if int(w) < workshop)
    return metrics.View(dataset, metrics.Filters(cycle=base.cycle, workshops=before or (0,))), workshop


def build(dataset, workshop: int | None = None, keys: list[str] | None = None, cycle: str | None = None,  # noqa: ANN001
          sources: list[dict[str, object]] | None = None) -> Report:
    view, workshop = for_workshop(dataset, workshop, cycle)
    names = charts.workshop_names(view.schedule)
    name = names.get(workshop, f"{workshop}.")
    makers = {"cycle": _cycle, "sectors": _sectors, "balance": _balance, "areas": _areas, "vote": _vote,
              "next": _next}
    slides: list[Slide] = []
    for key in list(SLIDES) if keys is None else keys:
        if key in makers:
            made = makers[key](view, names, workshop)
            slides.extend(made if isinstance(made, list) else [made])
    return Report(dt.datetime.now().replace(microsecond=0), view.cycle, workshop, name, slides,
                  metrics.overview(view), sources or [])


def _cycle(view: metrics.View, names: dict[int, str], workshop: int) -> Slide:
    summary = metrics.overview(view)
    frame = metrics.participants_by_workshop(view)
    held = frame[frame["held"]]
    data = pd.DataFrame({"Warsztat": [names[w] for w in held["workshop"]],
                         "Uczestnicy": [int(p) for p in held["participants"]]})
    return Slide("cycle", SLIDES["cycle"], counted(summary.unique_participants, "osoba", "osoby", "osób"),
                 f"{len(held)} z {summary.workshops_planned} warsztatów za nami; "  # those before this one
                 f"{counted(summary.institutions, 'instytucja', 'instytucje', 'instytucji')}, "
                 f"{counted(summary.proposals, 'propozycja', 'propozycje', 'propozycji')}.",
                 charts.participants_bar(frame, names) if not held.empty else None, data)


def _sectors(view: metrics.View, names: dict[int, str], workshop: int) -> Slide:
    summary = metrics.overview(view)
    frame = metrics.sector_share_cycle(view)
    data = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in frame["sector"]],
                         "Uczestnicy": [int(p) for p in frame["participants"]]})
    return Slide("sectors", SLIDES["sectors"], f"{summary.sectors_represented} z {summary.sectors_total} sektorów",
                 "Udział sektorów wśród uczestników wszystkich dotychczasowych warsztatów.",
                 charts.sector_share_chart(frame) if not frame.empty else None, data, chart="bar")


def _balance(view: metrics.View, names: dict[int, str], workshop: int) -> Slide:
    frame = metrics.balance_by_workshop(view)
    gaps = metrics.sector_gaps(view)
    missing = [SECTOR_LABELS[c] for c in gaps.loc[gaps["status"] != "ok", "sector"]] if not gaps.empty else []
    table = frame.pivot_table(index="workshop", columns="group", values="share", aggfunc="sum").reindex(
        columns=list(metrics.THREE_SECTORS), fill_value=0.0) if not frame.empty else pd.DataFrame()
    data = pd.DataFrame({"Warsztat": [names[w] for w in table.index],
                         **{SECTOR_GROUP_LABELS[g]: [float(v) for v in table[g]] for g in table.columns}})
    headline = (f"indeks {percent(max(0.0, float(frame['index'].iloc[-1])))}" if not frame.empty else "—")
    message = ("Zabrakło lub było wyraźnie mniej: " + ", ".join(missing) + "." if missing
               else "Na ostatnim warsztacie żaden sektor nie zniknął ani nie osłabł wyraźnie.")
    last = names.get(view.held_selected[-1], "") if view.held_selected else ""
    weak = gaps[gaps["status"] != "ok"] if not gaps.empty else gaps
    detail = None  # the weaker sectors' shares, before and at the last workshop (the chart's right half)
    if not weak.empty:
        detail = pd.DataFrame({"Sektor": [SECTOR_LABELS[c] for c in weak["sector"]],
                               "Wcześniejsze warsztaty": [float(v) for v in weak["share_before"]],
                               f"Warsztat {last}": [float(v) for v in weak["share_last"]]})
    figure = charts.balance_gaps_chart(frame, gaps, names, last) if not frame.empty else None
    return Slide("balance", SLIDES["balance"], headline, message, figure, data, chart="stacked100",
                 items=missing, shares=tuple(data.columns[1:]), detail=detail)


def _areas(view: metrics.View, names: dict[int, str], workshop: int) -> Slide:
    frame = metrics.proposals_by_area(view)
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in frame["area"]],
                         "Propozycje": [int(p) for p in frame["proposals"]]})
    total = int(frame["proposals"].sum())
    most = frame[frame["proposals"] == frame["proposals"].max()]
    if not total:
        message = "Nie zapisano jeszcze żadnej propozycji."
    elif len(most) == 1:
        message = (f"Najwięcej w obszarze „{AREAS[int(most['area'].iloc[0])]}”: "
                   f"{int(most['proposals'].iloc[0])} z {total}.")
    else:
        message = (f"Najwięcej, po {int(most['proposals'].iloc[0])}, w obszarach "
                   + ", ".join(f"„{AREAS[int(a)]}”" for a in most["area"]) + ".")
    return Slide("areas", SLIDES["areas"], counted(total, "propozycja", "propozycje", "propozycji"), message,
                 charts.area_chart(frame), data)


# The list of proposals to vote on, paged so that every page fits a 16:9 slide in large type
# (the show: 32 px titles on 1280×720; PowerPoint: 24 pt on 13.33×7.5 in). A page holds at most
# VOTE_PAGE_ITEMS proposals and VOTE_PAGE_LINES lines; a title takes one line per VOTE_LINE_CHARS
# characters (a cautious count for the width of a slide), its area one more.
VOTE_PAGE_ITEMS = 5
VOTE_PAGE_LINES = 12
VOTE_LINE_CHARS = 52
VOTE_TITLE_LIMIT = 240  # longer titles end with "…" on a slide (the reports' tables keep them whole)


def vote_item_lines(item: VoteItem) -> int:
    """How many lines of the page ``item`` takes: its title's lines and its area's."""
    return max(1, math.ceil(len(item.title) / VOTE_LINE_CHARS)) + 1


def vote_pages(items: list[VoteItem]) -> list[list[VoteItem]]:
    """``items`` split into pages of similar length, each within the page's items and lines."""
    if not items:
        return []
    per_page = math.ceil(len(items) / math.ceil(len(items) / VOTE_PAGE_ITEMS))
    pages: list[list[VoteItem]] = [[]]
    used = 0
    for item in items:
        lines = vote_item_lines(item)
        if pages[-1] and (len(pages[-1]) >= per_page or used + lines > VOTE_PAGE_LINES):
            pages.append([])
            used = 0
        pages[-1].append(item)
        used += lines
    return pages


def _vote_item(number: object, title: object, area: object) -> VoteItem:
    text = " ".join(printable(title).split())
    if len(text) > VOTE_TITLE_LIMIT:
        text = text[:VOTE_TITLE_LIMIT - 1].rstrip() + "…"
    code = None if pd.isna(area) else int(area)
    return VoteItem("–" if pd.isna(number) else str(int(number)), text or "(bez tytułu)",
                    f"Obszar {code} · {AREAS[code]}" if code in AREAS else "bez obszaru", code)


def _vote(view: metrics.View, names: dict[int, str], workshop: int) -> list[Slide]:
    proposals = view.proposals
    waiting = proposals[proposals["status"] == "to_vote"].sort_values(["workshop", "number"])
    counts = waiting["area"].dropna().astype(int).value_counts()
    frame = pd.DataFrame({"area": list(AREA_SHORT_LABELS), "proposals": [int(counts.get(a, 0)) for a in AREA_SHORT_LABELS]})
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in frame["area"]],
                         "Propozycje": frame["proposals"].tolist()})
    figure = charts.area_chart(frame)
    figure.update_layout(title={"text": "Propozycje do głosowania według obszarów"})
    headline = counted(len(waiting), "propozycja", "propozycje", "propozycji")
    summary = Slide("vote", SLIDES["vote"], headline,
                    f"Propozycje zapisane na poprzednich warsztatach, głosowane na warsztacie "
                    f"{names.get(workshop, workshop)}." + (" Lista na kolejnych slajdach." if len(waiting) else ""),
                    figure if len(waiting) else None, data)
    listed = [_vote_item(n, t, a) for n, t, a in zip(waiting["number"], waiting["title"].fillna(""),
                                                      waiting["area"], strict=True)]
    pages = vote_pages(listed)
    slides = [summary]
    first = 1
    for n, page in enumerate(pages, start=1):
        last = first + len(page) - 1
        slides.append(Slide("vote", SLIDES["vote"], f"{first}–{last} z {len(listed)}" if first != last
                            else f"{first} z {len(listed)}",
                            f"Strona {n} z {len(pages)}.", None, pd.DataFrame(),
                            items=[f"{i.number}. {i.title} ({i.area})" for i in page], page=(n, len(pages)),
                            votes=page))
        first = last + 1
    return slides


VENUE_LIMIT = 120


def _next(view: metrics.View, names: dict[int, str], workshop: int) -> Slide:
    schedule = view.schedule
    later = schedule[schedule["workshop"] > workshop]
    timeline = metrics.timeline(view)
    data = pd.DataFrame({"Warsztat": [names[w] for w in timeline["workshop"]],
                         "Uczestnicy": [int(p) if not pd.isna(p) else 0 for p in timeline["participants"]]})
    if later.empty:
        return Slide("next", SLIDES["next"], "koniec cyklu", "To ostatni warsztat tego cyklu.",
                     charts.timeline_chart(timeline, names), data)
    row = later.iloc[0]
    when = row["date"].strftime("%d.%m.%Y") if hasattr(row["date"], "strftime") else "termin do ustalenia"
    venue = " ".join(printable(row["venue"]).split()) if isinstance(row.get("venue"), str) else ""
    if len(venue) > VENUE_LIMIT:  # one line or two on the slide, whatever the schedule's cell holds
        venue = venue[:VENUE_LIMIT - 1].rstrip() + "…"
    venue = f", {venue}" if venue else ""
    return Slide("next", SLIDES["next"], names[int(row["workshop"])], f"{when}{venue}.",
                 charts.timeline_chart(timeline, names), data)


# --- shared by the writers ----------------------------------------------------------------------

def check_workshop(dataset, workshop: int | None, cycle: str | None = None) -> None:  # noqa: ANN001
    """Refuse (``UserError``) a report for a workshop the cycle does not have, naming the ones it has.

    Allowed: every workshop of the cycle's schedule, and the default one (the next, or the one after
    the last when the whole cycle is held: a summary of the cycle).
    """
    if workshop is None:
        return
    view, default = for_workshop(dataset, None, cycle)
    names = charts.workshop_names(view.schedule)
    if workshop == default or workshop in names:
        return
    if not names:
        raise UserError(f"Nie ma warsztatu {workshop}: cykl nie ma jeszcze harmonogramu ani list obecności. "
                        f"Raport można zrobić na warsztat {default}.", "no_such_workshop")
    after = f" (albo {default} — podsumowanie po ostatnim warsztacie)" if default not in names else ""
    raise UserError(f"W cyklu {view.cycle} nie ma warsztatu {workshop}. Warsztaty tego cyklu: "
                    f"{', '.join(names[w] for w in sorted(names))}{after}. Podaj numer jednego z nich.", "no_such_workshop")


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str) -> str:
    """A name Excel accepts: no control characters, none of []:*?/\\, at most 31 characters."""
    return _SHEET_FORBIDDEN.sub("", printable(name)).strip()[:SHEET_NAME_LIMIT] or "Slajd"


# characters no report format can hold (XML 1.0 forbids most C0 controls, lone surrogates and
# U+FFFE/U+FFFF; HTML calls C0/C1 controls parse errors); tab, line feed and carriage return stay
def _clean_json(value: object) -> object:
    """Every string of a figure's JSON cleaned (category labels, hover texts, titles)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_json(v) for v in value]
    if isinstance(value, np.ndarray) and value.dtype.kind in "OUS":
        return _clean_json(value.tolist())
    return value


# --- HTML ---------------------------------------------------------------------------------------


def to_html(report: Report) -> str:
    """One self-contained page (plotly.js embedded) that opens offline in any browser."""
    from plotly.offline import get_plotlyjs

    esc = _esc
    parts = [
        "<!doctype html><html lang='pl'><head><meta charset='utf-8'>",
        f"<title>{esc(PARTNERSHIP)} – raport</title>",
        "<style>body{font-family:Arial,'Liberation Sans',sans-serif;margin:2rem auto;max-width:1100px;color:#14202e}"
        "h1{font-size:2rem}h2{margin-top:2.5rem;border-bottom:2px solid #1f4e79}.headline{font-size:2.6rem;"
        "font-weight:bold;color:#1f4e79}.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #cfd6da;"
        "border-radius:8px;padding:.8rem 1.2rem;min-width:180px}.card b{display:block;font-size:1.8rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #cfd6da;padding:.3rem .6rem;text-align:left}"
        "dt{font-weight:bold;margin-top:.6rem}ul.votes{list-style:none;padding:0}.muted{color:#5b6770}</style>",
        f"<script>{get_plotlyjs()}</script></head><body>",
        f"<h1>{esc(PARTNERSHIP)}</h1>",
        f"<p class='muted'>Raport na warsztat {esc(report.workshop_name)} · cykl {esc(str(report.cycle))} · "
        f"sporządzono {report.made_at:%d.%m.%Y %H:%M}</p>",
        "<div class='cards'>",
    ]
    o = report.overview
    for label, value in (("Warsztaty odbyte", f"{o.workshops_held} z {o.workshops_planned}"),
                         ("Unikalni uczestnicy", number(o.unique_participants)),
                         ("Instytucje", number(o.institutions)),
                         ("Reprezentowane sektory", f"{o.sectors_represented} z {o.sectors_total}"),
                         ("Propozycje", number(o.proposals))):
        parts.append(f"<div class='card'>{esc(label)}<b>{esc(value)}</b></div>")
    parts.append("</div>")
    listed = {slide.key: [] for slide in report.slides}  # the pages of a list, shown once in the document
    for slide in report.slides:
        if slide.page is not None:
            listed[slide.key].extend(slide.items)
    for slide in report.slides:
        if slide.page is not None:
            continue  # the vote list's pages are for the projector; the document lists them once
        parts.append(f"<section id='{slide.key}'><h2>{esc(slide.title)}</h2>"
                     f"<p class='headline'>{esc(slide.headline)}</p><p>{esc(slide.message)}</p>")
        if slide.figure is not None:
            parts.append(pio.to_html(_clean_json(slide.figure.to_plotly_json()), full_html=False, include_plotlyjs=False,
                                     config=charts.PLOTLY_CONFIG, div_id=f"chart-{slide.key}"))
        if listed.get(slide.key):
            parts.append("<ul class='votes'>" + "".join(f"<li>{esc(item)}</li>" for item in listed[slide.key])
                         + "</ul>")
        parts.append(_html_table(slide.data, slide.shares) + "</section>")
    parts.append("<h2>Słownik pojęć</h2><dl>")
    for term, text in glossary.GLOSSARY.values():
        parts.append(f"<dt>{esc(term)}</dt><dd>{esc(text)}</dd>")
    parts.append("</dl><h2>Dane, z których powstał raport</h2>")
    if report.sources:
        parts.append("<table><tr><th>Plik</th><th>Arkusz</th><th>Rodzaj</th><th>Warsztat</th><th>Wiersze</th>"
                     "<th>Zapisano</th></tr>")
        for source in report.sources:
            shown = dict(source, kind=KIND_LABELS.get(str(source.get("kind")), source.get("kind")))
            parts.append("<tr>" + "".join(f"<td>{esc(str(shown.get(k) if shown.get(k) is not None else '–'))}</td>"
                                          for k in ("file", "sheet", "kind", "workshop", "rows", "imported_at"))
                         + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _esc(value: object) -> str:
    """Text for HTML: escaped (a name like ``<script>`` is shown literally) and without control characters."""
    return html.escape(printable(str(value)))


def _html_table(frame: pd.DataFrame, shares: tuple[str, ...] = ()) -> str:
    if frame.empty:
        return ""
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    is_share = [c in shares for c in frame.columns]
    rows = "".join("<tr>" + "".join(f"<td>{_esc(_display(v, s))}</td>" for v, s in zip(row, is_share, strict=True))
                   + "</tr>" for row in frame.itertuples(index=False))
    return f"<table><tr>{head}</tr>{rows}</table>"


def _display(value: object, share: bool = False) -> str:
    """A table cell as text: a share as a percentage, other numbers the Polish way."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | np.integer | np.floating) and share:
        return percent(float(value), 1)
    if isinstance(value, float | np.floating):
        return number(float(value), 1)
    return number(int(value)) if isinstance(value, int | np.integer) else str(value)


# --- Excel ----------------------------------------------------------------------------------------

_INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell, value: object) -> None:  # noqa: ANN001 - an openpyxl cell
    """Write ``value``; text loses control characters, and text that would start a formula stays plain text."""
    if isinstance(value, str):
        value = printable(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(_INJECTION_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def to_xlsx(report: Report, dataset) -> bytes:  # noqa: ANN001
    """Aggregated tables with native Excel charts, and the data behind them without personal data."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    summary = wb.active
    summary.title = "Podsumowanie"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    safe_cell(summary.cell(row=1, column=1), PARTNERSHIP)
    summary.cell(row=1, column=1).font = Font(bold=True, size=14)
    safe_cell(summary.cell(row=2, column=1), f"Raport na warsztat {report.workshop_name}, cykl {report.cycle}, "
                                               f"sporządzono {report.made_at:%d.%m.%Y %H:%M}")
    o = report.overview
    for r, (label, value) in enumerate((("Warsztaty odbyte", o.workshops_held), ("Warsztaty w harmonogramie",
                                        o.workshops_planned), ("Unikalni uczestnicy", o.unique_participants),
                                        ("Instytucje", o.institutions), ("Reprezentowane sektory", o.sectors_represented),
                                        ("Propozycje", o.proposals)), start=4):
        summary.cell(row=r, column=1, value=label).font = bold
        summary.cell(row=r, column=2, value=value)
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 16
    for slide in report.slides:
        if slide.data.empty:
            continue
        ws = wb.create_sheet(_sheet_name(slide.sheet))
        is_share = [name in slide.shares for name in slide.data.columns]
        for c, name in enumerate(slide.data.columns, start=1):
            cell = ws.cell(row=1, column=c)
            safe_cell(cell, str(name))
            cell.font, cell.fill = bold, fill
            ws.column_dimensions[get_column_letter(c)].width = 34 if c == 1 else 16
        for r, row in enumerate(slide.data.itertuples(index=False), start=2):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                safe_cell(cell, None if value is None or (not isinstance(value, str) and pd.isna(value)) else value)
                if is_share[c - 1] and isinstance(value, int | float):
                    cell.number_format = "0.0%"
        chart = BarChart()
        chart.type = "bar" if slide.chart == "bar" else "col"
        if slide.chart == "stacked100":
            chart.grouping, chart.overlap = "percentStacked", 100
        chart.title = printable(slide.title)
        rows = len(slide.data)
        values = Reference(ws, min_col=2, max_col=len(slide.data.columns), min_row=1, max_row=rows + 1)
        categories = Reference(ws, min_col=1, min_row=2, max_row=rows + 1)
        chart.add_data(values, titles_from_data=True)
        chart.set_categories(categories)
        chart.height, chart.width = 9, 18
        ws.add_chart(chart, f"{get_column_letter(len(slide.data.columns) + 2)}2")
    view = for_workshop(dataset, report.workshop, report.cycle)[0]
    min_size = config.min_group_size()
    for by, (title, _, _) in COUNT_SHEETS.items():
        _counts_sheet(wb, title, metrics.participants_by(view, by, min_size), charts.workshop_names(view.schedule),
                      bold, fill)
    _data_sheet(wb, "Propozycje", _proposals_for_people(dataset, report.cycle), bold, fill)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _data_sheet(wb, title: str, frame: pd.DataFrame, bold, fill) -> None:  # noqa: ANN001
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for c, name in enumerate(frame.columns, start=1):
        cell = ws.cell(row=1, column=c)
        safe_cell(cell, str(name))
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(c)].width = 24
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            safe_cell(ws.cell(row=r, column=c), None if pd.isna(value) else value)
    ws.freeze_panes = "A2"


# the sheets of participants: counts per group, never a row per person (sheet name, first column, heading)
COUNT_SHEETS: dict[str, tuple[str, str, str]] = {
    "institution": ("Uczestnicy wg instytucji", "Instytucja", "Uczestnicy według instytucji"),
    "sector": ("Uczestnicy wg sektorów", "Sektor", "Uczestnicy według sektorów"),
    "gmina": ("Uczestnicy wg gmin", "Gmina pochodzenia", "Uczestnicy według gminy pochodzenia"),
}


def suppression_note(min_size: int) -> str:
    """The sentence that explains "<3" wherever suppressed counts are shown."""
    if min_size <= 1:
        return "Próg tajemnicy statystycznej jest wyłączony: pokazane są wszystkie liczby."
    people = plural(min_size, "osoba", "osoby", "osób")
    return (f"Tajemnica statystyczna: liczby mniejsze niż {min_size} {people} nie są publikowane — w ich miejscu "
            f"jest „<{min_size}”, bo tak mała grupa pozwala rozpoznać konkretną osobę. Arkusz nie zawiera danych "
            "osobowych ani wiersza na osobę.")


def _counts_sheet(wb, title: str, counts: metrics.GroupCounts, names: dict[int, str], bold, fill) -> None:  # noqa: ANN001
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    _, first, heading = COUNT_SHEETS[counts.by]
    labels = {"sector": SECTOR_LABELS, "gmina": GMINA_LABELS}.get(counts.by, {})
    safe_cell(ws.cell(row=1, column=1), heading)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    safe_cell(ws.cell(row=2, column=1), suppression_note(counts.min_size))
    safe_cell(ws.cell(row=3, column=1), f"{glossary.label('participants_by')}: "
                                         f"{glossary.definition('participants_by')}")
    header = [first, *(["Sektor"] if counts.by == "institution" else []),
              *(names.get(w, f"{w}.") for w in counts.workshops), "Osoby w cyklu"]
    for c, name in enumerate(header, start=1):
        cell = ws.cell(row=5, column=c)
        safe_cell(cell, name)
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(c)].width = 40 if c == 1 else 16
    hidden = f"<{counts.min_size}"
    for r, row in enumerate(counts.table.to_dict("records"), start=6):
        group = str(row["group"])
        cells = [labels.get(group, group) if group else "(nie podano instytucji)"]
        if counts.by == "institution":
            cells.append(SECTOR_LABELS.get(str(row["sector"]), str(row["sector"])))
        cells += [row[w] for w in counts.workshops] + [row["cycle"]]
        for c, value in enumerate(cells, start=1):
            cell = ws.cell(row=r, column=c)
            if not isinstance(value, str) and pd.isna(value):  # suppressed
                safe_cell(cell, hidden)
                cell.alignment = Alignment(horizontal="right")
            else:
                safe_cell(cell, int(value) if isinstance(value, int | np.integer) else value)
    ws.freeze_panes = "B6"


def _proposals_for_people(dataset, cycle: str | None) -> pd.DataFrame:  # noqa: ANN001
    frame = dataset.proposals[dataset.proposals["cycle"] == cycle]
    return pd.DataFrame({
        "Warsztat": [int(w) for w in frame["workshop"]],
        "Nr": [None if pd.isna(n) else int(n) for n in frame["number"]],
        "Grupa": frame["group"].astype("object").tolist(),
        "Obszar": [AREA_SHORT_LABELS.get(int(a), "") if not pd.isna(a) else "" for a in frame["area"]],
        "Tytuł": frame["title"].astype("object").tolist(),
        "Podmiot wiodący": frame["lead"].astype("object").tolist(),
        "Partnerzy": frame["partners"].astype("object").tolist(),
        "Głosy": [None if pd.isna(v) else int(v) for v in frame["votes"]],
        "Status": [STATUSES.get(str(s), str(s)) for s in frame["status"]],
    })


# --- PowerPoint ---------------------------------------------------------------------------------


# The deck mirrors the show's 16:9 page (1280×720 px ↔ 13.333×7.5 in; 1 px ↔ 0.75 pt): every shape
# sits on the page and the content is centred between equal side margins. The default template's
# layouts are 4:3, so every slide places its own boxes; titles stay title placeholders (the outline
# and screen readers find them), moved onto the 16:9 page.
PPTX_WIDTH, PPTX_HEIGHT = 13.333, 7.5  # inches
PPTX_MARGIN = 0.58


def to_pptx(report: Report) -> bytes:
    """A deck with native (editable) PowerPoint charts, the same slides and pages as the show."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(PPTX_WIDTH), Inches(PPTX_HEIGHT)
    title_layout, title_only = deck.slide_layouts[0], deck.slide_layouts[5]
    inner = PPTX_WIDTH - 2 * PPTX_MARGIN
    blue, ink, grey = RGBColor(0x1F, 0x4E, 0x79), RGBColor(0x14, 0x20, 0x2E), RGBColor(0x5B, 0x67, 0x70)

    def text(page, left: float, top: float, width: float, height: float, lines: list[tuple[str, int, bool, object]],
             align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, frame=None):  # noqa: ANN001, ANN202
        """A text box (or ``frame``, a placeholder moved here) of (text, size in pt, bold, colour) paragraphs."""
        if frame is None:
            frame = page.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        else:
            frame.left, frame.top, frame.width, frame.height = Inches(left), Inches(top), Inches(width), Inches(height)
        body = frame.text_frame
        body.clear()
        body.word_wrap = True
        body.vertical_anchor = anchor
        body.margin_left = body.margin_right = body.margin_top = body.margin_bottom = 0
        for n, (value, size, bold, color) in enumerate(lines):
            paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
            paragraph.alignment = align
            run = paragraph.add_run()
            run.text = _pptx_text(value)
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, "Arial"
            run.font.color.rgb = color
        return frame

    def footer(page, number: int) -> None:  # noqa: ANN001
        text(page, PPTX_MARGIN, 7.0, inner, 0.32,
             [(f"{PARTNERSHIP} · warsztat {report.workshop_name} · {number} / {len(report.slides) + 1}", 12, False,
               grey)])

    title_page = deck.slides.add_slide(title_layout)
    text(title_page, PPTX_MARGIN, 2.2, inner, 1.9, [(PARTNERSHIP, 36, True, blue)], PP_ALIGN.CENTER, MSO_ANCHOR.BOTTOM,
         frame=title_page.shapes.title)
    text(title_page, PPTX_MARGIN, 4.3, inner, 0.9,
         [(f"Warsztat {report.workshop_name} · cykl {report.cycle} · {report.made_at:%d.%m.%Y}", 22, False, ink)],
         PP_ALIGN.CENTER, frame=title_page.placeholders[1])
    kinds = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
             "stacked100": XL_CHART_TYPE.COLUMN_STACKED_100}

    def chart(page, frame: pd.DataFrame, kind: str, left: float, width: float, top: float = 2.7,  # noqa: ANN001
              height: float = 4.2) -> None:
        data = CategoryChartData()
        data.categories = [_pptx_text(c) for c in frame.iloc[:, 0]]
        for column in frame.columns[1:]:
            data.add_series(_pptx_text(column), [float(v) for v in frame[column]])
        made = page.shapes.add_chart(kinds[kind], Inches(left), Inches(top), Inches(width), Inches(height), data).chart
        made.has_legend = len(frame.columns) > 2
        if made.has_legend:
            made.legend.position = XL_LEGEND_POSITION.TOP
            made.legend.include_in_layout = False
        made.font.size = Pt(15)

    for position, slide in enumerate(report.slides, start=2):
        page = deck.slides.add_slide(title_only)
        text(page, PPTX_MARGIN, 0.3, inner, 0.75, [(slide.title, 33, True, blue)], anchor=MSO_ANCHOR.MIDDLE,
             frame=page.shapes.title)
        footer(page, position)
        if slide.votes:
            text(page, PPTX_MARGIN, 1.1, inner, 0.5, [(f"{slide.headline} · {slide.message}", 21, True, grey)])
            top = 1.75
            for item in slide.votes:
                lines = vote_item_lines(item)
                height = (lines - 1) * 0.4 + 0.36  # title lines at 24 pt, the area at 21 pt
                text(page, PPTX_MARGIN, top, 0.9, 0.6, [(f"{item.number}.", 33, True, blue)], PP_ALIGN.RIGHT)
                text(page, PPTX_MARGIN + 1.1, top, inner - 1.1, height,
                     [(item.title, 24, True, ink), (item.area, 21, False, grey)])
                top += height + 0.12
            continue
        text(page, PPTX_MARGIN, 1.1, inner, 0.8, [(slide.headline, 48, True, blue)], anchor=MSO_ANCHOR.MIDDLE)
        text(page, PPTX_MARGIN, 1.95, inner, 0.7, [(slide.message, 20, False, ink)])
        if slide.data.empty:
            continue
        if slide.detail is not None and not slide.detail.empty:
            half = (inner - 0.4) / 2
            chart(page, slide.data, slide.chart, PPTX_MARGIN, half)
            chart(page, slide.detail, "bar", PPTX_MARGIN + half + 0.4, half)
        else:
            chart(page, slide.data, slide.chart, PPTX_MARGIN, inner)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _pptx_text(text: object) -> str:
    return printable(text, carriage_return=False)
