"""The evaluation as one HTML document for A4 printing and publishing, from ``templates/evaluation.html``.

Charts are inline SVG bars drawn here from each block's table: nothing is loaded at run time, the document
prints the same offline in any browser, and a bar is a rectangle the printer draws sharply (plotly.js,
4.6 MB, draws its charts by script after the page loads — a printout can catch them half drawn, and a
PDF reader would hold the whole library). Every chart has a title and a text alternative (``<title>``,
``<desc>``), its table right below it, and its series told apart by pattern and by name, not by colour
alone. The print styles put each section on a new page, keep a chart on one page and write the office,
the date and the page number into the page margins (CSS page-margin boxes, which Chromium prints since
version 131: Chrome, Edge and the PDF from the command line).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from analysis import palette
from analysis.display import cell_text, css_string, html_text, number, percent
from analysis.report.evaluation_model import SECTIONS, Block, Evaluation
from analysis.report.templating import render, safe

SERIES = (palette.NAVY, palette.BROWN, palette.GREEN, palette.STEEL)  # ≥ 3:1 against white, as bars must be
PATTERNS = ("solid", "hatch", "dots", "cross")  # each series' fill: told apart without colour
WIDTH, LABELS, CHAR = 720, 220, 7  # the chart's width, its category labels' column, a character's width at most
BAR, GAP, TOP = 16, 10, 12  # a bar's height, the space between categories, the space above the first
LISTED = 24  # a chart with at most this many values lists them in its text alternative


@dataclass(frozen=True)
class Table:
    caption: str
    head: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Shown:
    """A block as the page shows it: the block, its chart's SVG, its table as text, its terms' definitions."""

    block: Block
    chart: Markup | None
    table: Table | None
    terms: list[tuple[str, str]]


def to_html(evaluation: Evaluation) -> str:
    """The whole evaluation: one self-contained HTML document (no script, no file or font loaded)."""
    definitions = {key: (term, text) for key, term, text in evaluation.terms}
    sections = []
    for n, section in enumerate(evaluation.sections, start=2):
        shown = [Shown(block, _chart(block, f"c{n}-{i}"), _table(block), [definitions[k] for k in block.terms])
                 for i, block in enumerate(section.blocks, start=1)]
        sections.append((n, section, shown))
    made = evaluation.made_at.strftime("%d.%m.%Y")
    title = f"Ocena partnerstwa — cykl {evaluation.cycle}" if evaluation.cycle else "Ocena partnerstwa"
    return render("evaluation.html", e=evaluation, title=title, made=made, sections=sections, c=palette,
                  chapters=SECTIONS, summary_title=f"{SECTIONS['summary']} {evaluation.cycle or ''}".strip(),
                  chapter_of={section.key: n for n, section, _ in sections},
                  glossary_number=len(sections) + 2, sources_number=len(sections) + 3,
                  header=safe(css_string(title)), footer=safe(css_string(f"{evaluation.office} · sporządzono {made}")))


def _values(block: Block) -> list[str]:
    """The columns of a block's table the chart draws: its ``series``, else every column of numbers."""
    data = block.data
    if data is None:
        return []
    return [c for c in data.columns[1:] if pd.api.types.is_numeric_dtype(data[c]) and c in (block.series or (c,))]


def _text(value: float, share: bool, precise: bool) -> str:
    return percent(value, 1) if share else number(value, 2) if precise else number(value, 0 if value == int(value) else 1)


def _chart(block: Block, key: str) -> Markup | None:
    """The block's table as horizontal bars: one group per row, one bar per numeric column."""
    series = _values(block)
    if not block.chart or block.data is None or not series or block.data.empty:
        return None
    data = block.data
    categories = [html_text(v) for v in data[data.columns[0]]]
    values = [[None if pd.isna(v) else float(v) for v in data[s]] for s in series]
    known = [v for row in values for v in row if v is not None] + ([block.limit] if block.limit is not None else [])
    low, high = min([0.0, *known]), max([0.0, *known])
    span = (high - low) or 1.0
    labels = [[_label(name, v, block, len(series)) for v in row] for name, row in zip(series, values, strict=True)]
    plot = WIDTH - LABELS - max(CHAR * max(len(t) for row in labels for t in row) + 12, 60)
    def x(v: float) -> float:
        return LABELS + (v - low) / span * plot

    legend = 22 if len(series) > 1 or block.limit is not None else 0  # a row for the legend or the limit's label
    group = BAR * len(series) + GAP
    height = TOP + legend + group * len(categories) + 6
    parts = [f"<defs>{''.join(_pattern(key, j) for j in range(len(series)))}</defs>"]
    for j, name in enumerate(series if len(series) > 1 else []):  # the legend: pattern and name
        parts.append(f"<rect x='{LABELS + j * 170}' y='4' width='14' height='14' fill='url(#{key}-p{j})' "
                     f"stroke='{palette.INK}' stroke-width='0.5'/><text x='{LABELS + j * 170 + 18}' y='15'>"
                     f"{html_text(name)}</text>")
    zero = x(0.0)
    for i, category in enumerate(categories):
        top = TOP + legend + i * group
        parts.append(f"<text x='{LABELS - 8}' y='{top + group / 2 - GAP / 2 + 4}' text-anchor='end'>{category}</text>")
        for j in range(len(series)):
            value = values[j][i]
            y = top + j * BAR
            if value is None:
                parts.append(f"<text x='{zero + 4}' y='{y + BAR - 4}'>{html_text(labels[j][i])}</text>")
                continue
            left, right = sorted((zero, x(value)))
            label = html_text(labels[j][i])
            parts.append(f"<rect x='{left:.1f}' y='{y + 1}' width='{max(right - left, 0.5):.1f}' height='{BAR - 2}' "
                         f"fill='url(#{key}-p{j})' stroke='{SERIES[j % len(SERIES)]}'/>"
                         f"<text x='{max(right, zero) + 4:.1f}' y='{y + BAR - 4}'>{label}</text>")
    bottom = height - 4
    parts.append(f"<line x1='{zero:.1f}' x2='{zero:.1f}' y1='{TOP + legend - 2}' y2='{bottom}' stroke='{palette.INK}'/>")
    if block.limit is not None:
        at = x(block.limit)
        parts.append(f"<line x1='{at:.1f}' x2='{at:.1f}' y1='{TOP + legend - 2}' y2='{bottom}' stroke='{palette.INK}' "
                     f"stroke-dasharray='4 3'/><text x='{at + 3:.1f}' y='15'>"
                     f"granica {percent(block.limit)}</text>")
    about = _alternative(block, series, categories, values)
    return safe(f"<svg role='img' aria-labelledby='{key}-t {key}-d' viewBox='0 0 {WIDTH} {math.ceil(height)}' "
                f"xmlns='http://www.w3.org/2000/svg'><title id='{key}-t'>{html_text(block.title)}</title>"
                f"<desc id='{key}-d'>{about}</desc>{''.join(parts)}</svg>")


def _label(name: str, value: float | None, block: Block, series: int) -> str:
    """The text at a bar's end: its value, after its series' name when there are several."""
    shown = "brak" if value is None else _text(value, name in block.shares, name in block.precise)
    return f"{name}: {shown}" if series > 1 else shown


def _pattern(key: str, j: int) -> str:
    """The fill of series ``j``: solid, hatched, dotted or cross-hatched in its colour on white."""
    color, kind = SERIES[j % len(SERIES)], PATTERNS[j % len(PATTERNS)]
    marks = {"solid": f"<rect width='6' height='6' fill='{color}'/>",
             "hatch": f"<rect width='6' height='6' fill='white'/><path d='M0 6L6 0M-1 1L1 -1M5 7L7 5' stroke='{color}' "
                      "stroke-width='2'/>",
             "dots": f"<rect width='6' height='6' fill='white'/><circle cx='3' cy='3' r='1.6' fill='{color}'/>",
             "cross": f"<rect width='6' height='6' fill='white'/><path d='M0 3H6M3 0V6' stroke='{color}' "
                      "stroke-width='1.4'/>"}[kind]
    return f"<pattern id='{key}-p{j}' width='6' height='6' patternUnits='userSpaceOnUse'>{marks}</pattern>"


def _alternative(block: Block, series: list[str], categories: list[str], values: list[list[float | None]]) -> str:
    """The chart in words: what it shows and, when short, every value (all of them are in the table below)."""
    data = block.data
    assert data is not None
    about = (f"Wykres słupkowy: {', '.join(html_text(s) for s in series)} według: {html_text(data.columns[0])}."
             + (f" Linia przerywana: granica {percent(block.limit)}." if block.limit is not None else ""))
    if len(categories) * len(series) > LISTED:
        return about + " Wartości w tabeli pod wykresem."
    listed = "; ".join(f"{category}: " + ", ".join(
        f"{html_text(s)} {'brak' if v is None else _text(v, s in block.shares, s in block.precise)}"
        for s, v in zip(series, (row[i] for row in values), strict=True)) for i, category in enumerate(categories))
    return f"{about} {listed}."


def _precise(value: object) -> str:
    """A mean or an index with two decimals; one that is not there (a group too small to show, no pair to count)
    says "brak", as its bar's label does."""
    if isinstance(value, int | float) and not pd.isna(value):
        return number(float(value), 2)
    return "brak" if value is None or pd.isna(value) else cell_text(value)  # type: ignore[call-overload]


def _table(block: Block) -> Table | None:
    data = block.data
    if data is None or data.empty:
        return None
    rows = []
    for row in data.itertuples(index=False):
        rows.append([_precise(v) if c in block.precise else cell_text(v, c in block.shares)
                     for c, v in zip(data.columns, row, strict=True)])
    return Table(f"{block.title}: dane", [str(c) for c in data.columns], rows)
