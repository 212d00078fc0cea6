"""How sectors work together: the members of each proposal (lead and partners), proposals of two
and three sectors, ties and pairs of sectors, the E-I and Blau indices, the density of the
institutions' co-proposal network.

Nothing here is quadratic in people: institutions are counted by their codes, proposals' ties with a
merge per proposal.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.dataset import Dataset
from analysis.metrics import _counting as counting
from analysis.metrics.memo import kept_fact, memoised, prepared_with
from analysis.metrics.participation import (
    NAMED_SECTORS,
    workshop_counts,
)
from analysis.metrics.view import View
from analysis.vocabulary import AREAS, SECTOR_CODES, fold, sector_from_institution

_PARTNER_SEPARATORS = r"[,;\n\r]+"


def known_institution_sectors(dataset: Dataset) -> dict[str, str]:
    """Folded institution name -> its most frequent sector on the dataset's attendance lists."""
    def compute() -> dict[str, str]:
        codes, names = counting.institution_codes(dataset.attendance)
        sectors = counting.mode(codes, dataset.attendance["sector"])
        return {str(name): str(sector) for name, sector in zip(names[sectors.index.to_numpy()], sectors, strict=True)}

    return kept_fact(dataset, ("known_institution_sectors",), compute)


def split_partners(cell: object) -> list[str]:
    """The institutions of one "partners" cell: separated by commas, semicolons or new lines."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or cell is pd.NA:
        return []
    return [part.strip() for part in re.split(_PARTNER_SEPARATORS, str(cell)) if part.strip()]


@memoised
def proposal_members(view: View) -> pd.DataFrame:
    """proposal (position in ``view.proposals``), workshop, area, role (lead | partner), name, key (the name
    folded, ``vocabulary.fold``; empty for a lead known only by its sector), sector.

    The lead's sector is the proposal's ``lead_sector``; a partner's is the sector its institution
    has on the attendance lists, else the one its name tells, else ``other``. An institution named
    twice on one proposal (or as lead and partner) is one member.
    """
    frame = view.proposals.reset_index(drop=True)
    known = known_institution_sectors(view.dataset)
    ids = np.arange(len(frame))
    leads = pd.DataFrame({"proposal": ids, "role": "lead",
                          "name": frame["lead"].astype("object").fillna("").astype(str).str.strip(),
                          "sector": frame["lead_sector"].astype("object")})
    leads = leads[(leads["name"] != "") | leads["sector"].notna()]
    partners = pd.DataFrame({"proposal": ids, "role": "partner", "name": _partner_lists(frame["partners"])})
    partners = partners.explode("name").dropna(subset=["name"])
    partners = partners.assign(name=partners["name"].astype(str), sector=None)
    members = pd.concat([leads, partners], ignore_index=True)
    members["key"] = members["name"].map({name: fold(name) for name in members["name"].unique()})
    unknown = members["sector"].isna()
    names = {name: known.get(fold(name)) or sector_from_institution(name) or "other"
             for name in members.loc[unknown, "name"].unique()}
    members.loc[unknown, "sector"] = members.loc[unknown, "name"].map(names)
    members["sector"] = members["sector"].astype(str)
    named = members["key"] != ""
    members = pd.concat([members[named].drop_duplicates(["proposal", "key"]), members[~named]])
    members = members.sort_values(["proposal", "role"], kind="stable").reset_index(drop=True)
    members["workshop"] = frame["workshop"].to_numpy()[members["proposal"].to_numpy()]
    members["area"] = frame["area"].to_numpy()[members["proposal"].to_numpy()]
    return members[["proposal", "workshop", "area", "role", "name", "key", "sector"]]


@memoised
def proposals_with_partners(view: View) -> int:
    """How many of the view's proposals name at least one partner (none: cooperation cannot be seen)."""
    return int(sum(1 for names in _partner_lists(view.proposals["partners"]) if names))


def _partner_lists(cells: pd.Series) -> list[list[str]]:
    """``split_partners`` of every cell, each distinct cell split once."""
    values = cells.astype("object").to_numpy()
    split = {cell: split_partners(cell) for cell in pd.unique(values[pd.notna(values)])}
    return [split[cell] if cell in split else [] for cell in values]


@memoised
def sectors_per_proposal(view: View) -> pd.DataFrame:
    """workshop, area, sectors — how many named sectors (not "Inne") each proposal's lead and partners span."""
    members = proposal_members(view)
    named = members[members["sector"] != "other"]
    counts = named.groupby("proposal")["sector"].nunique().reindex(range(len(view.proposals)), fill_value=0)
    return pd.DataFrame({"workshop": view.proposals["workshop"].to_numpy(), "area": view.proposals["area"].to_numpy(),
                         "sectors": counts.to_numpy(dtype=int)})


@dataclass(frozen=True)
class MultiSector:
    proposals: int
    at_least_2: int
    at_least_3: int

    @property
    def share_2(self) -> float | None:
        return self.at_least_2 / self.proposals if self.proposals else None

    @property
    def share_3(self) -> float | None:
        return self.at_least_3 / self.proposals if self.proposals else None


@memoised
def multi_sector(view: View) -> MultiSector:
    """The glossary's proposals_multi_sector_2 and _3 over all of the view's proposals."""
    spans = sectors_per_proposal(view)["sectors"]
    return MultiSector(len(spans), int((spans >= 2).sum()), int((spans >= 3).sum()))


@prepared_with(("area",), ("workshop",))
@memoised
def multi_sector_by(view: View, by: str) -> pd.DataFrame:
    """by (area | workshop), proposals, at_least_2, at_least_3, share_2, share_3 — every area listed."""
    if by not in ("area", "workshop"):
        raise ValueError(f"unknown grouping: {by}")
    spans = sectors_per_proposal(view).dropna(subset=[by])
    spans = spans.assign(two=spans["sectors"] >= 2, three=spans["sectors"] >= 3)
    spans[by] = spans[by].astype(int)
    table = spans.groupby(by).agg(proposals=("sectors", "size"), at_least_2=("two", "sum"), at_least_3=("three", "sum"))
    order = list(AREAS) if by == "area" else sorted({int(w) for w in spans[by]})
    table = table.reindex(order, fill_value=0).astype(int)
    total = table["proposals"].replace(0, np.nan)
    table["share_2"] = table["at_least_2"] / total
    table["share_3"] = table["at_least_3"] / total
    return table.rename_axis(by).reset_index()


@memoised
def sector_ties(view: View) -> pd.DataFrame:
    """workshop, sector_a, sector_b: one row per pair of members of one proposal (lead and partners)."""
    members = proposal_members(view).reset_index(names="member")[["member", "proposal", "workshop", "sector"]]
    pairs = members.merge(members[["member", "proposal", "sector"]], on="proposal", suffixes=("_a", "_b"))
    pairs = pairs[pairs["member_a"] < pairs["member_b"]]
    return pairs[["workshop", "sector_a", "sector_b"]].reset_index(drop=True)


@memoised
def sector_pairs(view: View) -> pd.DataFrame:
    """sector_a, sector_b, ties — unordered pairs (sector_a first in the sectors' order), every tie once."""
    ties = sector_ties(view)
    order = {code: i for i, code in enumerate(SECTOR_CODES)}
    a, b = ties["sector_a"].to_numpy(dtype=object), ties["sector_b"].to_numpy(dtype=object)
    first = ties["sector_a"].map(order).to_numpy() <= ties["sector_b"].map(order).to_numpy()
    frame = pd.DataFrame({"sector_a": np.where(first, a, b), "sector_b": np.where(first, b, a)})
    counts = frame.value_counts().rename("ties").reset_index()
    counts["order_a"] = counts["sector_a"].map(order)
    counts["order_b"] = counts["sector_b"].map(order)
    return counts.sort_values(["order_a", "order_b"]).drop(columns=["order_a", "order_b"]).reset_index(drop=True)


@memoised
def sector_matrix(view: View) -> pd.DataFrame:
    """The symmetric sector × sector table of ties (rows and columns: sectors with a tie, in order)."""
    pairs = sector_pairs(view)
    present = [code for code in SECTOR_CODES if code in set(pairs["sector_a"]) | set(pairs["sector_b"])]
    position = {code: i for i, code in enumerate(present)}
    a = pairs["sector_a"].map(position).to_numpy(dtype=np.int64)
    b = pairs["sector_b"].map(position).to_numpy(dtype=np.int64)
    ties = pairs["ties"].to_numpy(dtype=np.int64)
    values = np.zeros((len(present), len(present)), dtype=np.int64)
    np.add.at(values, (a, b), ties)
    apart = a != b
    np.add.at(values, (b[apart], a[apart]), ties[apart])
    return pd.DataFrame(values, index=present, columns=present)


def _ei(ties: pd.DataFrame) -> tuple[int, int, float | None]:
    named = ties[(ties["sector_a"] != "other") & (ties["sector_b"] != "other")]
    internal = int((named["sector_a"] == named["sector_b"]).sum())
    external = len(named) - internal
    total = internal + external
    return external, internal, (external - internal) / total if total else None


@memoised
def ei_index(view: View) -> float | None:
    """Krackhardt & Stern's E-I index of all the view's ties between sectors; None without ties."""
    return _ei(sector_ties(view))[2]


@memoised
def ei_by_workshop(view: View) -> pd.DataFrame:
    """workshop, external, internal, index — of the ties of proposals written at each workshop."""
    ties = sector_ties(view)
    workshops = sorted({int(w) for w in view.proposals["workshop"].dropna()})
    rows = [(w, *_ei(ties[ties["workshop"] == w])) for w in workshops]
    return pd.DataFrame(rows, columns=["workshop", "external", "internal", "index"])


def blau(counts: pd.Series) -> float | None:
    """Blau's diversity index, 1 − Σ p², of counts per category; None for no counts."""
    total = float(counts.sum())
    if not total:
        return None
    return float(1 - ((counts / total) ** 2).sum())


@memoised
def blau_by_workshop(view: View) -> pd.DataFrame:
    """workshop, participants (of named sectors), index — Blau's index of each held workshop's sector mix."""
    table = workshop_counts(view, "sector")
    table = table[[code for code in table.columns if code in NAMED_SECTORS]]
    rows = []
    for workshop, mix in zip(view.held_selected, table.to_numpy(), strict=True):
        rows.append((workshop, int(mix.sum()), blau(pd.Series(mix))))
    return pd.DataFrame(rows, columns=["workshop", "participants", "index"])


@dataclass(frozen=True)
class NetworkDensity:
    """The institutions' co-proposal network: its nodes (institutions named on proposals) and ties."""

    institutions: int  # N: different institutions named as lead or partner (folded names)
    ties: int  # E: pairs of institutions named together on at least one proposal

    @property
    def density(self) -> float | None:
        """2E / (N(N − 1)); None for fewer than two institutions."""
        n = self.institutions
        return 2 * self.ties / (n * (n - 1)) if n >= 2 else None


@memoised
def network_density(view: View) -> NetworkDensity:
    """The glossary's network_density over the view's proposals: institutions are nodes, two are tied when
    they are named together (lead and partners) on a proposal; a pair on several proposals is one tie."""
    members = proposal_members(view)
    named = members.loc[members["key"] != "", ["proposal", "key"]].drop_duplicates()
    pairs = named.merge(named, on="proposal", suffixes=("_a", "_b"))
    pairs = pairs[pairs["key_a"] < pairs["key_b"]]
    return NetworkDensity(int(named["key"].nunique()), len(pairs[["key_a", "key_b"]].drop_duplicates()))
