"""How a native chart (Excel's and PowerPoint's) looks besides its numbers, decided once for both writers.

- colours: a series named after a sector, a group of sectors, an area, a status or a gmina has that
  colour (``palette.LABEL_COLORS``: the palettes of the pages' charts); a one-series chart whose
  categories have colours of their own colours each bar; any other series takes the next of
  ``palette.SERIES_COLORS``;
- the value axis: bars start at 0 (an office suite's automatic axis may start at 75, and 86 against
  101 people then look like 1 : 3); shares (and bars stacked to 100%) in per cent, never past 100%,
  as the slide's headline says them; counts in whole steps (never half a proposal);
- every category labelled: office suites leave out labels they find crowded, so the writers say
  "every label" and size the labels' type to fit (``label_size``).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from analysis.palette import LABEL_COLORS, SERIES_COLORS
from analysis.report.model import ChartKind

PERCENT_FORMAT = "0%"  # a share's axis: 0%, 20%… (the values stay fractions of 1)


@dataclass(frozen=True)
class Series:
    name: str
    color: str  # "#rrggbb", from analysis.display
    points: tuple[str | None, ...] = ()  # each category's own colour (None: the series' colour); () when none has


@dataclass(frozen=True)
class ValueAxis:
    minimum: float | None  # None: the office suite's own choice (a scale with bars below and above 0)
    maximum: float | None
    major_unit: float | None
    number_format: str | None  # PERCENT_FORMAT for shares; None: the cells' own


@dataclass(frozen=True)
class Look:
    series: tuple[Series, ...]
    axis: ValueAxis


def look(frame: pd.DataFrame, kind: ChartKind, shares: Collection[str] = ()) -> Look:
    """The colours and the value axis of the chart of ``frame`` (first column: categories; the others:
    series); ``shares`` names the columns that hold shares of 1."""
    names = [str(c) for c in frame.columns[1:]]
    plain = iter(SERIES_COLORS * (len(names) // len(SERIES_COLORS) + 1))  # series without a colour of their own
    colors = [LABEL_COLORS.get(name) or next(plain) for name in names]
    points: tuple[str | None, ...] = ()
    if len(names) == 1:
        own = tuple(LABEL_COLORS.get(str(c)) for c in frame.iloc[:, 0])
        points = own if any(own) else ()
    series = tuple(Series(name, color, points) for name, color in zip(names, colors, strict=True))
    return Look(series, _axis(frame, kind, names, shares))


def _axis(frame: pd.DataFrame, kind: ChartKind, names: list[str], shares: Collection[str]) -> ValueAxis:
    if kind == ChartKind.STACKED100:
        return ValueAxis(0.0, 1.0, None, PERCENT_FORMAT)
    values = pd.concat([pd.to_numeric(frame[c], errors="coerce") for c in frame.columns[1:]]).dropna()
    lowest = float(values.min()) if len(values) else 0.0
    highest = float(values.max()) if len(values) else 0.0
    minimum = 0.0 if lowest >= 0 else None
    maximum = 0.0 if highest <= 0 < -lowest else None  # bars all below 0 end at 0
    if names and all(name in shares for name in names):
        return ValueAxis(minimum, 1.0 if 0.5 < highest <= 1 else maximum, None, PERCENT_FORMAT)
    counts = names and all(pd.api.types.is_integer_dtype(frame[c]) for c in frame.columns[1:])
    step = (1.0 if highest <= 6 else 2.0 if highest <= 12 else None) if counts and lowest >= 0 else None
    return ValueAxis(minimum, maximum, step, None)


def label_size(categories: int, length: float, largest: float, smallest: float = 8) -> float:
    """The largest type (pt, at most ``largest``, at least ``smallest``) at which ``categories`` labels,
    one line each, fit side by side along an axis ``length`` points long."""
    return max(smallest, min(largest, math.floor(length / max(categories, 1) / 1.5)))
