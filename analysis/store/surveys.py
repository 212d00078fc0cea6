"""The partners' surveys as the store keeps them: the surveys, the cards that answered, the answers.

Each function runs over the connection it is given (a read, or the caller's write transaction); the rules of
a survey (which card may answer, when) are ``analysis.survey``'s. An answer is two rows never linked: the card
marked as answered (its primary key: a second answer of a card is refused by the database itself) and the
scores under a random key. A survey held without a vote has cards of its own (``survey_cards``: hashes only, as
the vote's cards), which answer the same way.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from analysis.store.engine import insert_new
from analysis.store.per_workshop import Rows
from analysis.store.schema import (
    survey_answers_table,
    survey_cards_answered_table,
    survey_cards_table,
    surveys_table,
    vote_cards_table,
)


@dataclass(frozen=True)
class SurveyRow:
    """A workshop's survey as the store holds it."""

    id: str
    cycle: str
    workshop: int
    set_id: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None

    @property
    def state(self) -> str:
        return "open" if self.closed_at is None else "closed"


def _survey(row: sa.RowMapping) -> SurveyRow:
    return SurveyRow(row["id"], row["cycle"], int(row["workshop"]), row["set_id"], row["opened_at"], row["closed_at"])


_ROWS = Rows(surveys_table, _survey)
all_surveys, one, of_workshop = _ROWS.every, _ROWS.by_id, _ROWS.of_workshop


def insert(conn: sa.Connection, survey: SurveyRow) -> bool:
    """The survey added unless its workshop has one (the database decides); whether it was added."""
    t = surveys_table
    done = conn.execute(insert_new(conn, t).values(
        id=survey.id, cycle=survey.cycle, workshop=survey.workshop, set_id=survey.set_id,
        opened_at=survey.opened_at, closed_at=survey.closed_at).returning(t.c.id)).first()
    return done is not None


def set_closed(conn: sa.Connection, survey_id: str, at: dt.datetime | None) -> None:
    conn.execute(surveys_table.update().where(surveys_table.c.id == survey_id).values(closed_at=at))


def answered(conn: sa.Connection, card: str) -> bool:
    t = survey_cards_answered_table
    return conn.execute(sa.select(t.c.card).where(t.c.card == card)).first() is not None


def add_answer(conn: sa.Connection, survey_id: str, card: str, sector: str, scores: str, comment: str | None) -> bool:
    """The card marked as answered and its answer stored under a random key; False (nothing written) when the card
    has answered already — decided by the card's primary key, so two sessions at the same moment count once."""
    t = survey_cards_answered_table
    marked = conn.execute(insert_new(conn, t).values(card=card, survey_id=survey_id, sector=sector)
                          .returning(t.c.card)).first()
    if marked is None:
        return False
    conn.execute(survey_answers_table.insert().values(
        id=secrets.token_hex(16), survey_id=survey_id, sector=sector, scores=scores, comment=comment))
    return True


def answers(conn: sa.Connection, survey_id: str) -> pd.DataFrame:
    """sector, scores, comment of the survey's answers, in the order of their random keys."""
    t = survey_answers_table
    rows = conn.execute(sa.select(t.c.sector, t.c.scores, t.c.comment).where(t.c.survey_id == survey_id)
                        .order_by(t.c.id)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["sector", "scores", "comment"])


def count(conn: sa.Connection, survey_id: str) -> int:
    t = survey_answers_table
    return int(conn.execute(sa.select(sa.func.count()).where(t.c.survey_id == survey_id)).scalar_one())


@dataclass(frozen=True)
class SurveyCardRow:
    """A survey's own card as the store holds it: its token's hash, its survey, its sector."""

    token_hash: str
    survey_id: str
    sector: str


def codes_taken(conn: sa.Connection, code_hashes: list[str]) -> set[str]:
    """Which of these short codes' hashes a card has already, of a survey or of a vote (a code is typed on the same
    page for both, so it is unique across them)."""
    taken: set[str] = set()
    for t in (survey_cards_table, vote_cards_table):
        taken |= set(conn.execute(sa.select(t.c.code_hash).where(t.c.code_hash.in_(code_hashes))).scalars())
    return taken


def add_cards(conn: sa.Connection, survey_id: str, sector: str, hashes: list[tuple[str, str]]) -> None:
    """New cards of the survey for ``sector``: (token hash, code hash) each, nothing else (no time, no person)."""
    if hashes:
        conn.execute(survey_cards_table.insert(), [
            {"token_hash": token, "code_hash": code, "survey_id": survey_id, "sector": sector} for token, code in hashes])


def card(conn: sa.Connection, kind: str, hash_: str) -> SurveyCardRow | None:
    """The survey card whose token (``kind`` "token") or short code ("code") has this hash."""
    t = survey_cards_table
    column = t.c.token_hash if kind == "token" else t.c.code_hash
    row = conn.execute(sa.select(t.c.token_hash, t.c.survey_id, t.c.sector).where(column == hash_)).first()
    return SurveyCardRow(row.token_hash, row.survey_id, row.sector) if row is not None else None


def cards_per_sector(conn: sa.Connection, survey_id: str) -> dict[str, int]:
    """The survey's own cards made (printed, and made on phones at the check-in) per sector."""
    t = survey_cards_table
    rows = conn.execute(sa.select(t.c.sector, sa.func.count()).where(t.c.survey_id == survey_id)
                        .group_by(t.c.sector)).all()
    return {sector: int(n) for sector, n in rows}


def in_key_order(conn: sa.Connection, survey_id: str) -> None:
    """Rewrite the survey's cards, "answered" marks and answers in the order of their keys, in the caller's write
    transaction (the survey's closing): afterwards nothing the database engine keeps about a write — PostgreSQL's
    row versions (``xmin``: a survey card made at a person's check-in shares that person's row's transaction, an
    answer its card's mark's), SQLite's freed cells (zeroed: ``secure_delete``) — follows who answered what."""
    sqlite = conn.dialect.name == "sqlite"
    before = conn.exec_driver_sql("PRAGMA secure_delete").scalar() if sqlite else None
    if sqlite:
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    tables = ((survey_cards_table, survey_cards_table.c.token_hash),
              (survey_cards_answered_table, survey_cards_answered_table.c.card),
              (survey_answers_table, survey_answers_table.c.id))
    kept = {table.name: [dict(r) for r in conn.execute(sa.select(table).where(table.c.survey_id == survey_id)
                                                       .order_by(key)).mappings()] for table, key in tables}
    for table, _ in tables:
        conn.execute(table.delete().where(table.c.survey_id == survey_id))
    for table, _ in tables:
        if kept[table.name]:
            conn.execute(table.insert(), kept[table.name])
    if sqlite:
        conn.exec_driver_sql(f"PRAGMA secure_delete = {int(before or 0)}")
