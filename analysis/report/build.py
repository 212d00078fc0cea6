"""A report built once, from ``metrics``: the slides and the tables beside them, for every writer.

The view a presentation at a workshop shows is the held workshops before it (``for_workshop``);
the slides come from ``slides.SLIDES`` in their order; the counts of participants, the institutions
to invite again and the proposals are computed here too (the first two when a writer first asks for
them: only the Excel report prints them), so a writer only writes what it is handed.
"""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd

from analysis import config, metrics
from analysis.dataset import Dataset
from analysis.display import workshop_names
from analysis.report import slides
from analysis.report.model import Report, Slide, Tables
from analysis.report.slides.kind import At
from analysis.vocabulary import AREA_SHORT_LABELS, STATUSES
from analysis.voting import protocol
from analysis.voting.ballot_box import Votes
from analysis.voting.protocol import Protocol

COUNTS_BY = ("institution", "sector", "gmina")  # the report's counts of participants, one sheet each


def for_workshop(dataset: Dataset, workshop: int | None = None, cycle: str | None = None) -> tuple[metrics.View, int]:
    """The view a presentation at ``workshop`` shows: the held workshops before it (default: next)."""
    base = metrics.View(dataset, metrics.Filters(cycle=cycle))
    if workshop is None:
        upcoming = metrics.next_workshop(base)
        workshop = upcoming.workshop if upcoming else (int(base.schedule["workshop"].max()) + 1
                                                       if not base.schedule.empty else 1)
    before = tuple(int(w) for w in base.schedule["workshop"] if int(w) < workshop)
    return metrics.View(dataset, metrics.Filters(cycle=base.cycle, workshops=before or (0,))), workshop


def build(dataset: Dataset, workshop: int | None = None, keys: list[str] | None = None, cycle: str | None = None,
          sources: list[dict[str, object]] | None = None, votes: Votes | None = None,
          vote: Protocol | None = None) -> Report:
    """The slides ``keys`` (default: every declared slide) for a presentation at ``workshop``.

    With the store's ``votes``, the result of the newest closed vote of the cycle up to that workshop
    is in it too (the vote slides; without a closed vote they are left out); ``vote`` gives that
    vote's protocol directly.
    """
    view, workshop = for_workshop(dataset, workshop, cycle)
    names = workshop_names(view.schedule)
    voted = vote
    if voted is None and votes is not None:
        voted = protocol.for_report(votes, view.cycle, workshop)
    at = At(view, names, workshop, voted)
    made: list[Slide] = []
    for key in list(slides.SLIDES) if keys is None else keys:
        kind = slides.SLIDES.get(key)
        if kind is not None:
            slides_of = kind.make(kind, at)
            made.extend(slides_of if isinstance(slides_of, list) else [slides_of])
    return Report(dt.datetime.now().replace(microsecond=0), view.cycle, workshop, names.get(workshop, f"{workshop}."),
                  made, metrics.overview(view), sources or [], names,
                  functools.cache(functools.partial(_tables, view, config.min_group_size())),
                  proposals_table(dataset, view.cycle), dataset.is_sample)


def _tables(view: metrics.View, min_size: int) -> Tables:
    """The counts of participants (one table per ``COUNTS_BY``) and the institutions to invite again."""
    return Tables([metrics.participants_by(view, by, min_size) for by in COUNTS_BY], metrics.invite_institutions(view))


def check_workshop(dataset: Dataset, workshop: int | None, cycle: str | None = None,
                   command_line: bool = False) -> None:
    """Refuse (``UserError``, ``metrics.refuse_unknown``) a report for a workshop the cycle does not have.

    Allowed: every workshop of the cycle, and the default one (the next, or the one after the last
    when the whole cycle is held: a summary of the cycle).
    """
    if workshop is not None:
        _, default = for_workshop(dataset, None, cycle)
        metrics.refuse_unknown(dataset, cycle, workshop, command_line, also=default)


# --- the slides, in the order they are shown ---------------------------------------------------------


def proposals_table(dataset: Dataset, cycle: str | None) -> pd.DataFrame:
    """The cycle's proposals as people read them: one row each, areas and statuses in words."""
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
