"""The proposals: by area, group, lead sector and status, their votes, and the way from idea to
project (the history of their statuses).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.dataset import whole_or_none
from analysis.metrics.memo import memoised
from analysis.metrics.view import View
from analysis.vocabulary import AREAS, STATUSES, fold

REACH_STAGES = ("selected", "in_progress", "done")  # the way from idea to project, in order


@memoised
def proposals_by_area(view: View) -> pd.DataFrame:
    """area (1–4), proposals — every area listed, zero included."""
    counts = view.proposals["area"].dropna().astype(int).value_counts()
    return pd.DataFrame({"area": list(AREAS), "proposals": [int(counts.get(a, 0)) for a in AREAS]})


def proposals_to_vote(view: View) -> pd.DataFrame:
    """The view's proposals awaiting a vote (status "pod głosowanie"), in the order of workshops and numbers."""
    frame = view.proposals
    return frame[frame["status"] == "to_vote"].sort_values(["workshop", "number"])


class Candidate(NamedTuple):
    """A proposal that may go on a vote's ballot."""

    title: str  # "" when it has none
    area: int | None
    waiting: bool  # its status is "pod głosowanie": on the ballot unless the office takes it off


def ballot_candidates(view: View, workshop: int) -> dict[tuple[int, int], Candidate]:
    """The proposals a vote at ``workshop`` may put on its ballot: (workshop, number) -> ``Candidate`` for
    every numbered proposal of the view's cycle from an earlier workshop (whatever the filters), in the
    order of workshops and numbers."""
    frame = view.dataset.proposals
    frame = frame[(frame["cycle"] == view.cycle) & (frame["workshop"] < workshop)
                  & frame["number"].notna()].sort_values(["workshop", "number"])
    return {(int(w), int(n)): Candidate(str(t), whole_or_none(a), s == "to_vote") for w, n, t, a, s in zip(
        frame["workshop"], frame["number"], frame["title"].fillna(""), frame["area"], frame["status"], strict=True)}


@memoised
def to_vote_by_area(view: View) -> pd.DataFrame:
    """area (1–4), proposals awaiting a vote — every area listed, zero included."""
    counts = proposals_to_vote(view)["area"].dropna().astype(int).value_counts()
    return pd.DataFrame({"area": list(AREAS), "proposals": [int(counts.get(a, 0)) for a in AREAS]})


@memoised
def area_by_workshop(view: View) -> pd.DataFrame:
    """workshop, area, proposals."""
    frame = view.proposals.dropna(subset=["area"])
    return (frame.groupby(["workshop", "area"]).size().rename("proposals").reset_index()
            .astype({"workshop": int, "area": int}))


@memoised
def proposals_by_group(view: View) -> pd.DataFrame:
    """workshop, group, proposals (thematic groups as written; empty group as "bez grupy")."""
    frame = view.proposals.assign(group=view.proposals["group"].fillna("").replace("", "bez grupy"))
    return (frame.groupby(["workshop", "group"]).size().rename("proposals").reset_index()
            .astype({"workshop": int}))


@memoised
def lead_sector_by_area(view: View) -> pd.DataFrame:
    """area, lead_sector, proposals."""
    frame = view.proposals.dropna(subset=["area", "lead_sector"])
    return (frame.groupby(["area", "lead_sector"]).size().rename("proposals").reset_index()
            .astype({"area": int}))


@memoised
def ranking_by_votes(view: View, limit: int | None = 15) -> pd.DataFrame:
    """Proposals with votes, most votes first (ties by workshop and number)."""
    frame = view.proposals.dropna(subset=["votes"])
    frame = frame.sort_values(["votes", "workshop", "number"], ascending=[False, True, True])
    columns = ["workshop", "number", "title", "area", "lead", "votes", "status"]
    return (frame.head(limit) if limit else frame)[columns].reset_index(drop=True)


@memoised
def proposals_by_status(view: View) -> pd.DataFrame:
    counts = view.proposals["status"].value_counts()
    return pd.DataFrame({"status": list(STATUSES), "proposals": [int(counts.get(s, 0)) for s in STATUSES]})


def search_proposals(view: View, text: str = "", areas: tuple[int, ...] = (), statuses: tuple[str, ...] = ()
                     ) -> pd.DataFrame:
    """The proposals table, narrowed by a search text (title, description, lead, partners)."""
    frame = view.proposals
    if areas:
        frame = frame[frame["area"].isin(areas)]
    if statuses:
        frame = frame[frame["status"].isin(statuses)]
    needle = fold(text)
    if needle:
        haystack = (frame["title"].fillna("") + " " + frame["description"].fillna("") + " "
                    + frame["lead"].fillna("") + " " + frame["partners"].fillna(""))
        frame = frame[[needle in fold(h) for h in haystack]]
    return frame.sort_values(["workshop", "number"]).reset_index(drop=True)


@memoised
def proposals_cumulative_by_area(view: View) -> pd.DataFrame:
    """workshop, area, proposals (accumulated up to and including the workshop)."""
    counts = area_by_workshop(view)
    workshops = sorted({int(w) for w in counts["workshop"]} | set(view.held_selected))
    table = (counts.pivot_table(index="workshop", columns="area", values="proposals", aggfunc="sum", fill_value=0)
             .reindex(index=workshops, columns=list(AREAS), fill_value=0).cumsum())
    rows = [(w, a, int(table[a].loc[w])) for a in AREAS for w in workshops]
    return pd.DataFrame(rows, columns=["workshop", "area", "proposals"])


@memoised
def _status_events_of(view: View) -> pd.DataFrame:
    """The status events (``Dataset.status_events``) of the view's proposals, in order."""
    events = view.dataset.status_events
    if events is None or events.empty or view.proposals.empty:
        return pd.DataFrame(columns=["cycle", "workshop", "number", "date", "status"])
    keys = view.proposals.dropna(subset=["workshop", "number"])[["workshop", "number"]].astype(int).drop_duplicates()
    mine = events[events["cycle"].astype(str) == str(view.cycle)]
    return mine.merge(keys, on=["workshop", "number"], how="inner")


@memoised
def status_history(view: View) -> pd.DataFrame:
    """The glossary's "status_history": workshop, number, title, area, date, status — every status each of
    the view's proposals has had, in order (date None: the day of its workshop is not known)."""
    events = _status_events_of(view)
    titles = view.proposals.dropna(subset=["workshop", "number"]).astype({"workshop": int, "number": int})
    titles = titles.drop_duplicates(["workshop", "number"], keep="last")[["workshop", "number", "title", "area"]]
    frame = events.merge(titles, on=["workshop", "number"], how="left")
    return frame[["workshop", "number", "title", "area", "date", "status"]].reset_index(drop=True)


def history_titles(view: View) -> dict[tuple[int, int], str]:
    """Each proposal of ``status_history`` once, in its order: (workshop, number) -> title ("" for none) —
    the proposals whose history one can look at."""
    history = status_history(view).drop_duplicates(["workshop", "number"])
    return {(int(w), int(n)): str(t) for w, n, t in zip(history["workshop"], history["number"],
                                                        history["title"].fillna(""), strict=True)}


@memoised
def status_reached_by_area(view: View) -> pd.DataFrame:
    """The glossary's "status_reached": area (1–4), stage (selected, in_progress, done), proposals.

    A proposal reached a stage when it has had that status or a later one of the three at any time
    (its history, not only its status now); every area and stage listed, zero included.
    """
    events = _status_events_of(view)
    rank = {stage: i for i, stage in enumerate(REACH_STAGES)}
    events = events.assign(rank=events["status"].map(rank))
    furthest = events.dropna(subset=["rank"]).groupby(["workshop", "number"])["rank"].max()
    proposals = view.proposals.dropna(subset=["workshop", "number"]).astype({"workshop": int, "number": int})
    areas = proposals.drop_duplicates(["workshop", "number"], keep="last").set_index(["workshop", "number"])["area"]
    reached = pd.DataFrame({"rank": furthest}).join(areas, how="left").dropna(subset=["area"])
    rows = []
    for area in AREAS:
        ranks = reached.loc[reached["area"] == area, "rank"]
        for stage, i in rank.items():
            rows.append((area, stage, int((ranks >= i).sum())))
    return pd.DataFrame(rows, columns=["area", "stage", "proposals"])


@memoised
def status_reached(view: View) -> dict[str, int]:
    """The glossary's "status_reached" over all areas: stage (selected, in_progress, done) -> proposals."""
    reached = status_reached_by_area(view)
    return {stage: int(reached.loc[reached["stage"] == stage, "proposals"].sum()) for stage in REACH_STAGES}


@memoised
def status_over_time(view: View) -> pd.DataFrame:
    """The glossary's "status_over_time": date, status, proposals — on each day a status of the view's
    proposals was set, how many proposals had each status (as of the end of that day).

    A proposal is counted from its workshop's day; one whose workshop has no date, from the first day.
    """
    events = _status_events_of(view)
    days = pd.to_datetime(events["date"], errors="coerce")
    if events.empty or days.isna().all():
        return pd.DataFrame(columns=["date", "status", "proposals"])
    events = events.assign(day=days.fillna(days.min()), order=np.arange(len(events)))
    # each status is in force from its day until the proposal's next day: +1 there, -1 then (linear, not a
    # proposals × days table)
    last = events.sort_values(["workshop", "number", "day", "order"]).drop_duplicates(
        ["workshop", "number", "day"], keep="last")
    ends = last.groupby(["workshop", "number"], sort=False)["day"].shift(-1)
    changes = pd.concat([pd.DataFrame({"day": last["day"], "status": last["status"], "n": 1}),
                         pd.DataFrame({"day": ends, "status": last["status"], "n": -1}).dropna(subset=["day"])])
    table = (changes.groupby(["day", "status"])["n"].sum().unstack(fill_value=0)
             .reindex(columns=list(STATUSES), fill_value=0).sort_index().cumsum())
    rows = [(day.date(), status, int(table.loc[day, status])) for day in table.index for status in STATUSES]
    return pd.DataFrame(rows, columns=["date", "status", "proposals"])


@memoised
def votes_spread(view: View) -> pd.DataFrame:
    """The glossary's "votes_spread": area (1–4, then 0 for all areas together), proposals (with votes),
    total, lowest, q1, median, q3, highest, mean — quartiles by linear interpolation (Excel's
    QUARTILE.INC); areas without a voted proposal are left out."""
    frame = view.proposals.dropna(subset=["votes"])
    rows = []
    groups = [(int(a), frame[frame["area"] == a]) for a in AREAS] + [(0, frame)]
    for area, part in groups:
        votes = part["votes"].astype(float)
        if votes.empty:
            continue
        rows.append((area, len(votes), int(votes.sum()), int(votes.min()), float(votes.quantile(0.25)),
                     float(votes.median()), float(votes.quantile(0.75)), int(votes.max()), float(votes.mean())))
    return pd.DataFrame(rows, columns=["area", "proposals", "total", "lowest", "q1", "median", "q3", "highest",
                                       "mean"])
