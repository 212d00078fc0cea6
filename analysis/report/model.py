"""What a report is: its slides and the tables beside them, as ``build`` makes them and every writer
reads them. Nothing here computes a number.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd
import plotly.graph_objects as go

from analysis import metrics
from analysis.report.cells import SHEET_NAME_LIMIT

GroupCounts = metrics.GroupCounts  # participants counted per institution, sector or gmina (small groups hidden)
Overview = metrics.Overview  # the cycle's counts on a report's first page

VOTE_LINE_CHARS = 52  # a title on the vote list takes a line per this many characters (a cautious count)


class ChartKind(StrEnum):
    """The native chart the Excel and PowerPoint writers draw from a slide's ``data``."""

    COLUMN = "column"  # vertical bars, one group per category
    BAR = "bar"  # horizontal bars (long category names)
    STACKED100 = "stacked100"  # vertical bars stacked to 100% (shares of a whole)


@dataclass(frozen=True)
class VoteItem:
    """One proposal on the list the room votes on, as every format prints it."""

    number: str
    title: str
    area: str  # "Obszar 1 · Uszczelnianie lokalnych wycieków" or "bez obszaru"
    area_code: int | None


def vote_item_lines(item: VoteItem) -> int:
    """How many lines of the page ``item`` takes: its title's lines and its area's."""
    return max(1, math.ceil(len(item.title) / VOTE_LINE_CHARS)) + 1


@dataclass(frozen=True)
class RankItem:
    """One of the leaders of a closed vote, as the show lists them: the title whole."""

    rank: int
    number: str
    title: str
    votes: int
    area_code: int | None


@dataclass
class Slide:
    key: str
    title: str
    headline: str  # the large number or short phrase
    message: str  # one sentence
    figure: go.Figure | None
    data: pd.DataFrame  # first column: categories; other columns: numeric series (native charts)
    chart: ChartKind = ChartKind.COLUMN
    items: list[str] = field(default_factory=list)  # e.g. titles of the proposals to vote on
    shares: tuple[str, ...] = ()  # columns of ``data`` that hold shares (0..1), shown as percentages
    sheet: str = ""  # the Excel sheet's name; default: the title, cut to Excel's limit
    page: tuple[int, int] | None = None  # (n, of): one page of a list continued over several slides
    votes: list[VoteItem] = field(default_factory=list)  # the proposals listed on this page
    detail: pd.DataFrame | None = None  # a second, smaller native chart (sectors at the last workshop)
    projector: bool = True  # shown in the show and the PowerPoint deck (the HTML and Excel reports: always)
    notes: list[str] = field(default_factory=list)  # lines the reports print under the slide (a vote's protocol)
    ranking: list[RankItem] = field(default_factory=list)  # a vote's leaders, titles whole (the show lists them)

    def __post_init__(self) -> None:
        if not self.sheet:
            self.sheet = self.title[:SHEET_NAME_LIMIT]


@dataclass(frozen=True)
class Tables:
    """The tables only the Excel report prints: ``build`` hands a report the way to make them, made once when a
    writer first asks (the show and the pages never pay for them)."""

    counts: list[GroupCounts]
    invite: pd.DataFrame


@dataclass
class Report:
    """A report as ``build`` makes it, once, from ``metrics``: every writer writes only this."""

    made_at: dt.datetime
    cycle: str | None
    workshop: int | None  # the workshop the presentation is for
    workshop_name: str
    slides: list[Slide]
    overview: Overview
    sources: list[dict[str, object]]  # the batches the data came from
    names: dict[int, str] = field(default_factory=dict)  # the cycle's workshops by number: "3. Jabłonna"
    tables: Callable[[], Tables] = lambda: Tables([], pd.DataFrame())  # the tables beside the slides: see Tables
    proposals: pd.DataFrame = field(default_factory=pd.DataFrame)  # the cycle's proposals, as people read them
    sample: bool = False  # made from the sample (invented people)

    @property
    def counts(self) -> list[GroupCounts]:
        """Participants per institution, sector and gmina."""
        return self.tables().counts

    @property
    def invite(self) -> pd.DataFrame:
        """``metrics.invite_institutions``: the institutions to invite again, named."""
        return self.tables().invite
