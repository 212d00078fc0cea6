"""The presentation's slides and the offline reports made from them: HTML, Excel and PowerPoint.

One list of slides (a message, a large headline number, one chart and the numbers behind it)
feeds the presentation page and all three reports, so a report shows the same numbers as the
pages, to the digit. Text that came from an uploaded file stays text in every export.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis import charts, config, glossary, metrics
from analysis.errors import UserError
from analysis.formatting import counted, number, percent, plural
from analysis.vocabulary import (
    AREA_SHORT_LABELS,
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
    slides = [makers[k](view, names, workshop) for k in (list(SLIDES) if keys is None else keys) if k in makers]
    return Report(dt.datetime.now().replace(microsecond=0), view.cycle, workshop, name, slides,
                  metrics.overview(view), sources or [])


def _cycle(view: metrics.View, names: dict[int, str], workshop: int) -> Slide:
    summary = metrics.overview(view)
    frame = metrics.participants_by_workshop(view)
    held = frame[frame["held"]]
    data = pd.DataFrame({"Warsztat": [names[w] for w in held["workshop"]],
                         "Uczestnicy": [int(p) for p in held["participants"]]})
    return Slide("cycle", SLIDES["cycle"], counted(summary.unique_participants, "osoba", "osoby", "osób"),
                 f"{summary.workshops_held} z {summary.workshops_planned} warsztatów za nami; "
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
    return Slide("balance", SLIDES["balance"], headline, message,
                 charts.balance_chart(frame, names) if not frame.empty else None, data, chart="stacked100",
                 items=missing, shares=tuple(data.columns[1:]))


def _areas(view: metrics.View, names: dict[int, str], workshop: int) -> Slide:
    frame = metrics.proposals_by_area(view)
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in frame["area"]],
                         "Propozycje": [int(p) for p in frame["proposals"]]})
    return Slide("areas", SLIDES["areas"], counted(int(frame["proposals"].sum()), "propozycja", "propozycje",
                                                    "propozycji"),
                 glossary.definition("proposals_by_area"), charts.area_chart(frame), data)


def _vote(view: metrics.View, names: dict[int, str], workshop: int) -> Slide:
    proposals = view.proposals
    waiting = proposals[proposals["status"] == "to_vote"].sort_values(["workshop", "number"])
    counts = waiting["area"].dropna().astype(int).value_counts()
    frame = pd.DataFrame({"area": list(AREA_SHORT_LABELS), "proposals": [int(counts.get(a, 0)) for a in AREA_SHORT_LABELS]})
    data = pd.DataFrame({"Obszar": [AREA_SHORT_LABELS[a] for a in frame["area"]],
                         "Propozycje": frame["proposals"].tolist()})
    items = [f"{int(n) if not pd.isna(n) else '–'}. {t} ({'bez obszaru' if pd.isna(a) else AREA_SHORT_LABELS[int(a)]})"
             for n, t, a in zip(waiting["number"], waiting["title"].fillna(""), waiting["area"], strict=True)]
    figure = charts.area_chart(frame)
    figure.update_layout(title={"text": "Propozycje do głosowania według obszarów"})
    return Slide("vote", SLIDES["vote"], counted(len(waiting), "propozycja", "propozycje", "propozycji"),
                 f"Propozycje zapisane na poprzednich warsztatach, głosowane na warsztacie {names.get(workshop, workshop)}.",
                 figure if len(waiting) else None, data, items=items)


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
    venue = f", {row['venue']}" if isinstance(row.get("venue"), str) and row.get("venue") else ""
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
                        f"Raport można zrobić na warsztat {default}.")
    after = f" (albo {default} — podsumowanie po ostatnim warsztacie)" if default not in names else ""
    raise UserError(f"W cyklu {view.cycle} nie ma warsztatu {workshop}. Warsztaty tego cyklu: "
                    f"{', '.join(names[w] for w in sorted(names))}{after}. Podaj numer jednego z nich.")


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str) -> str:
    """A name Excel accepts: no control characters, none of []:*?/\\, at most 31 characters."""
    return _SHEET_FORBIDDEN.sub("", clean_text(name)).strip()[:SHEET_NAME_LIMIT] or "Slajd"


# characters no report format can hold (XML 1.0 forbids most C0 controls, lone surrogates and
# U+FFFE/U+FFFF; HTML calls C0/C1 controls parse errors); tab, line feed and carriage return stay
_UNFIT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\x0b\x0c\x85]")  # vertical tab, form feed, next line: a new line


def clean_text(text: str, carriage_return: bool = True) -> str:
    """``text`` without the control characters a report cannot hold (e.g. BEL from a bad cell).

    Vertical tab, form feed and NEL become a line feed; without ``carriage_return`` (PowerPoint,
    which would show it as "_x000D_"), CR LF and CR become a line feed too.
    """
    text = _LINE_BREAKS.sub("\n", _UNFIT.sub("", text))
    return text if carriage_return else text.replace("\r\n", "\n").replace("\r", "\n")


def _clean_json(value: object) -> object:
    """Every string of a figure's JSON cleaned (category labels, hover texts, titles)."""
    if isinstance(value, str):
        return clean_text(value)
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
        "dt{font-weight:bold;margin-top:.6rem}.muted{color:#5b6770}</style>",
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
    for slide in report.slides:
        parts.append(f"<section id='{slide.key}'><h2>{esc(slide.title)}</h2>"
                     f"<p class='headline'>{esc(slide.headline)}</p><p>{esc(slide.message)}</p>")
        if slide.figure is not None:
            parts.append(pio.to_html(_clean_json(slide.figure.to_plotly_json()), full_html=False, include_plotlyjs=False,
                                     config=charts.PLOTLY_CONFIG, div_id=f"chart-{slide.key}"))
        if slide.items and slide.key == "vote":
            parts.append("<ol>" + "".join(f"<li>{esc(item)}</li>" for item in slide.items) + "</ol>")
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
    return html.escape(clean_text(str(value)))


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
        value = clean_text(value)
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
        chart.title = clean_text(slide.title)
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


def to_pptx(report: Report) -> bytes:
    """A deck with native (editable) PowerPoint charts, one per slide, like the presentation."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title_slide = deck.slides.add_slide(deck.slide_layouts[0])
    title_slide.shapes.title.text = PARTNERSHIP
    title_slide.placeholders[1].text = _pptx_text(f"Warsztat {report.workshop_name} · cykl {report.cycle} · "
                                                  f"{report.made_at:%d.%m.%Y}")
    kinds = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
             "stacked100": XL_CHART_TYPE.COLUMN_STACKED_100}
    for slide in report.slides:
        page = deck.slides.add_slide(deck.slide_layouts[5])
        page.shapes.title.text = _pptx_text(slide.title)
        box = page.shapes.add_textbox(Inches(0.6), Inches(1.3), Inches(12), Inches(1.2)).text_frame
        box.text = _pptx_text(slide.headline)
        box.paragraphs[0].runs[0].font.size = Pt(40)
        box.paragraphs[0].runs[0].font.bold = True
        line = box.add_paragraph()
        line.text = _pptx_text(slide.message)
        line.runs[0].font.size = Pt(18)
        if slide.data.empty:
            continue
        data = CategoryChartData()
        data.categories = [_pptx_text(str(c)) for c in slide.data.iloc[:, 0]]
        for column in slide.data.columns[1:]:
            data.add_series(_pptx_text(str(column)), [float(v) for v in slide.data[column]])
        top = Inches(2.6)
        width = Inches(7.6) if slide.items and slide.key == "vote" else Inches(12)
        frame = page.shapes.add_chart(kinds[slide.chart], Inches(0.6), top, width, Inches(4.6), data)
        chart = frame.chart
        chart.has_legend = len(slide.data.columns) > 2
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        chart.font.size = Pt(14)
        if slide.items and slide.key == "vote":
            listing = page.shapes.add_textbox(Inches(8.4), top, Inches(4.5), Inches(4.6)).text_frame
            listing.word_wrap = True
            for index, item in enumerate(slide.items[:20]):
                paragraph = listing.paragraphs[0] if index == 0 else listing.add_paragraph()
                paragraph.text = _pptx_text(item)
                paragraph.runs[0].font.size = Pt(12)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _pptx_text(text: str) -> str:
    return clean_text(text, carriage_return=False)
