"""The ballot card that comes with the check-in: one card per person, and nothing that says whose it is.

When a vote is prepared for the check-in's workshop (any state before closed: ``Votes.current``), a person
checked in gets their ballot card there:

- on their phone (``at_phone``), at the end of a self check-in: a new card of the vote for the person's
  sector, made at that moment; its token exists in plain text only in the answer to that phone (the page
  keeps it in the browser's session alone), the store keeps its hashes, as of every card;
- at the desk (``at_desk``), after checking the person in: the printed card whose code the desk scans or
  types is recorded as handed out to that sector.

**One card per person, without a link.** The check-in's row of the person gets a flag, ``has_card`` — never
which card — and the vote's card a flag, ``handed_out`` — never to whom. Both are set in one write transaction
(``Store.transaction``: the store's write lock) and each by a conditional UPDATE that changes a row only while
its flag is still false, so the database decides: a retry, a double tap, a second phone of the same person, the
phone and the desk, or two desks scanning one card at the same moment change one row once, and the loser's
whole transaction (its new card, its other flag) is rolled back. Nothing pairs the two rows: no column of one
names the other, no key is shared (the card's key is its token's hash, the person's their pseudonym), a card
made at a check-in carries the vote's own time (not the moment it was made) and lies in the order of its
random key (WITHOUT ROWID on SQLite); the person's row keeps the moment they checked in, which no card holds.
What the database engine itself keeps about one transaction — PostgreSQL's row versions (``xmin``, ``ctid``),
SQLite's write-ahead log until its checkpoint — follows the write like any engine's, for whoever can read the
database's files; closing the vote rewrites its cards in the order of their keys in one transaction (as its
ballots: ``ballot_box._in_key_order``), so afterwards they do not.

At a workshop with a survey open and no vote prepared, the person gets the survey's own card instead
(``survey_at_phone``): made the same way, the person's row flagged ``has_survey_card`` by the same kind of
conditional UPDATE, the card's row holding no time and no person. Where a vote is prepared, its ballot card
answers the survey too, so no survey card is made.

A person who already has a card is told so (the page cannot show a token it no longer has). A phone lost after
check-in takes its card with it: the desk gives a printed one only to a person without a card, and tells the
desk why (``LOST_PHONE``): the card's code the phone showed votes from any other phone; without it, the lost
card cannot be told from the others, so it cannot be voided, and a second card would be a second vote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.checkin.desk import CLOSED, CheckIn, CheckIns, _in_turn
from analysis.errors import UserError
from analysis.survey.box import Surveys, card_survey_url
from analysis.vocabulary import SECTOR_LABELS
from analysis.voting import codes
from analysis.voting.ballot_box import NOT_HANDED, Card, Votes

if TYPE_CHECKING:
    import sqlalchemy as sa

HAS_ONE = ("Ta osoba ma już kartę do głosowania (wydaną przy rejestracji, na telefonie albo przy stoliku) — "
           "drugiej nie wydajemy. " + NOT_HANDED)
LOST_PHONE = (f"**Zgubiony telefon z kartą?** Telefon pokazał kod karty (np. {codes.EXAMPLE}) — z nim ta osoba "
              "zagłosuje na innym telefonie: strona „Głosowanie” w sieci sali, pole „Kod z karty”. Bez kodu karty "
              "zastępczej nie wydajemy: magazyn nie wie, która karta jest czyja, więc zgubionej nie da się unieważnić, "
              "a ta osoba miałaby dwa głosy.")
NOT_CHECKED_IN = "Najpierw zarejestruj tę osobę, potem wydaj jej kartę. " + NOT_HANDED
NOT_CHECKED_IN_SURVEY = "Najpierw zarejestruj tę osobę, potem wydaj jej kartę ankiety. Karty nie wydano."


class _GivenCard:
    """What a card given with a check-in says to the page: its sector, and its token on the phone that was given
    it (once); no token: given before, elsewhere."""

    sector: str
    token: str | None

    @property
    def given_before(self) -> bool:
        return self.token is None

    @property
    def sector_label(self) -> str:
        return SECTOR_LABELS.get(self.sector, self.sector)

    def path(self) -> str:
        """The card's address on this server (its page's ``?karta=…``)."""
        assert self.token is not None
        return self._address(self.token)

    def _address(self, token: str) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Ballot(_GivenCard):
    """A person's ballot card given with their check-in."""

    vote_id: str
    sector: str
    token: str | None  # the card's token (on the phone that was given it, once); None: given before, elsewhere
    code: str | None = None  # the card's short code as printed (``ABCD-EFGH-X``), with the token

    def _address(self, token: str) -> str:
        """The vote page's address of the card (``/glosowanie?karta=…``)."""
        return codes.card_url("", token)


def _made_at_phone(checkins: CheckIns, checkin: CheckIn, person: str, not_checked_in: str,
                   give: Callable[[sa.Connection, str, str], bool],
                   make: Callable[[sa.Connection, str], Card]) -> tuple[str, str | None, str | None]:
    """A new card for the person checked in, made by ``make`` for their sector once ``give`` has flagged their
    row (the database's "one card per person"), in one write transaction: its sector, token and shown code; the
    sector alone (no token, no code) when they were given one before. A card ``make`` refuses rolls the flag back;
    a person not checked in is refused with ``not_checked_in``."""
    store = checkins.store
    with _in_turn(store), store.transaction(changes_data=False) as conn:
        rows = store.checked_in(checkin.id, person, conn)
        if not rows:
            raise UserError(not_checked_in, "checkin_unknown")
        sector = rows[0].sector
        if not give(conn, checkin.id, person):
            return sector, None, None
        card = make(conn, sector)
    return sector, card.token, codes.shown_code(card.code)


def at_phone(checkins: CheckIns, checkin: CheckIn, person: str) -> Ballot | None:
    """The person's ballot card at the end of their self check-in: a new card of the vote prepared for the
    workshop, for their sector; ``Ballot`` with no token when they were given one before (a second phone, the
    desk, a retry whose answer was lost); None when no vote is prepared (nothing changes)."""
    store = checkins.store
    votes = Votes(store)
    vote = votes.current(checkin.cycle, checkin.workshop)
    if vote is None:
        return None
    return Ballot(vote.id, *_made_at_phone(
        checkins, checkin, person, NOT_CHECKED_IN, store.give_card,
        lambda conn, sector: votes.make_at_door(conn, vote.id, sector)))  # a closed vote refuses


def at_desk(checkins: CheckIns, checkin: CheckIn, person: str, typed: str) -> Ballot:
    """The printed card the desk scanned or typed (its token's URL or its code), recorded as handed out to the
    person just checked in. Refused with a Polish sentence, nothing stored: a mistyped or unknown code, a card of
    another workshop's vote or of a closed vote, of another sector than the person's, a card handed out already
    (the database's conditional update), a person who has a card already, a check-in that is not open."""
    secret = codes.recognise(typed)
    store = checkins.store
    with _in_turn(store), store.transaction(changes_data=False) as conn:
        current = store.checkin(checkin.id, conn)
        if current is None or current.closed_at is not None:
            raise UserError(CLOSED, "checkin_closed")
        rows = store.checked_in(checkin.id, person, conn)
        if not rows:
            raise UserError(NOT_CHECKED_IN, "checkin_unknown")
        sector = rows[0].sector
        if rows[0].has_card:
            raise UserError(HAS_ONE, "card_already_given")
        card = Votes(store).hand_out(conn, secret, checkin.cycle, checkin.workshop, sector)
        if not store.give_card(conn, checkin.id, person):  # given meanwhile: the card's mark is rolled back too
            raise UserError(HAS_ONE, "card_already_given")
    return Ballot(card.vote.id, sector, None)


def vote_prepared(checkins: CheckIns, checkin: CheckIn) -> bool:
    """Whether a vote is prepared for the check-in's workshop (its cards come with the check-in)."""
    return Votes(checkins.store).current(checkin.cycle, checkin.workshop) is not None


@dataclass(frozen=True)
class SurveyTicket(_GivenCard):
    """A person's survey card given with their check-in (a workshop with a survey open and no vote)."""

    survey_id: str
    sector: str
    token: str | None  # as a ``Ballot``'s
    code: str | None = None

    def _address(self, token: str) -> str:
        """The survey page's address of the card (``/glosowanie?karta=…&ankieta=1``)."""
        return card_survey_url("", token)


def survey_at_phone(checkins: CheckIns, checkin: CheckIn, person: str) -> SurveyTicket | None:
    """The person's survey card at the end of their self check-in, when the workshop has a survey open and no
    vote prepared (whose ballot card would answer it): a new card of the survey for their sector;
    ``SurveyTicket`` with no token when they were given one before; None otherwise (nothing changes)."""
    store = checkins.store
    surveys = Surveys(store)
    survey = surveys.of_workshop(checkin.cycle, checkin.workshop)
    if survey is None or survey.state != "open" or not surveys.needs_own_cards(survey):
        return None
    return SurveyTicket(survey.id, *_made_at_phone(
        checkins, checkin, person, NOT_CHECKED_IN_SURVEY, store.give_survey_card,
        lambda conn, sector: surveys.make_card(conn, survey.id, sector)))  # a survey closed meanwhile refuses
