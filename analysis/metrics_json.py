"""Every number of the glossary as JSON-able data, by glossary key: ``python -m analysis metrics --json``.

(Not ``numbers.py``: a module named like the standard library's.) ``NUMBERS`` maps a glossary key
to a function of a ``metrics.View`` returning plain data (dicts,
lists, numbers, strings, None) — computed by the same ``metrics`` functions the pages and the
reports use, so the command line never differs from them. Adding a number is one entry here
(and its definition in ``glossary``); ``NOT_FROM_VIEW`` lists, in one place, the glossary's terms
that are not numbers of the dataset's view, with where they come from instead. Tests check that
the two together cover the glossary exactly.

Per-workshop values are keyed by the workshop's number (as a JSON string), per-sector and per-gmina
values by their codes (``analysis.vocabulary``); shares are 0–1; a number that does not exist
(no ties, no participants) is null.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis import config, metrics
from analysis.dataset import Dataset
from analysis.metrics import Filters, View

Number = Callable[[View], Any]


def plain(value: Any) -> Any:  # noqa: ANN401 - whatever a metric returns
    """numpy and pandas scalars to Python's, NaN and NA to None, tuples to lists, keys to strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _by(frame: pd.DataFrame, key: str, value: str) -> dict:
    return {row[key]: row[value] for row in frame.to_dict("records")}


def _nested(frame: pd.DataFrame, outer: str, inner: str, value: str) -> dict:
    """{outer: {inner: value}} from a long frame, e.g. participants by workshop, then by origin."""
    found: dict = {}
    for row in frame.to_dict("records"):
        found.setdefault(row[outer], {})[row[inner]] = row[value]
    return found


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    return frame[columns].to_dict("records")


def _participants(view: View) -> dict:
    frame = metrics.participants_by_workshop(view)
    return _by(frame[frame["held"]], "workshop", "participants")


def _participants_last(view: View) -> dict:
    summary = metrics.overview(view)
    return {"workshop": summary.last_workshop, "participants": summary.participants_last,
            "change_from_previous": summary.change_from_previous}


def _workshops_held(view: View) -> dict:
    summary = metrics.overview(view)
    return {"held": summary.workshops_held, "planned": summary.workshops_planned,
            "status": _by(view.schedule, "workshop", "status")}


def _returning(view: View) -> dict:
    frame = metrics.new_and_returning(view)
    return {row["workshop"]: {"returning": row["returning"], "new": row["new"]} for row in frame.to_dict("records")}


def _sector_share(view: View) -> dict:
    return {"by_workshop": _nested(metrics.sector_by_workshop(view), "workshop", "sector", "share"),
            "cycle": _by(metrics.sector_share_cycle(view), "sector", "share")}


def _balance(view: View) -> dict:
    found: dict = {}
    for row in metrics.balance_by_workshop(view).to_dict("records"):
        found.setdefault(row["workshop"], {"index": row["index"]})[row["group"]] = row["share"]
    return found


def _origin(view: View) -> dict:
    return _nested(metrics.origin_by_workshop(view), "workshop", "origin", "participants")


def _sector_gaps(view: View) -> dict:
    return {row["sector"]: {"share_last": row["share_last"], "share_before": row["share_before"],
                            "status": row["status"]} for row in metrics.sector_gaps(view).to_dict("records")}


def _participants_by(view: View) -> dict:
    """Counts per institution, sector and gmina; counts below the disclosure threshold are null."""
    found: dict = {"min_group_size": config.min_group_size()}
    for by in metrics.GROUPINGS:
        counts = metrics.participants_by(view, by, config.min_group_size())
        rows = []
        for row in counts.table.to_dict("records"):
            entry = {"group": row["group"]} | ({"sector": row["sector"]} if by == "institution" else {})
            entry["by_workshop"] = {w: row[w] for w in counts.workshops}
            entry["cycle"] = row["cycle"]
            rows.append(entry)
        found[by] = rows
    return found


def _attribute_shares(view: View) -> dict:
    """By attribute: "by_workshop" (workshop -> value -> cell) and "cycle" (value -> cell); a cell is people,
    share and suppressed ("" | small | hidden; people and share null when suppressed)."""
    shares = metrics.attribute_shares(view, config.min_group_size())
    found: dict = {}
    for cell in shares.to_dict("records"):
        entry = found.setdefault(cell["attribute"], {"by_workshop": {}, "cycle": {}})
        cells = entry["cycle"] if cell["scope"] == "cycle" else entry["by_workshop"].setdefault(int(cell["workshop"]), {})
        suppressed = bool(cell["suppressed"])
        cells[cell["value"]] = {"people": None if suppressed else int(cell["people"]),
                                "share": None if suppressed else float(cell["share"]), "suppressed": cell["suppressed"]}
    return found


def _votes(view: View) -> list:
    return _records(metrics.ranking_by_votes(view, limit=None), ["workshop", "number", "votes", "status"])


def _remaining(view: View) -> dict:
    left = metrics.remaining(view)
    return {"workshops_left": left.workshops_left, "planned": left.planned, "proposals_to_vote": left.proposals_to_vote}


def _representation(kind: str) -> Number:
    def compute(view: View) -> dict:
        rows = metrics.representation(view, kind)
        return {"for_workshop": metrics.invite_for(view),
                "by_code": {row["code"]: {k: row[k] for k in ("last", "last_share", "cycle_share", "target",
                                                              "reference", "shortfall", "status")}
                            for row in rows.to_dict("records")}}
    return compute


def _cohort(column: str, compute: Callable[[View], pd.DataFrame]) -> Number:
    def table(view: View) -> dict:
        found: dict = {}
        for row in compute(view).to_dict("records"):
            entry = found.setdefault(row["workshop"], {"attended": row["attended"], "later": {}})
            entry["later"][row["later"]] = row[column]
        return found
    return table


def _multi_sector(share: str) -> Number:
    def compute(view: View) -> dict:
        overall = metrics.multi_sector(view)
        return {"all": getattr(overall, share), "proposals": overall.proposals,
                "by_workshop": _by(metrics.multi_sector_by(view, "workshop"), "workshop", share),
                "by_area": _by(metrics.multi_sector_by(view, "area"), "area", share)}
    return compute


def _sector_pairs(view: View) -> dict:
    matrix = metrics.sector_matrix(view)
    return {a: {b: int(matrix.loc[a, b]) for b in matrix.columns if matrix.loc[a, b]} for a in matrix.index}


def _ei_index(view: View) -> dict:
    return {"all": metrics.ei_index(view), "by_workshop": _by(metrics.ei_by_workshop(view), "workshop", "index")}


def _network_density(view: View) -> dict:
    network = metrics.network_density(view)
    return {"institutions": network.institutions, "ties": network.ties, "density": network.density}


def _return_rate(view: View) -> dict:
    return {row["sector"]: {"people": row["people"], "returned": row["returned"], "rate": row["rate"]}
            for row in metrics.return_rate_by_sector(view).to_dict("records")}


def _per_10k(view: View) -> dict:
    return {row["gmina"]: {k: row[k] for k in ("participants", "population", "year", "source", "per_10k")}
            for row in metrics.participants_per_10k(view).to_dict("records")}


def _status_reached(view: View) -> dict:
    return _nested(metrics.status_reached_by_area(view), "area", "stage", "proposals")


def _votes_spread(view: View) -> dict:
    """By area (1–4), and "all" for all areas together."""
    return {("all" if row["area"] == 0 else row["area"]): {k: row[k] for k in (
        "proposals", "total", "lowest", "q1", "median", "q3", "highest", "mean")}
        for row in metrics.votes_spread(view).to_dict("records")}


def _cycle_comparison(view: View) -> dict | None:
    """The view's cycle beside the cycle before it in the store (null when there is none), through the
    view's gmina and sector filters, as the page "Cykl do cyklu" shows them."""
    first, second = metrics.previous_cycle(view.dataset, view.cycle), view.cycle
    if first is None or second is None:
        return None
    compared = metrics.compare_cycles(view.dataset, first, second, view.filters)
    summary = {row.pop("cycle"): row for row in compared.summary.to_dict("records")}
    return {"cycles": [first, second], "summary": summary,
            "participants": _nested(compared.per_workshop, "cycle", "workshop", "participants"),
            "sector_share": _nested(compared.per_sector, "cycle", "sector", "share")}


NUMBERS: dict[str, Number] = {
    "workshops_held": _workshops_held,
    "participants": _participants,
    "participants_last": _participants_last,
    "unique_participants": metrics.unique_participants,
    "returning_participants": _returning,
    "institutions": metrics.institutions,
    "sectors_represented": metrics.sectors_represented,
    "sector_share": _sector_share,
    "balance": _balance,
    "origin": _origin,
    "sector_gaps": _sector_gaps,
    "participants_by": _participants_by,
    "attribute_shares": _attribute_shares,
    "proposals": lambda view: len(view.proposals),
    "proposals_by_area": lambda view: _by(metrics.proposals_by_area(view), "area", "proposals"),
    "votes": _votes,
    "cumulative_unique": lambda view: _by(metrics.cumulative_unique(view), "workshop", "participants"),
    "flow": lambda view: _records(metrics.flow(view), ["source", "target", "stayed", "left", "joined"]),
    "remaining": _remaining,
    "invite_sectors": _representation("sector"),
    "invite_gminas": _representation("gmina"),
    "targets": lambda view: {kind: metrics.targets(view, kind) for kind in metrics.TARGET_KINDS},
    "invite_institutions": lambda view: _records(metrics.invite_institutions(view),
                                                 ["institution", "sector", "gmina", "workshops"]),
    "cohort": _cohort("people", metrics.cohort),
    "cohort_institutions": _cohort("institutions", metrics.cohort_institutions),
    "return_rate_by_sector": _return_rate,
    "proposals_multi_sector_2": _multi_sector("share_2"),
    "proposals_multi_sector_3": _multi_sector("share_3"),
    "sector_pairs": _sector_pairs,
    "ei_index": _ei_index,
    "network_density": _network_density,
    "blau_index": lambda view: {"by_workshop": _by(metrics.blau_by_workshop(view), "workshop", "index")},
    "status_history": lambda view: _records(metrics.status_history(view), ["workshop", "number", "date", "status"]),
    "status_reached": _status_reached,
    "status_over_time": lambda view: _records(metrics.status_over_time(view), ["date", "status", "proposals"]),
    "votes_spread": _votes_spread,
    "participants_per_10k": _per_10k,
    "cycle_comparison": _cycle_comparison,
}

# The glossary's terms that are not numbers of the dataset's view: key -> where they come from.
NOT_FROM_VIEW: dict[str, str] = {
    "turnout": "a vote's protocol (python -m analysis protocol): the votes' store, not the dataset",
    "vote_ranking": "a vote's protocol (python -m analysis protocol): the votes' store, not the dataset",
    "votes_by_sector": "a vote's protocol (python -m analysis protocol): the votes' store, not the dataset",
    "vote_balance": "a vote's protocol (python -m analysis protocol): the votes' store, not the dataset",
    "ballot_digest": "a SHA-256 digest, not a number: a vote's protocol (python -m analysis protocol)",
    "checked_in": "the check-ins of the store, not the dataset (their people are in it only once closed): the "
                  "document's own 'checked_in' (CHECKIN_KEYS), counted by metrics.checked_in",
    "survey_respondents": "the partners' surveys of the store, not the dataset (anonymous answers): the document's "
                          "own 'survey' and 'survey_previous_cycle' (SURVEY_KEYS), by metrics.survey_result",
    "survey_factor_mean": "the partners' surveys of the store, not the dataset (anonymous answers): the document's "
                          "own 'survey' and 'survey_previous_cycle' (SURVEY_KEYS), by metrics.survey_result",
}
META_KEYS = ("cycle", "workshops")  # the document's own keys beside the glossary's
# numbers of the store's check-ins at the door (``analysis.checkin``), not of the dataset's view: while a
# check-in is open its people are not in the dataset yet; counted by ``metrics.checked_in``
CHECKIN_KEYS = ("checked_in",)
# the partners' surveys of the view's cycle by workshop, and the previous cycle's newest (``metrics.survey_result``)
SURVEY_KEYS = ("survey", "survey_previous_cycle")
Surveys = Mapping[int, tuple[str, "metrics.SurveyResult"]]


def checked_in(checkins: Mapping[int, tuple[str, pd.DataFrame]]) -> dict:
    """By workshop number: the check-in's state (open | closed | shredded) and its people counted — in all,
    returning, by sector and by gmina code (``metrics.checked_in``)."""
    found: dict = {}
    for workshop, (state, people) in sorted(checkins.items()):
        counts = metrics.checked_in(people)
        found[workshop] = {"state": state, "people": counts.people, "returning": counts.returning,
                           "by_sector": counts.by_sector, "by_gmina": counts.by_gmina}
    return plain(found)


def view_for(dataset: Dataset, cycle: str | None = None, workshop: int | None = None) -> View:
    """The view the command line reports on: a cycle (default: the current one, ``dataset.current_cycle``)
    and one workshop (default: all), as the sidebar's filters would choose them. Refused (``UserError``) for a
    cycle or workshop the store lacks."""
    metrics.refuse_unknown(dataset, cycle, workshop, command_line=True)
    return View(dataset, Filters(cycle=cycle, workshops=(workshop,) if workshop is not None else None))


def surveys(found: Surveys) -> dict:
    """By workshop number: the survey's state (open | closed) and its answers aggregated (``metrics.survey_result``)."""
    return plain({workshop: {"state": state, **metrics.survey_document(result)}
                  for workshop, (state, result) in sorted(found.items())})


def document(view: View, checkins: Mapping[int, tuple[str, pd.DataFrame]] | None = None,
             survey: Surveys | None = None, survey_before: tuple[str, int, metrics.SurveyResult] | None = None) -> dict:
    """The JSON document of ``python -m analysis metrics``: the view's cycle and workshops, every number, the
    ``checkins`` of the view's workshops (workshop -> state and people, ``CheckIns.people``) counted, the
    ``survey`` of its workshops and ``survey_before`` (cycle, workshop, result: the previous cycle's newest)."""
    found: dict[str, Any] = {"cycle": view.cycle, "workshops": list(view.selected_workshops)}
    for key, compute in NUMBERS.items():
        found[key] = plain(compute(view))
    found["checked_in"] = checked_in(checkins or {})
    found["survey"] = surveys(survey or {})
    found["survey_previous_cycle"] = None if survey_before is None else plain(
        {"cycle": survey_before[0], "workshop": survey_before[1], **metrics.survey_document(survey_before[2])})
    return found
