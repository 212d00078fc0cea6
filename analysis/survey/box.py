"""A workshop's survey: opened and closed by the office, answered on phones with a card of the workshop.

The card a person holds for the workshop's vote (printed, or made on their phone at the check-in:
``analysis.checkin.cards``) opens the survey too: ``/glosowanie?ankieta=1&karta=<token>``, or the card's code
typed on the voting page. At a workshop without a vote the survey has cards of its own, made the same way
(``issue_cards``: an A4 sheet of QR codes; ``make_card``: one on a person's phone at the check-in), kept as
hashes only, and answering with the same address. A workshop with a vote prepared gets no survey cards: its
ballot cards answer, so no one holds two cards for one survey. One card, one answer, by the database: the card's
token hash is the primary key of
``survey_cards_answered``; the answer itself (sector, scores, open answer) is stored under a random key, apart
from the card, in the same write transaction (``Store.transaction``). A card that answered is told so; a second
answer of the same card at the same moment is refused by the database and counts once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis import metrics
from analysis.errors import UserError
from analysis.store import Store, SurveyRow
from analysis.survey_statements import DEFAULT_SET, OPEN_LIMIT, SCALE, SETS, StatementSet, statement_set
from analysis.vocabulary import SECTOR_CODES
from analysis.voting import codes
from analysis.voting.ballot_box import MAX_CARDS_AT_ONCE, Card, Votes

if TYPE_CHECKING:
    import sqlalchemy as sa

SURVEY_PARAMETER = "ankieta"  # /glosowanie?ankieta=1&karta=<token>: the card opens the survey, not the ballot

NO_SURVEY = ("Na tym warsztacie nie ma ankiety partnerów — odpowiedzi nie zapisano. Jeśli prowadzący ją "
             "zapowiedział, poczekaj, aż ją otworzy, i odśwież stronę.")
CLOSED = "Ankieta jest już zamknięta — odpowiedzi nie zapisano. Dziękujemy za chęć udziału!"
ANSWERED = "Ta karta już wypełniła ankietę — liczy się pierwsza odpowiedź. Kolejnej tą kartą nie zapisano."
INCOMPLETE = "Zaznacz odpowiedź przy każdym stwierdzeniu ({missing} bez odpowiedzi), potem wyślij ankietę."
EXISTS = "Ten warsztat ma już ankietę — otwórz ją ponownie zamiast tworzyć nową."
VOTE_CARDS = ("Na tym warsztacie jest przygotowane głosowanie: ankietę otwierają jego karty do głosowania "
              "(przycisk „Wypełnij ankietę partnerów” pod głosem). Osobnych kart ankiety nie tworzymy, żeby nikt "
              "nie miał dwóch kart do jednej ankiety.")
CLOSED_FOR_CARDS = "Ankieta jest zamknięta — otwórz ją ponownie, zanim utworzysz jej karty."


@dataclass(frozen=True)
class SurveyCard:
    """A card found for the survey: its hash, the survey of its workshop (or None), its sector, whether answered."""

    hash: str
    survey: SurveyRow | None
    sector: str
    answered: bool
    cycle: str
    workshop: int
    kind: str = "vote"  # vote: a ballot card of the workshop's vote; survey: the survey's own card


def card_survey_url(address: str, token: str) -> str:
    """The survey's address of a card (its QR code on the poster of a card, or a link)."""
    return f"{codes.card_url(address, token)}&{SURVEY_PARAMETER}=1"


class Surveys:
    """The surveys of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def all(self) -> list[SurveyRow]:
        return self.store.all_surveys()

    def get(self, survey_id: str) -> SurveyRow:
        found = self.store.survey(survey_id)
        if found is None:
            raise UserError("Nie ma takiej ankiety — mogła zostać usunięta. Wybierz ankietę z listy.", "no_such_survey")
        return found

    def of_workshop(self, cycle: str, workshop: int) -> SurveyRow | None:
        return self.store.survey_of_workshop(cycle, workshop)

    def statements(self, survey: SurveyRow) -> StatementSet:
        return statement_set(survey.set_id)

    def count(self, survey_id: str) -> int:
        """Answers stored so far: the projector's live count."""
        return self.store.survey_count(survey_id)

    def answers(self, survey_id: str) -> pd.DataFrame:
        """sector, scores (a list of 1–5 per statement), comment: what ``analysis.metrics.survey`` aggregates."""
        frame = self.store.survey_answers(survey_id)
        frame["scores"] = [[int(x) for x in s.split()] for s in frame["scores"]]
        return frame

    def result(self, survey: SurveyRow) -> metrics.SurveyResult:
        """The survey's answers aggregated (``metrics.survey_result``)."""
        return metrics.survey_result(self.answers(survey.id), self.statements(survey))

    def of_cycle(self, cycle: str | None, workshops: tuple[int, ...] | list[int] | None = None
                 ) -> dict[int, tuple[str, metrics.SurveyResult]]:
        """The cycle's surveys (of ``workshops`` when given) by workshop: state and result."""
        return {s.workshop: (s.state, self.result(s)) for s in self.all()
                if s.cycle == str(cycle) and (workshops is None or s.workshop in workshops)}

    def newest(self, cycle: str | None) -> tuple[SurveyRow, metrics.SurveyResult] | None:
        """The cycle's survey at its latest workshop, with its result: what stands beside the next cycle's."""
        found = [s for s in self.all() if s.cycle == str(cycle)]
        if not found:
            return None
        survey = max(found, key=lambda s: s.workshop)
        return survey, self.result(survey)

    # --- the office --------------------------------------------------------------------------------

    def open(self, cycle: str, workshop: int, set_id: str = DEFAULT_SET) -> SurveyRow:
        """The workshop's survey opened: a new one, or the closed one open again (its answers kept)."""
        if set_id not in SETS:
            raise UserError("Wybierz zestaw stwierdzeń z listy.", "survey_bad_set")
        with self.store.transaction(changes_data=False) as conn:
            found = self.store.survey_of_workshop(cycle, workshop, conn)
            if found is not None:
                if found.closed_at is not None:
                    self.store.close_survey(conn, found.id, None)
                survey = found
            else:
                survey = SurveyRow(uuid.uuid4().hex, str(cycle), int(workshop), set_id, dt.datetime.now(), None)
                if not self.store.add_survey(conn, survey):
                    raise UserError(EXISTS, "survey_exists")
        return self.get(survey.id)

    def close(self, survey_id: str) -> SurveyRow:
        with self.store.transaction(changes_data=False) as conn:
            survey = self.store.survey(survey_id, conn)
            if survey is None:
                raise UserError("Nie ma takiej ankiety — mogła zostać usunięta.", "no_such_survey")
            if survey.closed_at is None:
                self.store.close_survey(conn, survey_id, dt.datetime.now())
        return self.get(survey_id)

    # --- the phone ---------------------------------------------------------------------------------

    def card(self, secret: codes.Secret) -> SurveyCard:
        """The card of a token or code — a ballot card, with the survey of its vote's workshop, or a survey's own
        card, with its survey (``card_unknown`` when there is neither)."""
        try:
            found = Votes(self.store).card(secret)
        except UserError as exc:
            if exc.code != "card_unknown":
                raise
            own = self.store.survey_card(secret.kind, secret.hash)
            if own is None:
                raise
            its = self.get(own.survey_id)
            return SurveyCard(own.token_hash, its, own.sector, self.store.survey_answered(own.token_hash),
                              its.cycle, its.workshop, "survey")
        vote = found.vote
        survey = self.of_workshop(vote.cycle, vote.workshop)
        return SurveyCard(found.hash, survey, found.sector, self.store.survey_answered(found.hash), vote.cycle,
                          vote.workshop)

    # --- the survey's own cards (a workshop without a vote) ----------------------------------------

    def cards_made(self, survey_id: str) -> dict[str, int]:
        """The survey's own cards made per sector (printed, and made on phones at the check-in)."""
        return self.store.survey_cards(survey_id)

    def needs_own_cards(self, survey: SurveyRow) -> bool:
        """Whether the survey needs cards of its own: no vote is prepared at its workshop (else its ballot cards
        answer)."""
        return Votes(self.store).current(survey.cycle, survey.workshop) is None

    def issue_cards(self, survey_id: str, sector: str, count: int) -> list[Card]:
        """``count`` new cards of the survey for ``sector``: tokens and codes returned once (the printed sheet),
        stored as hashes only. Refused: a closed survey, a workshop with a vote prepared (its ballot cards
        answer), a sector not on the list, a count out of 1–500."""
        if sector not in SECTOR_CODES:
            raise UserError("Wybierz sektor kart z listy.", "vote_bad_settings")
        if not 1 <= count <= MAX_CARDS_AT_ONCE:
            raise UserError(f"Liczba kart musi być od 1 do {MAX_CARDS_AT_ONCE} naraz.", "vote_bad_settings")
        survey = self.get(survey_id)
        if not self.needs_own_cards(survey):
            raise UserError(VOTE_CARDS, "survey_vote_cards")
        with self.store.transaction(changes_data=False) as conn:
            return self._made(conn, survey_id, sector, count)

    def make_card(self, conn: sa.Connection, survey_id: str, sector: str) -> Card:
        """Inside the caller's write transaction ``conn`` (a person checking in on their phone): one new card of the
        survey for ``sector``; its token and code returned once, stored as hashes only, with no time."""
        [card] = self._made(conn, survey_id, sector, 1)
        return card

    def _made(self, conn: sa.Connection, survey_id: str, sector: str, count: int) -> list[Card]:
        survey = self.store.survey(survey_id, conn)
        if survey is None:
            raise UserError("Nie ma takiej ankiety — mogła zostać usunięta.", "no_such_survey")
        if survey.closed_at is not None:
            raise UserError(CLOSED_FOR_CARDS, "survey_closed")
        cards: list[Card] = []
        while len(cards) < count:  # a code already taken (1 in 10^13) is drawn again
            batch = [Card(codes.new_token(), codes.new_code(), sector) for _ in range(count - len(cards))]
            hashes = {codes.code_hash(c.code): c for c in batch}
            taken = self.store.survey_codes_taken(conn, list(hashes))
            fresh = [(h, c) for h, c in hashes.items() if h not in taken]
            self.store.add_survey_cards(conn, survey_id, sector, [(codes.token_hash(c.token), h) for h, c in fresh])
            cards.extend(c for _, c in fresh)
        return cards

    def answer(self, card: SurveyCard, scores: dict[str, int], comment: str = "") -> None:
        """Store the card's answer. Refused with a Polish sentence, nothing stored: no survey at the card's
        workshop, a closed survey, a statement without an answer or out of 1–5, a card that has answered
        (checked under the write lock, and the database's primary key decides two answers at the same moment)."""
        if card.survey is None:
            raise UserError(NO_SURVEY, "survey_none")
        statements = statement_set(card.survey.set_id).statements
        missing = [s for s in statements if scores.get(s.key) is None]
        if missing:
            raise UserError(INCOMPLETE.format(missing=len(missing)), "survey_incomplete")
        if any(int(scores[s.key]) not in SCALE for s in statements):
            raise UserError("Odpowiedź musi być od 1 do 5 — zaznacz ją jeszcze raz.", "survey_bad_score")
        text = " ".join(str(int(scores[s.key])) for s in statements)
        kept = (comment or "").strip()[:OPEN_LIMIT] or None
        with self.store.transaction(changes_data=False) as conn:
            survey = self.store.survey(card.survey.id, conn)
            if survey is None:
                raise UserError(NO_SURVEY, "survey_none")
            if survey.closed_at is not None:
                raise UserError(CLOSED, "survey_closed")
            if not self.store.add_survey_answer(conn, survey.id, card.hash, card.sector, text, kept):
                raise UserError(ANSWERED, "survey_answered")
