"""A slide's declaration (``SlideKind``) and what its maker builds from (``At``).

A maker is a function of a theme's module, declared once::

    @slide_kind("areas", "Propozycje według obszarów", chart=ChartKind.COLUMN)
    def areas(kind: SlideKind, at: At) -> Slide:
        ...
        return kind.slide(headline, message, figure, data)

The declaration gives the slide's key, its title, its Excel sheet's name (the title unless said
otherwise; at most 31 characters), the kind of native chart the Excel and PowerPoint writers draw
from its data, and whether it is shown on the projector (the show and the PowerPoint deck; the
HTML and Excel reports have every slide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis import metrics
from analysis.display import percent
from analysis.report.cells import sheet_name_error
from analysis.report.model import ChartKind, Slide
from analysis.voting.protocol import Protocol


@dataclass(frozen=True)
class At:
    """What a maker builds from: the cycle so far, its workshops' names, the workshop shown at."""

    view: metrics.View
    names: dict[int, str]
    workshop: int
    vote: Protocol | None = None  # the newest closed vote up to this workshop


Maker = Callable[["SlideKind", At], "Slide | list[Slide]"]


@dataclass(frozen=True)
class SlideKind:
    """One slide's declaration (see the module's docstring)."""

    key: str
    title: str
    sheet: str
    chart: ChartKind
    projector: bool
    make: Maker

    def slide(self, headline: str, message: str, figure: go.Figure | None, data: pd.DataFrame,
              **more: object) -> Slide:
        """A slide of this kind: its key, title, sheet, chart and place from the declaration (``projector=False``
        keeps a slide with nothing to show out of the show and the deck; the reports still say why)."""
        given: dict[str, object] = {"chart": self.chart, "sheet": self.sheet, "projector": self.projector, **more}
        return Slide(self.key, self.title, headline, message, figure, data, **given)  # type: ignore[arg-type]


def slide_kind(key: str, title: str, *, sheet: str | None = None, chart: ChartKind = ChartKind.COLUMN,
               projector: bool = True) -> Callable[[Maker], SlideKind]:
    """The declaration of the slide ``key`` made by the decorated function (refused when Excel cannot
    name its sheet)."""
    name = sheet or title
    refused = sheet_name_error(name)
    if refused:
        raise ValueError(f"slide {key!r}: {refused}; declare a shorter sheet=")

    def declared(make: Maker) -> SlideKind:
        return SlideKind(key, title, name, ChartKind(chart), projector, make)

    return declared


def share_text(value: float | None) -> str:
    """A share in per cent, or a dash when there is none."""
    return "—" if value is None or pd.isna(value) else percent(float(value))


def index_text(value: float | None, signed: bool = False) -> str:
    """An index with two decimals the Polish way (``+0,25``), or a dash when there is none."""
    if value is None or pd.isna(value):
        return "—"
    return (f"{float(value):+.2f}" if signed else f"{float(value):.2f}").replace(".", ",")
