"""A vote's numbers, computed only here: turnout, votes per proposal and sector, the 49% balance.

Each number is defined in ``analysis.glossary`` (turnout, vote_ranking, votes_by_sector,
vote_balance); the projector, the protocol and the saved result all take them from ``result``, so
they agree to the vote. The digest of the vote's record is ``analysis.voting.seal``'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analysis.vocabulary import SECTOR_CODES, SECTOR_GROUPS

BALANCE_LIMIT = 0.49  # no sector, and not the public sector as a whole, above 49% of the ballots
LEGAL_BASIS = ("rozporządzenie (UE) nr 1303/2013, art. 32 ust. 2 lit. b i art. 34 ust. 3 lit. b "
               "(zasada stosowana przez lokalne grupy działania LEADER przy wyborze operacji)")


@dataclass(frozen=True)
class Vote:
    """A vote at a workshop, as the store keeps it: its settings and the moments of its life."""

    id: str
    cycle: str
    workshop: int
    max_choices: int
    address: str
    created_at: dt.datetime
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    digest: str | None  # the SHA-256 of the vote's whole record, sealed at closing
    seal: str | None = None  # the seal (JSON, ``analysis.voting.seal.Seal``)

    @property
    def state(self) -> str:
        """prepared | open | closed"""
        if self.closed_at is not None:
            return "closed"
        return "open" if self.opened_at is not None else "prepared"


@dataclass(frozen=True)
class Choice:
    """A proposal on the ballot: its position (1…n) and the proposal it stands for."""

    position: int
    cycle: str
    workshop: int
    number: int
    title: str
    area: int | None


@dataclass(frozen=True)
class Ranked(Choice):
    """One proposal's votes: in total and by the sector of the cards."""

    rank: int
    votes: int
    by_sector: dict[str, int]


@dataclass(frozen=True)
class Turnout:
    """Cards issued and ballots cast, in total and by sector (the sectors with cards, in the vocabulary's order).
    What counts as issued is the vote store's one definition (``ballot_box._issued``)."""

    issued: int
    cast: int
    by_sector: list[tuple[str, int, int]]  # (sector, issued, cast)
    at_door: bool = False  # issued: the cards handed out at the check-in (else every card printed)

    @property
    def share(self) -> float:
        return self.cast / self.issued if self.issued else 0.0


@dataclass(frozen=True)
class Balance:
    """Who cast the ballots: shares by sector and for the public sector as a whole, with the 49% check."""

    cast: int
    by_sector: list[tuple[str, int, float]]  # (sector, ballots, share) for sectors that voted
    public: int
    public_share: float
    over: list[str] = field(default_factory=list)  # sectors above the limit; "public" for the public sector

    @property
    def ok(self) -> bool:
        return not self.over


@dataclass(frozen=True)
class Result:
    vote_id: str
    turnout: Turnout
    ranking: list[Ranked]
    balance: Balance
    sectors: list[str]  # the sectors that cast ballots, in the vocabulary's order


def turnout(issued: dict[str, int], cast: dict[str, int], at_door: bool = False) -> Turnout:
    sectors = [s for s in SECTOR_CODES if issued.get(s) or cast.get(s)]
    rows = [(s, int(issued.get(s, 0)), int(cast.get(s, 0))) for s in sectors]
    return Turnout(sum(r[1] for r in rows), sum(r[2] for r in rows), rows, at_door)


def balance(cast: dict[str, int]) -> Balance:
    """The sector balance of the ballots and the 49% rule: a warning when one sector or the public
    sector as a whole cast more than 49% of them."""
    total = sum(cast.values())
    rows = [(s, int(cast[s]), cast[s] / total) for s in SECTOR_CODES if cast.get(s)]
    public = sum(n for s, n, _ in rows if SECTOR_GROUPS[s] == "public")
    public_share = public / total if total else 0.0
    over = [s for s, _, share in rows if share > BALANCE_LIMIT]
    if public_share > BALANCE_LIMIT:
        over.append("public")
    return Balance(total, rows, public, public_share, over)


def _positions(choices: str) -> list[int]:
    return [int(p) for p in str(choices).split()]


def ranking(choices: list[Choice], ballots: pd.DataFrame) -> list[Ranked]:
    """Votes per proposal (and per sector of the cards), most votes first, ties by the proposal's number."""
    counts: dict[int, dict[str, int]] = {c.position: {} for c in choices}
    for sector, chosen in zip(ballots["sector"], ballots["choices"], strict=True):
        for position in _positions(chosen):
            if position in counts:
                counts[position][sector] = counts[position].get(sector, 0) + 1
    ordered = sorted(choices, key=lambda c: (-sum(counts[c.position].values()), c.workshop, c.number, c.position))
    ranked = []
    previous, rank = None, 0
    for i, c in enumerate(ordered, start=1):
        votes = sum(counts[c.position].values())
        if votes != previous:
            rank, previous = i, votes
        by_sector = {s: counts[c.position][s] for s in SECTOR_CODES if counts[c.position].get(s)}
        ranked.append(Ranked(c.position, c.cycle, c.workshop, c.number, c.title, c.area, rank=rank, votes=votes,
                             by_sector=by_sector))
    return ranked


def result(vote: Vote, choices: list[Choice], issued: dict[str, int], ballots: pd.DataFrame,
           at_door: bool = False) -> Result:
    cast = {str(s): int(n) for s, n in ballots["sector"].value_counts().items()} if len(ballots) else {}
    return Result(vote.id, turnout(issued, cast, at_door), ranking(choices, ballots), balance(cast),
                  [s for s in SECTOR_CODES if cast.get(s)])


def votes_by_sector_frame(result: Result) -> pd.DataFrame:
    """One row per proposal (in ranking order), one column per sector that voted, and the total."""
    rows = [{"rank": r.rank, "number": r.number, "workshop": r.workshop, "title": r.title, "area": r.area,
             **{s: r.by_sector.get(s, 0) for s in result.sectors}, "votes": r.votes} for r in result.ranking]
    return pd.DataFrame(rows, columns=["rank", "number", "workshop", "title", "area", *result.sectors, "votes"])
