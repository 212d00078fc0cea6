"""A vote's storage: the vote, its ballot cards (hashes only), its ballots, and its saved result.

Every write goes through the store's write transaction (``Store.transaction``: SQLite ``BEGIN
IMMEDIATE``, PostgreSQL's advisory lock), so the checks and the write they guard are one decision.
A vote's own tables are not in the dataset: writing them leaves the store's data stamp as it is.

A secret ballot, as a ballot box keeps it: a ballot is two rows written in one transaction and
never linked — "this card has voted" (``vote_cards_voted``: the card and its sector) and "these
choices were cast" (``vote_ballots``: a random key, the sector, the choices, the channel) — with
no time in either and no order that pairs them: the ballot's key is random, SQLite keeps both
tables in key order (WITHOUT ROWID), every read orders by the key, and closing rewrites the vote's
rows in key order (PostgreSQL: ``CLUSTER``, where the store may). While a vote is open, PostgreSQL's
own row versions (``ctid``, ``xmin``) still follow the casting for whoever can read them; closing
rewrites the rows in one transaction, so afterwards they do not. "One card, one ballot" is the
database's own rule: the card is the primary key of ``vote_cards_voted``, so a second ballot of a
card is refused by the database even if every check above it were skipped, and its ballot with it.

A card given to a person at the check-in (``analysis.checkin.cards``: made on their phone at self check-in, or a
printed one the desk scanned) is marked ``handed_out``, never with whom; its vote's turnout then counts the cards
really handed out (``_issued``, the one definition of a vote's cards issued).

A vote's life: prepared (proposals, how many choices) → cards printed (any time before closing) →
opened → ballots (phones, paper) → closed (the whole record sealed: ``analysis.voting.seal``) →
result saved through the store (``Store.save_updates``) as a batch of kind "votes" (undoable) that sets
the proposals' votes and "wybrana do realizacji".
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from analysis.display import workshop_name
from analysis.errors import UserError
from analysis.store import Batch, ProposalUpdate, Store
from analysis.store.schema import (
    vote_ballots_table,
    vote_cards_table,
    vote_cards_voted_table,
    vote_proposals_table,
    votes_table,
)
from analysis.vocabulary import SECTOR_CODES, SECTOR_LABELS
from analysis.voting import codes, seal, tally
from analysis.voting.tally import Choice, Vote

MAX_CARDS_AT_ONCE = 500
MAX_CHOICES = 20


@dataclass(frozen=True)
class Card:
    """A card as printed (the only time its token and code exist in plain text)."""

    token: str
    code: str
    sector: str


@dataclass(frozen=True)
class CardState:
    """A card found by its token or code: whose vote, which sector, whether it has voted."""

    hash: str
    vote: Vote
    sector: str
    used: bool


NOT_OPEN = ("Głosowanie jeszcze się nie rozpoczęło — poczekaj, aż prowadzący je otworzy, i spróbuj ponownie "
            "(ta strona odświeży się sama).")
CLOSED = "Głosowanie jest już zamknięte — głosu nie zapisano. Jeśli to pomyłka, zgłoś się do prowadzącego."
USED = "Ta karta już głosowała — liczy się pierwszy oddany głos. Kolejnego głosu tą kartą nie zapisano."
OTHER = ("Ta karta należy do innego głosowania (warsztat {workshop}) — głosu nie zapisano. Sprawdź, czy to karta "
         "z dzisiejszego warsztatu.")
NOT_HANDED = "Karty nie wydano."  # what every refusal at the desk's card box ends with
HANDED_OTHER_VOTE = ("Ta karta należy do głosowania na innym warsztacie ({workshop}). Weź kartę głosowania "
                     "dzisiejszego warsztatu. " + NOT_HANDED)
HANDED_CLOSED = "Głosowanie, do którego należy ta karta, jest już zamknięte. " + NOT_HANDED
HANDED_SECTOR = ("To karta sektora „{card}”, a ta osoba jest zarejestrowana w sektorze „{person}” — weź kartę "
                 "sektora „{person}”. " + NOT_HANDED)
HANDED_TWICE = ("Tę kartę wydano już innej osobie — weź następną kartę sektora „{sector}”. " + NOT_HANDED)


def _vote(row: sa.RowMapping) -> Vote:
    return Vote(row["id"], row["cycle"], int(row["workshop"]), int(row["max_choices"]), row["address"],
                row["created_at"], row["opened_at"], row["closed_at"], row["digest"], row["seal"])


class Votes:
    """The votes of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # --- reading -------------------------------------------------------------------------------

    def all(self) -> list[Vote]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(votes_table).order_by(votes_table.c.created_at)).mappings().all()
        return [_vote(r) for r in rows]

    def get(self, vote_id: str) -> Vote:
        with self.engine.connect() as conn:
            return self._get(conn, vote_id)

    @staticmethod
    def _get(conn: sa.Connection, vote_id: str) -> Vote:
        row = conn.execute(sa.select(votes_table).where(votes_table.c.id == vote_id)).mappings().first()
        if row is None:
            raise UserError("Nie ma takiego głosowania — mogło zostać usunięte. Wybierz głosowanie z listy.",
                            "no_such_vote")
        return _vote(row)

    def workshop_name(self, vote: Vote) -> str:
        """"4. Legionowo": the vote's workshop named from its cycle's schedule (``display.workshop_name`` over
        ``Store.schedule``, the dataset's schedule read alone), so a phone's ballot never loads the dataset."""
        return workshop_name(self.store.schedule(), vote.cycle, vote.workshop)

    def newest_closed(self, cycle: str | None = None, workshop: int | None = None) -> Vote | None:
        """The vote closed last (of ``cycle`` and ``workshop`` when given): what the protocol and the reports show."""
        closed = [v for v in self.all() if v.state == "closed" and (cycle is None or v.cycle == str(cycle))
                  and (workshop is None or v.workshop == workshop)]
        return max(closed, key=lambda v: (v.closed_at, v.created_at)) if closed else None

    def choices(self, vote_id: str) -> list[Choice]:
        with self.engine.connect() as conn:
            return self._choices(conn, vote_id)

    @staticmethod
    def _choices(conn: sa.Connection, vote_id: str) -> list[Choice]:
        t = vote_proposals_table
        rows = conn.execute(sa.select(t).where(t.c.vote_id == vote_id).order_by(t.c.position)).mappings().all()
        return [Choice(int(r["position"]), r["cycle"], int(r["workshop"]), int(r["number"]), r["title"],
                       None if r["area"] is None else int(r["area"])) for r in rows]

    def current(self, cycle: str, workshop: int) -> Vote | None:
        """The vote prepared at the workshop and not closed (any state before closed; the newest when several):
        the vote whose card a person checking in is given."""
        t = votes_table
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t).where(t.c.cycle == str(cycle), t.c.workshop == int(workshop),
                                                  t.c.closed_at.is_(None))
                               .order_by(t.c.created_at.desc(), t.c.id).limit(1)).mappings().first()
        return _vote(row) if row is not None else None

    def issued(self, vote_id: str) -> dict[str, int]:
        """Cards issued per sector: the turnout's denominator (``_issued``)."""
        with self.engine.connect() as conn:
            return _issued(conn, vote_id)[0]

    def printed(self, vote_id: str) -> dict[str, int]:
        """Cards made per sector (printed, and made on phones at check-in), whether handed out or not."""
        with self.engine.connect() as conn:
            return _per_sector(conn, vote_cards_table, vote_id)

    def live(self, vote_id: str) -> tuple[Vote, dict[str, int], dict[str, int]]:
        """The vote, its cards issued (``_issued``) and its ballots cast per sector, read on one connection: what
        the projector's live turnout asks for twice a second."""
        with self.engine.connect() as conn:
            vote = self._get(conn, vote_id)
            return vote, _issued(conn, vote_id)[0], _per_sector(conn, vote_ballots_table, vote_id)

    def ballots(self, vote_id: str) -> pd.DataFrame:
        """The ballots cast in a vote: sector, choices (positions), channel — in the order of their random keys,
        never of casting; no card, no time."""
        with self.engine.connect() as conn:
            rows = self._ballots(conn, vote_id)
        return pd.DataFrame(rows, columns=["sector", "choices", "channel"])

    @staticmethod
    def _ballots(conn: sa.Connection, vote_id: str) -> list[tuple[str, str, str]]:
        t = vote_ballots_table
        return [(r.sector, r.choices, r.channel) for r in conn.execute(
            sa.select(t.c.sector, t.c.choices, t.c.channel).where(t.c.vote_id == vote_id).order_by(t.c.id))]

    def card(self, secret: codes.Secret) -> CardState:
        """The card a token or code belongs to; ``card_unknown`` when there is none."""
        c = vote_cards_table
        column = c.c.token_hash if secret.kind == "token" else c.c.code_hash
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(c.c.token_hash, c.c.vote_id, c.c.sector).where(column == secret.hash)).first()
            if row is None:
                raise UserError(codes.UNKNOWN, "card_unknown")
            return CardState(row.token_hash, self._get(conn, row.vote_id), row.sector, _voted(conn, row.token_hash))

    def record(self, vote_id: str) -> seal.Record:
        """Everything the vote's result depends on, as the store holds it now (what the seal covers)."""
        with self.engine.connect() as conn:
            return self._record(conn, self._get(conn, vote_id))

    def _record(self, conn: sa.Connection, vote: Vote) -> seal.Record:
        c, v = vote_cards_table, vote_cards_voted_table
        cards = [seal.IssuedCard(r.token_hash, r.code_hash, r.sector, r.card is not None, bool(r.handed_out))
                 for r in conn.execute(
            sa.select(c.c.token_hash, c.c.code_hash, c.c.sector, v.c.card, c.c.handed_out)
            .outerjoin(v, v.c.card == c.c.token_hash).where(c.c.vote_id == vote.id).order_by(c.c.token_hash))]
        return seal.Record(vote.id, vote.cycle, vote.workshop, vote.max_choices, vote.opened_at, vote.closed_at,
                           self._choices(conn, vote.id), cards, self._ballots(conn, vote.id))

    def check(self, vote_id: str, printed: str | None = None) -> seal.Check:
        """The closed vote's record now against its seal (and the digest ``printed`` on its protocol)."""
        with self.engine.connect() as conn:
            vote = self._get(conn, vote_id)
            record = self._record(conn, vote)
        return seal.check(record, vote.digest, vote.seal, self.store.seal_key(), printed)

    def result(self, vote_id: str) -> tally.Result:
        """The vote's tallies, computed from its ballot table (``analysis.voting.tally``)."""
        with self.engine.connect() as conn:
            issued, at_door = _issued(conn, vote_id)
        return tally.result(self.get(vote_id), self.choices(vote_id), issued, self.ballots(vote_id), at_door)

    def saved(self, vote_id: str) -> tuple[Batch | None, set[int]]:
        """The newest saved result of the vote still in the store (not undone), and the positions it
        marked "wybrana do realizacji"."""
        found = self.store.newest_updates("votes", _sheet(vote_id))
        if found is None:
            return None, set()
        batch, updates = found
        selected = {(u.cycle, u.workshop, u.number) for u in updates if u.status == "selected"}
        return batch, {c.position for c in self.choices(vote_id) if (c.cycle, c.workshop, c.number) in selected}

    # --- writing -------------------------------------------------------------------------------

    def create(self, cycle: str, workshop: int, proposals: list[Choice], max_choices: int, address: str) -> Vote:
        """A new vote on ``proposals`` (their positions are renumbered 1…n in the given order)."""
        if not proposals:
            raise UserError("Wybierz co najmniej jedną propozycję do głosowania.", "vote_no_proposals")
        if not 1 <= max_choices <= min(MAX_CHOICES, len(proposals)):
            raise UserError(f"Liczba wyborów na karcie musi być od 1 do {min(MAX_CHOICES, len(proposals))} "
                            "(nie więcej niż propozycji na karcie).", "vote_bad_settings")
        now = dt.datetime.now()
        vote = Vote(uuid.uuid4().hex, str(cycle), int(workshop), int(max_choices), address.strip(), now, None, None,
                    None)
        with self.store.transaction(changes_data=False) as conn:
            conn.execute(votes_table.insert().values(
                id=vote.id, cycle=vote.cycle, workshop=vote.workshop, max_choices=vote.max_choices,
                address=vote.address, created_at=now))
            conn.execute(vote_proposals_table.insert(), [
                {"vote_id": vote.id, "position": i, "cycle": p.cycle, "workshop": p.workshop, "number": p.number,
                 "title": p.title, "area": p.area} for i, p in enumerate(proposals, start=1)])
        return vote

    def issue_cards(self, vote_id: str, sector: str, count: int) -> list[Card]:
        """``count`` new cards of ``sector``: tokens and codes returned once, stored only as hashes."""
        if sector not in SECTOR_CODES:
            raise UserError("Wybierz sektor kart z listy.", "vote_bad_settings")
        if not 1 <= count <= MAX_CARDS_AT_ONCE:
            raise UserError(f"Liczba kart musi być od 1 do {MAX_CARDS_AT_ONCE} naraz.", "vote_bad_settings")
        now = dt.datetime.now()
        with self.store.transaction(changes_data=False) as conn:
            vote = self._get(conn, vote_id)
            if vote.state == "closed":
                raise UserError(CLOSED, "vote_closed")
            cards: list[Card] = []
            while len(cards) < count:  # codes are unique across every vote; a repeat (1 in 10^13) is drawn again
                batch = [Card(codes.new_token(), codes.new_code(), sector) for _ in range(count - len(cards))]
                hashes = [codes.code_hash(c.code) for c in batch]
                taken = set(conn.execute(sa.select(vote_cards_table.c.code_hash)
                                         .where(vote_cards_table.c.code_hash.in_(hashes))).scalars())
                fresh = {h: c for h, c in zip(hashes, batch, strict=True) if h not in taken}
                cards.extend(fresh.values())
                conn.execute(vote_cards_table.insert(), [
                    {"token_hash": codes.token_hash(c.token), "code_hash": h, "vote_id": vote_id, "sector": sector,
                     "issued_at": now} for h, c in fresh.items()])
        return cards

    def make_at_door(self, conn: sa.Connection, vote_id: str, sector: str) -> Card:
        """Inside the caller's write transaction ``conn`` (a person checking in on their phone): one new card of
        ``sector``, handed out at once; its token and code returned once, stored only as hashes. It carries the
        vote's own time, not the moment it was made, and its random key is its only order."""
        vote = self._get(conn, vote_id)
        if vote.state == "closed":
            raise UserError(CLOSED, "vote_closed")
        while True:  # a code already taken (1 in 10^13) is drawn again
            card = Card(codes.new_token(), codes.new_code(), sector)
            code = codes.code_hash(card.code)
            if conn.execute(sa.select(vote_cards_table.c.code_hash)
                            .where(vote_cards_table.c.code_hash == code)).first() is None:
                break
        conn.execute(vote_cards_table.insert().values(
            token_hash=codes.token_hash(card.token), code_hash=code, vote_id=vote_id, sector=sector,
            issued_at=vote.created_at, handed_out=True))
        return card

    def hand_out(self, conn: sa.Connection, secret: codes.Secret, cycle: str, workshop: int, sector: str) -> CardState:
        """Inside the caller's write transaction ``conn`` (the desk, after checking a person in): the printed card
        of ``secret`` recorded as handed out to a person of ``sector`` at the workshop's check-in. Refused with a
        Polish sentence: an unknown card, a card of another workshop's vote or of a closed vote, of another sector,
        or handed out already — the last by the database itself: one conditional UPDATE (``handed_out`` still
        false), so two desks scanning one card at the same moment hand it out once."""
        c = vote_cards_table
        column = c.c.token_hash if secret.kind == "token" else c.c.code_hash
        row = conn.execute(sa.select(c.c.token_hash, c.c.vote_id, c.c.sector).where(column == secret.hash)).first()
        if row is None:
            raise UserError(codes.UNKNOWN, "card_unknown")
        vote = self._get(conn, row.vote_id)
        if (vote.cycle, vote.workshop) != (str(cycle), int(workshop)):
            raise UserError(HANDED_OTHER_VOTE.format(workshop=vote.workshop), "card_of_other_vote")
        if vote.state == "closed":
            raise UserError(HANDED_CLOSED, "vote_closed")
        if row.sector != sector:
            raise UserError(HANDED_SECTOR.format(card=SECTOR_LABELS.get(row.sector, row.sector),
                                                 person=SECTOR_LABELS.get(sector, sector)), "card_wrong_sector")
        marked = conn.execute(c.update().where(c.c.token_hash == row.token_hash, c.c.handed_out.is_(sa.false()))
                              .values(handed_out=True))
        if marked.rowcount != 1:
            raise UserError(HANDED_TWICE.format(sector=SECTOR_LABELS.get(sector, sector)), "card_handed_out")
        return CardState(row.token_hash, vote, row.sector, _voted(conn, row.token_hash))

    def open(self, vote_id: str) -> Vote:
        with self.store.transaction(changes_data=False) as conn:
            vote = self._get(conn, vote_id)
            if vote.state == "closed":
                raise UserError(CLOSED, "vote_closed")
            if vote.state == "prepared":
                conn.execute(votes_table.update().where(votes_table.c.id == vote_id)
                             .values(opened_at=dt.datetime.now()))
            return self._get(conn, vote_id)

    def close(self, vote_id: str) -> Vote:
        """Close the vote: no ballot is taken after this; its rows are rewritten in the order of their keys and
        its whole record is sealed (``analysis.voting.seal``: the digest, and a MAC under the store's key)."""
        with self.store.transaction(changes_data=False) as conn:
            vote = self._get(conn, vote_id)
            if vote.state == "prepared":
                raise UserError(NOT_OPEN.split(" — ")[0] + " — nie ma czego zamykać.", "vote_not_open")
            if vote.state == "open":
                conn.execute(votes_table.update().where(votes_table.c.id == vote_id)
                             .values(closed_at=dt.datetime.now()))
                _in_key_order(conn, vote_id)
                sealed = seal.make(self._record(conn, self._get(conn, vote_id)), self.store.seal_key(conn))
                conn.execute(votes_table.update().where(votes_table.c.id == vote_id)
                             .values(digest=sealed.digest, seal=sealed.to_json()))
            return self._get(conn, vote_id)

    def cast(self, vote_id: str, card: str, positions: list[int], channel: str = "phone") -> None:
        """Store one ballot of ``card`` (its token hash) for ``vote_id``.

        Refused with a Polish sentence, nothing stored: an unknown card, a card of another vote, a vote
        not open or closed, no choice, too many choices, a choice not on the ballot, a card that has
        voted. What cannot change once the vote is prepared (the card's vote and sector, the positions
        on the ballot) is read before the write lock; under it, only the vote's state is read and the
        ballot inserted, so a room confirming at once queues for three statements each. The ballot is
        two unlinked rows in one transaction: the card marked as voted (its primary key: a second
        ballot of the card is refused by the database, and the transaction with it) and the choices
        under a random key.
        """
        chosen = sorted(set(int(p) for p in positions))
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(vote_cards_table.c.vote_id, vote_cards_table.c.sector)
                               .where(vote_cards_table.c.token_hash == card)).first()
            if row is None:
                raise UserError(codes.UNKNOWN, "card_unknown")
            if row.vote_id != vote_id:
                raise UserError(OTHER.format(workshop=self._get(conn, row.vote_id).workshop), "card_of_other_vote")
            known = set(conn.execute(sa.select(vote_proposals_table.c.position)
                                     .where(vote_proposals_table.c.vote_id == vote_id)).scalars())
            used = _voted(conn, card)
        with self.store.transaction(changes_data=False) as conn:
            vote = self._get(conn, vote_id)
            if vote.state == "prepared":
                raise UserError(NOT_OPEN, "vote_not_open")
            if vote.state == "closed":
                raise UserError(CLOSED, "vote_closed")
            if used:
                raise UserError(USED, "card_used")
            if not chosen:
                raise UserError("Wybierz co najmniej jedną propozycję, zanim oddasz głos.", "no_choice")
            if len(chosen) > vote.max_choices:
                raise UserError(f"Można wybrać najwyżej {vote.max_choices} — odznacz nadmiarowe propozycje.",
                                "too_many_choices")
            if not set(chosen) <= known:
                raise UserError("Wybrana propozycja nie jest na tej karcie — odśwież stronę i wybierz ponownie.",
                                "choice_unknown")
            try:
                conn.execute(vote_cards_voted_table.insert().values(card=card, vote_id=vote_id, sector=row.sector))
            except sa.exc.IntegrityError:  # the database's own "one card, one ballot"
                raise UserError(USED, "card_used") from None
            conn.execute(vote_ballots_table.insert().values(
                id=secrets.token_hex(16), vote_id=vote_id, sector=row.sector,
                choices=" ".join(str(p) for p in chosen), channel=channel))

    def save_result(self, vote_id: str, chosen: set[int] | frozenset[int] = frozenset()) -> Batch:
        """The closed vote's result as a batch of the store: the proposals' votes, and "wybrana do
        realizacji" for the positions in ``chosen``. A later save wins; undo brings the earlier back."""
        vote = self.get(vote_id)
        if vote.state != "closed":
            raise UserError("Wynik można zapisać dopiero po zamknięciu głosowania.", "vote_not_closed")
        result = self.result(vote_id)
        day = (vote.closed_at or dt.datetime.now()).date()
        return self.store.save_updates(
            "votes", f"Głosowanie na warsztacie {vote.workshop}", _sheet(vote_id), vote.cycle, vote.workshop, day,
            [ProposalUpdate(r.cycle, r.workshop, r.number, votes=r.votes,
                            status="selected" if r.position in chosen else None) for r in result.ranking],
            content_hash=vote.digest or "")


def _sheet(vote_id: str) -> str:
    """The "sheet" of a vote's saved result: how the store's batches name the vote."""
    return f"głosowanie {vote_id}"


def _voted(conn: sa.Connection, card: str) -> bool:
    v = vote_cards_voted_table
    return conn.execute(sa.select(v.c.card).where(v.c.card == card)).first() is not None


def _issued(conn: sa.Connection, vote_id: str) -> tuple[dict[str, int], bool]:
    """A vote's cards issued per sector — the turnout's denominator, defined here alone — and whether they are
    the cards handed out at the check-in. When the workshop's check-in handed out any card of the vote (made on a
    phone at self check-in, or a printed one the desk scanned), the cards really handed out: those, and any card
    that voted without the desk having scanned it (it was in someone's hand). Otherwise (no check-in, or one
    that gave no cards) every card made for the vote, as printed."""
    c, v = vote_cards_table, vote_cards_voted_table
    at_door = conn.execute(sa.select(c.c.token_hash).where(c.c.vote_id == vote_id, c.c.handed_out.is_(sa.true()))
                           .limit(1)).first() is not None
    if not at_door:
        return _per_sector(conn, c, vote_id), False
    rows = conn.execute(sa.select(c.c.sector, sa.func.count()).select_from(c)
                        .outerjoin(v, v.c.card == c.c.token_hash)
                        .where(c.c.vote_id == vote_id, sa.or_(c.c.handed_out.is_(sa.true()), v.c.card.is_not(None)))
                        .group_by(c.c.sector)).all()
    return {sector: int(n) for sector, n in rows}, True


def _in_key_order(conn: sa.Connection, vote_id: str) -> None:
    """Rewrite the vote's cards, "voted" and ballot rows in the order of their keys, so that nothing in the
    database's files keeps the order of casting, nor of the cards made at people's check-ins: SQLite with
    ``secure_delete`` (the old cells are zeroed; WITHOUT ROWID tables already keep key order, this also orders
    the cells within a page); PostgreSQL rewrites the tables in key order (``CLUSTER``) where the store owns
    them, else the rows are re-inserted in key order and the old versions stay until the next VACUUM — and the
    rows' transaction ids (``xmin``), which a card made at a check-in shares with that person's row until then,
    are this transaction's."""
    sqlite = conn.dialect.name == "sqlite"
    before = conn.exec_driver_sql("PRAGMA secure_delete").scalar() if sqlite else None
    if sqlite:
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    tables = ((vote_cards_table, vote_cards_table.c.token_hash), (vote_cards_voted_table, vote_cards_voted_table.c.card),
              (vote_ballots_table, vote_ballots_table.c.id))
    kept = {table.name: [dict(r) for r in conn.execute(sa.select(table).where(table.c.vote_id == vote_id)
                                                       .order_by(key)).mappings()] for table, key in tables}
    for table, _ in reversed(tables):  # the voted rows point at the cards
        conn.execute(table.delete().where(table.c.vote_id == vote_id))
    for table, _ in tables:
        if kept[table.name]:
            conn.execute(table.insert(), kept[table.name])
        if conn.dialect.name == "postgresql":
            try:
                with conn.begin_nested():
                    conn.exec_driver_sql(f"CLUSTER {table.name} USING {table.name}_pkey")
            except sa.exc.DBAPIError:  # not the tables' owner: the re-inserted rows are in key order
                pass
    if sqlite:
        conn.exec_driver_sql(f"PRAGMA secure_delete = {int(before or 0)}")


def _per_sector(conn: sa.Connection, t: sa.Table, vote_id: str) -> dict[str, int]:
    """The rows of ``t`` (cards or ballots) of a vote, counted per sector."""
    rows = conn.execute(sa.select(t.c.sector, sa.func.count()).where(t.c.vote_id == vote_id)
                        .group_by(t.c.sector)).all()
    return {sector: int(n) for sector, n in rows}
