"""The slide show for a workshop hall: one self-contained HTML file driven by a keyboard or a remote.

The same ``Report`` that makes the HTML, Excel and PowerPoint reports becomes a show: a cover and
one 16:9 page per slide shown on the projector (the vote list already paged by ``slides``). Each page is laid
out on a 1280×720 stage that the browser scales to its window, so a page fits every projector
(letterboxed, never cut) and its text grows with the screen. Navigation happens in the browser:

    → PageDown Space ↓ N   next            ← PageUp ↑ Backspace P   previous
    Home / End              first / last    number + Enter           that slide
    B or .                  black screen    F                        full screen on / off
    Esc                     leaves full screen; on the dashboard page it hands the keys back

Embedded in the dashboard (a same-origin iframe) the show also listens on the page around it, so
the keys work as soon as the page opens, without a click; it ignores keys typed into the page's
fields and lets the page have them when the show is scrolled out of sight.

Text from uploaded files stays text: every string is cleaned of control characters and
HTML-escaped here (``display.html_text``); the charts' data travel as JSON inside a non-executable
script element with ``<``, ``>`` and ``&`` escaped, and their labels are plotly-escaped by ``charts``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import plotly.graph_objects as go
import plotly.io as pio

from analysis import palette
from analysis.display import PARTNERSHIP, counted, plot_lines, printable_json
from analysis.palette import AREA_COLORS, BACKGROUND, MUTED, rgba
from analysis.report.model import RankItem, Report, Slide
from analysis.report.templating import render, safe

WIDTH, HEIGHT = 1280, 720  # the stage every page is laid out on (CSS px), scaled to the window
BODY_PX = 28  # the smallest body text on a 1280×720 screen
SMALL_PX = 24  # the smallest text of all (a chart's ticks, the footer) on a 1280×720 screen
CHART_FONT_PX = SMALL_PX
TALL_ROWS = 6  # a chart of more horizontal bars (of all its series) than this takes the slide's whole height
RANK_LINE_CHARS = 38  # a title in a vote's ranking takes a line per this many characters (a cautious count)
RANK_LINES = 13  # the ranking's lines on a slide (titles and bars)
CATEGORY_LINE_CHARS = 16  # a category's label under a bar wraps after about this many characters

KEYS_HINT = ("→ / PageDown / spacja — dalej · ← / PageUp — wstecz · Home / End — początek / koniec · "
             "B — czarny ekran · F — pełny ekran")


def _lettered(part: object, smallest: int) -> object:
    """``part`` of a figure's JSON with every font (tick, legend, annotation, bar text…) at least ``smallest`` px."""
    if isinstance(part, dict):
        grown = {key: _lettered(value, smallest) for key, value in part.items()}
        for key, value in grown.items():
            if key.endswith("font") and isinstance(value, dict):
                size = value.get("size")
                if isinstance(size, list):
                    value["size"] = [max(s, smallest) if isinstance(s, int | float) else smallest for s in size]
                else:
                    value["size"] = max(size, smallest) if isinstance(size, int | float) else smallest
        return grown
    if isinstance(part, list):
        return [_lettered(value, smallest) for value in part]
    return part


def _figure(figure: go.Figure) -> dict[str, Any]:
    """The slide's chart, sized by the show (its box) and lettered for the back of a hall.

    Every text of the chart is at least ``CHART_FONT_PX`` on the 1280×720 stage (and grows with
    the screen as the stage does): a bar's text is never shrunk to fit outside its bar, and a
    number that does not fit inside its bar at that size is left out (the axis and the slide's
    table say it) rather than drawn small.
    """
    shown = go.Figure(figure)
    shown.update_layout(title={"text": ""}, height=None, width=None, autosize=True,
                        font={"size": CHART_FONT_PX}, uniformtext={"minsize": CHART_FONT_PX, "mode": "hide"})
    margin = shown.layout.margin
    shown.update_layout(margin={"t": 16 if (margin.t or 0) <= 70 else margin.t - 40, "l": 16, "r": 24, "b": 16})
    shown.update_traces(constraintext="inside", selector={"type": "bar"})
    drawn = cast(dict[str, Any], _lettered(printable_json(json.loads(pio.to_json(shown, validate=False))),
                                           CHART_FONT_PX))
    for trace in drawn.get("data", []):  # categories under vertical bars and boxes: wrapped, never slanted
        if trace.get("type") in ("bar", "box") and trace.get("orientation") != "h" and isinstance(trace.get("x"), list):
            trace["x"] = [_wrapped(x) for x in trace["x"]]
    for name, axis in drawn.get("layout", {}).items():
        if name.startswith("xaxis") and isinstance(axis, dict) and isinstance(axis.get("categoryarray"), list):
            axis["categoryarray"] = [_wrapped(x) for x in axis["categoryarray"]]
    return drawn


def _wrapped(label: object, width: int = CATEGORY_LINE_CHARS) -> object:
    """A category's label in lines of about ``width`` characters."""
    return plot_lines(label, width) if isinstance(label, str) and len(label) > width else label


def _script_json(value: object) -> str:
    """JSON that cannot close or comment out the script element holding it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")






def _tall(figure: dict[str, Any]) -> bool:
    """Whether a chart needs the slide's whole height: many horizontal bars, or a map (its shape kept)."""
    rows = sum(len(trace.get("y") or []) for trace in figure.get("data", [])
               if trace.get("type") == "bar" and trace.get("orientation") == "h")  # grouped bars: each its own row
    mapped = any(isinstance(axis, dict) and axis.get("scaleanchor") for name, axis in figure.get("layout", {}).items()
                 if name.startswith("xaxis"))
    return rows > TALL_ROWS or mapped


def rank_item_lines(item: RankItem) -> int:
    """How many lines of the ranking ``item`` takes: its title's lines and its bar's."""
    return max(1, math.ceil(len(item.title) / RANK_LINE_CHARS)) + 1


def _leaders(items: list[RankItem]) -> list[RankItem]:
    """The first of ``items`` that fit the ranking's lines (the first always: its title wraps as long as it is)."""
    shown: list[RankItem] = []
    used = 0
    for item in items:
        used += rank_item_lines(item)
        if shown and used > RANK_LINES:
            break
        shown.append(item)
    return shown






def plotly_file_name() -> str:
    """The name under which ``publish_plotly`` stores the plotly.js of the installed plotly."""
    import plotly

    return f"plotly-{plotly.__version__}.min.js"


def publish_plotly(folder: Path) -> str | None:
    """plotly.js written once into ``folder`` (a web server's static folder); its name, or None.

    The dashboard serves it beside the page, so the show embedded there loads the library as a
    file the browser caches instead of 4.6 MB inside the page's data. None when the folder cannot
    be written (the show then embeds the library).
    """
    from plotly.offline import get_plotlyjs

    name = plotly_file_name()
    target = folder / name
    if target.is_file():
        return name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    except OSError:
        return None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(get_plotlyjs())
        os.chmod(temporary, 0o644)  # a served file, like the rest of the app's folder
        os.replace(temporary, target)  # whole or not at all, even with two sessions at once
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return None
    return name


@dataclass(frozen=True)
class Leader:
    """One of a vote's leaders as the ranking shows it."""

    rank: int
    number: str
    title: str
    votes: str  # "12 głosów"
    color: str  # its area's colour
    width: str  # its bar's length, per cent of the ranking's width


@dataclass(frozen=True)
class Page:
    """One slide as the show lays it out."""

    slide: Slide
    chart: int | None = None  # its chart's place in the figures' data
    side: bool = False  # the headline and message beside the chart, not above it
    leaders: list[Leader] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)  # the vote list's numbers: each its area's colour
    page: str = ""  # "2 z 3": one page of the vote list


def _color(area_code: int | None) -> str:
    return AREA_COLORS.get(area_code or 0, MUTED)


def _ranking(items: list[RankItem]) -> list[Leader]:
    """A vote's leaders as a list: place, number, the whole title, a bar and the votes in words."""
    top = max((item.votes for item in items), default=0) or 1
    return [Leader(item.rank, item.number, item.title, counted(item.votes, "głos", "głosy", "głosów"),
                   _color(item.area_code), f"{70 * item.votes / top:.1f}") for item in _leaders(items)]


def to_show(report: Report, sample: bool = False, plotly_src: str | None = None) -> str:
    """The show as one HTML document; with plotly.js embedded it runs offline from a file.

    ``plotly_src`` is the address of plotly.js to load instead of embedding it (the dashboard
    serves the file itself; the downloaded show always embeds it).
    """
    figures: list[dict[str, Any]] = []
    pages: list[Page] = []
    for slide in (slide for slide in report.slides if slide.projector):
        if slide.ranking:
            pages.append(Page(slide, leaders=_ranking(slide.ranking)))
        elif slide.votes:
            pages.append(Page(slide, colors=[_color(item.area_code) for item in slide.votes],
                              page=f"{slide.page[0]} z {slide.page[1]}" if slide.page else ""))
        elif slide.figure is not None:
            figures.append(_figure(slide.figure))
            pages.append(Page(slide, len(figures) - 1, _tall(figures[-1])))
        else:
            pages.append(Page(slide))
    footer = " · ".join([f"warsztat {report.workshop_name}", f"cykl {report.cycle}",
                         *(["Dane przykładowe (osoby zmyślone)"] if sample else [])])
    body = render("show_slides.html", report=report, sample=sample, pages=pages, footer=footer,
                  partnership=PARTNERSHIP, keys_hint=KEYS_HINT)
    data = _script_json(figures)
    digest = hashlib.sha256((body + data).encode("utf-8")).hexdigest()[:16]
    # plotly.js loads after the first slide shows (the cover has no chart): a deferred file, or
    # embedded as inert text that the show runs once it is on the screen
    plotly = None
    if plotly_src is None:
        from plotly.offline import get_plotlyjs

        plotly = safe(get_plotlyjs().replace("</script", "<\\/script"))
    return render("show.html", report=report, partnership=PARTNERSHIP, digest=digest, body=safe(body),
                  plotly=plotly, plotly_src=plotly_src, figures=safe(data), c=palette, width=WIDTH, height=HEIGHT,
                  body_px=BODY_PX, small_px=SMALL_PX, controls_background=rgba(BACKGROUND, 0.92))
