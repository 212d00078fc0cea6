"""The HTML report: one self-contained page (plotly.js embedded) that opens offline in any browser,
from ``templates/webpage.html``.

Every slide once (the vote list's pages, made for the projector, become one list), its chart
interactive, the numbers behind it in a table; the glossary; the files the data came from.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.io as pio
from markupsafe import Markup

from analysis import charts, glossary, palette
from analysis.display import PARTNERSHIP, cell_text, number, printable_json
from analysis.report.model import Report, Slide
from analysis.report.templating import render, safe
from analysis.vocabulary import KIND_LABELS

SOURCE_COLUMNS = ("file", "sheet", "kind", "workshop", "rows", "imported_at")  # a batch's row in the sources' table


@dataclass(frozen=True)
class Table:
    head: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    """One slide as the page shows it."""

    slide: Slide
    chart: Markup | None  # plotly's markup of the slide's chart
    listed: list[str]  # the vote list's items, its pages together
    table: Table | None  # the numbers behind the slide


def to_html(report: Report) -> str:
    """One self-contained page (plotly.js embedded) that opens offline in any browser."""
    from plotly.offline import get_plotlyjs

    o = report.overview
    overview = [("Warsztaty odbyte", f"{o.workshops_held} z {o.workshops_planned}"),
                ("Unikalni uczestnicy", number(o.unique_participants)), ("Instytucje", number(o.institutions)),
                ("Reprezentowane sektory", f"{o.sectors_represented} z {o.sectors_total}"),
                ("Propozycje", number(o.proposals))]
    listed: dict[str, list[str]] = {slide.key: [] for slide in report.slides}  # a list's pages, shown once here
    for slide in report.slides:
        if slide.page is not None:
            listed[slide.key].extend(slide.items)
    sections = [Section(slide, _chart(slide), listed.get(slide.key, []), _table(slide.data, slide.shares))
                for slide in report.slides if slide.page is None]  # the vote list's pages are for the projector
    sources = [[str(shown.get(k) if shown.get(k) is not None else "–") for k in SOURCE_COLUMNS]
               for shown in (dict(source, kind=KIND_LABELS.get(str(source.get("kind")), source.get("kind")))
                             for source in report.sources)]
    return render("webpage.html", report=report, partnership=PARTNERSHIP, c=palette, plotly=safe(get_plotlyjs()),
                  overview=overview, sections=sections, glossary=list(glossary.GLOSSARY.values()), sources=sources)


def _chart(slide: Slide) -> Markup | None:
    if slide.figure is None:
        return None
    return safe(pio.to_html(printable_json(slide.figure.to_plotly_json()), full_html=False, include_plotlyjs=False,
                            config=charts.PLOTLY_CONFIG, div_id=f"chart-{slide.key}"))


def _table(frame: pd.DataFrame, shares: tuple[str, ...] = ()) -> Table | None:
    if frame.empty:
        return None
    is_share = [c in shares for c in frame.columns]
    return Table([str(c) for c in frame.columns],
                 [[cell_text(v, s) for v, s in zip(row, is_share, strict=True)] for row in frame.itertuples(index=False)])
