"""The protocol of a closed vote: what it says (``analysis.report.protocol`` writes it as HTML and Excel).

It holds the workshop, the times the vote was opened and closed, cards issued and used by sector,
the votes per proposal and per sector, the sector balance with the 49% check, and the SHA-256 of
the vote's whole record (``analysis.voting.seal``) — the one sealed when the vote was closed and the
one of the record now, with what changed and whether the seal holds. Every number comes from
``analysis.voting.tally``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analysis.display import number, percent
from analysis.errors import UserError
from analysis.vocabulary import AREAS, SECTOR_LABELS
from analysis.voting import seal, tally
from analysis.voting.ballot_box import Choice, Vote, Votes

DIGEST = "Skrót zapisu głosowania"  # the SHA-256 of the whole record: ballot, cards, times, ballots
CHANNELS = {"phone": "telefon", "paper": "karta papierowa (wpisana ręcznie)"}


@dataclass(frozen=True)
class Protocol:
    vote: Vote
    workshop_name: str
    choices: list[Choice]
    result: tally.Result
    chosen: set[int]  # positions marked "wybrana do realizacji" in the saved result (none before saving)
    channels: dict[str, int]
    made_at: dt.datetime
    check: seal.Check  # the record now against its seal

    @property
    def digest_matches(self) -> bool:
        """Nothing changed since the vote was sealed, and the seal is not forged."""
        return self.check.matches


def build(votes: Votes, vote_id: str, workshop_name: str) -> Protocol:
    vote = votes.get(vote_id)
    if vote.state != "closed":
        raise UserError("Protokół powstaje po zamknięciu głosowania — najpierw je zamknij.", "vote_not_closed")
    ballots = votes.ballots(vote_id)
    channels = {str(k): int(v) for k, v in ballots["channel"].value_counts().items()} if len(ballots) else {}
    return Protocol(vote, workshop_name, votes.choices(vote_id), votes.result(vote_id), votes.saved(vote_id)[1],
                    channels, dt.datetime.now().replace(microsecond=0), votes.check(vote_id))


def record_state(check: seal.Check) -> tuple[str, str, list[str]]:
    """Whether the stored record still matches the protocol, for a page: the level (ok | unconfirmed |
    mismatch), one Polish sentence, and what differs or is worth knowing."""
    if not check.matches:
        return ("mismatch", "Zapis głosowania w magazynie jest NIEZGODNY z protokołem z chwili zamknięcia — "
                            "wyniku nie należy uznawać bez wyjaśnienia, co zmieniono:", check.problems + check.notes)
    if check.unconfirmed is not None:
        return ("unconfirmed", "Zapis głosowania zgadza się ze skrótem w magazynie, ale pieczęć jest "
                               f"{check.unconfirmed}.", check.notes)
    return ("ok", "Zapis głosowania w magazynie jest zgodny z protokołem: od zamknięcia nie zmieniono propozycji "
                  f"na karcie, kart, godzin ani głosów (pieczęć {check.seal_state()}).", check.notes)


def for_report(votes: Votes, cycle: str | None, workshop: int) -> Protocol | None:
    """The protocol a report at ``workshop`` shows: the newest closed vote of ``cycle`` held at that workshop
    or, when none was, at the latest earlier one; None when the cycle has no closed vote up to there."""
    closed = [v for v in votes.all() if v.state == "closed" and v.cycle == str(cycle) and v.workshop <= workshop]
    if not closed:
        return None
    vote = max(closed, key=lambda v: (v.workshop, v.closed_at or v.created_at, v.created_at))
    return build(votes, vote.id, votes.workshop_name(vote))


def for_cycle(votes: Votes, cycle: str | None) -> list[Protocol]:
    """The protocol of every closed vote of ``cycle``, in the order of its workshops and closing times."""
    closed = [v for v in votes.all() if v.state == "closed" and v.cycle == str(cycle)]
    closed.sort(key=lambda v: (v.workshop, v.closed_at or v.created_at, v.created_at))
    return [build(votes, vote.id, votes.workshop_name(vote)) for vote in closed]


def balance_sentence(balance: tally.Balance) -> str:
    if not balance.cast:
        return "Nie oddano żadnego głosu."
    if balance.ok:
        return (f"Zasada 49% spełniona: żaden sektor ani sektor publiczny jako całość nie oddał więcej niż 49% "
                f"głosów (sektor publiczny: {percent(balance.public_share, 1)}).")
    over = [("sektor publiczny jako całość" if s == "public" else f"sektor „{SECTOR_LABELS[s]}”") for s in balance.over]
    shares = {s: share for s, _, share in balance.by_sector} | {"public": balance.public_share}
    named = ", ".join(f"{name} ({percent(shares[s], 1)})" for name, s in zip(over, balance.over, strict=True))
    return (f"Uwaga: zasada 49% nie jest spełniona — więcej niż 49% głosów oddał {named}. Rozważ, czy wynik może "
            f"być podstawą wyboru ({tally.LEGAL_BASIS}).")


def _when(value: dt.datetime | None) -> str:
    return f"{value:%d.%m.%Y %H:%M:%S}" if value else "–"


def area_label(code: int | None) -> str:
    """A proposal's area as the protocol names it: "1. Uszczelnianie…", or "bez obszaru"."""
    return f"{code}. {AREAS[code]}" if code in AREAS else "bez obszaru"


def facts(p: Protocol) -> list[tuple[str, str]]:
    """The protocol's facts as text: counts the Polish way, the turnout in per cent."""
    return [(label, value if isinstance(value, str) else number(value) if isinstance(value, int)
             else percent(value, 1)) for label, value in fact_values(p)]


def fact_values(p: Protocol) -> list[tuple[str, str | int | float]]:
    """The protocol's facts: counts as whole numbers, the turnout as a share of 1 (a float), the rest text."""
    t = p.result.turnout
    return [
        ("Warsztat", p.workshop_name), ("Cykl", p.vote.cycle),
        ("Głosowanie otwarto", _when(p.vote.opened_at)), ("Głosowanie zamknięto", _when(p.vote.closed_at)),
        ("Wyborów na karcie", f"do {p.vote.max_choices}"), ("Propozycji na karcie", len(p.choices)),
        ("Karty wydane przy rejestracji" if t.at_door else "Karty wydane", int(t.issued)),
        ("Karty użyte (głosy)", int(t.cast)),
        ("Frekwencja", float(t.share)),
        *[(f"Głosy: {CHANNELS.get(k, k)}", int(v)) for k, v in sorted(p.channels.items())],
        (f"{DIGEST} przy zamknięciu (SHA-256)", p.vote.digest or "–"),
        (f"{DIGEST} teraz (SHA-256)", p.check.digest),
        ("Zgodność skrótów", p.check.state()),
        ("Pieczęć", p.check.seal_state()),
        ("Protokół sporządzono", _when(p.made_at)),
    ]
