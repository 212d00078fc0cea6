"""The store's tables as the program's newest schema has them (migrations bring older stores here).

Every change of these tables is a numbered migration in ``analysis/store/migrations/versions``;
``tests/store/test_migrations.py`` checks that the migrations and these tables agree. The row
tables' columns are the canonical columns declared in ``analysis.fields`` (names, SQL types, NOT NULL).
"""

from __future__ import annotations

import sqlalchemy as sa

from analysis.fields import FIELDS, Sql, TableKind

metadata = sa.MetaData()
meta_table = sa.Table("meta", metadata, sa.Column("key", sa.String(64), primary_key=True),
                      sa.Column("value", sa.Text, nullable=False))
batches = sa.Table(
    "batches", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("sheet", sa.Text, nullable=False),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("problems", sa.Integer, nullable=False),
    sa.Column("imported_at", sa.DateTime, nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, default=False),
)


def _sql_type(sql: Sql) -> sa.types.TypeEngine:
    if sql.type == "string":
        return sa.String(sql.length)
    return {"text": sa.Text, "integer": sa.Integer, "date": sa.Date}[sql.type]()


def _row_table(kind: TableKind, *bookkeeping: sa.Column) -> sa.Table:
    """The rows of one kind: their batch, the canonical columns declared in ``analysis.fields``, bookkeeping."""
    columns = [sa.Column(f.name, _sql_type(f.sql_of(kind)), nullable=not f.sql_of(kind).required)
               for f in FIELDS if kind in f.canonical]
    return sa.Table(
        kind.value, metadata,
        sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
        *columns, *bookkeeping,
    )


workshops_table = _row_table(TableKind.WORKSHOPS)
# replaced_by: the batch that replaced this row (undo restores it)
attendance_table = _row_table(TableKind.ATTENDANCE, sa.Column("replaced_by", sa.String(32), index=True))
proposals_table = _row_table(TableKind.PROPOSALS, sa.Column("replaced_by", sa.String(32), index=True))


problems_table = sa.Table(  # migration 0002: what the importer reported about each saved sheet, with its code
    "problems", metadata,
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("row", sa.Integer), sa.Column("column", sa.Text, nullable=False),
    sa.Column("code", sa.String(48), nullable=False), sa.Column("message", sa.Text, nullable=False),
)
# migration 0005: the gmina table of each cycle (residents of the partnership's gminas, year, source);
# a later batch's row for the same cycle and gmina wins, undo brings the earlier one back
gminas_table = _row_table(TableKind.GMINAS)
ROW_TABLES: dict[str, sa.Table] = {TableKind.WORKSHOPS: workshops_table, TableKind.ATTENDANCE: attendance_table,
                                   TableKind.PROPOSALS: proposals_table, TableKind.GMINAS: gminas_table}

# migration 0003: votes at a workshop (ballot cards, ballots) and updates of proposals keyed by
# cycle, workshop and number (the votes and "wybrana do realizacji" of a saved vote's result)
votes_table = sa.Table(
    "votes", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer, nullable=False),  # the workshop the vote is held at
    sa.Column("max_choices", sa.Integer, nullable=False),
    sa.Column("address", sa.Text, nullable=False),  # where the cards' QR codes point (http://…:8501)
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("opened_at", sa.DateTime),
    sa.Column("closed_at", sa.DateTime),
    sa.Column("digest", sa.String(64)),  # SHA-256 of the vote's whole record, sealed when it was closed
    sa.Column("seal", sa.Text),  # migration 0007: the seal (JSON: parts' digests, summary, MAC; ``voting.seal``)
)
vote_proposals_table = sa.Table(  # the proposals on the ballot, as they were when the vote was prepared
    "vote_proposals", metadata,
    sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer, nullable=False),  # the workshop that wrote the proposal
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("area", sa.Integer),
    sa.PrimaryKeyConstraint("vote_id", "position"),
)
# a card is known only by hashes of its token and its short code. Migration 0010_cards: ``handed_out``, the card
# given to a person at the check-in (a card made on a phone at check-in, a printed one the desk scanned) — which
# person is nowhere; WITHOUT ROWID on SQLite, so the rows lie in the order of their random keys, not of making
vote_cards_table = sa.Table(
    "vote_cards", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("sector", sa.String(32), nullable=False),
    sa.Column("issued_at", sa.DateTime, nullable=False),  # printed; a card made at check-in: the vote's own time
    sa.Column("handed_out", sa.Boolean, nullable=False, server_default=sa.false()),
    sqlite_with_rowid=False,
)
# migration 0007_secret_ballot: a ballot box's two halves, written in one transaction and never linked.
# "This card has voted" (the card is the primary key: one card, one ballot, by the database; its sector
# for turnout by sector; no time) apart from "these choices were cast" (a random key, no card, no time).
# On SQLite both are WITHOUT ROWID tables, so the rows lie in the order of their keys, not of casting.
vote_cards_voted_table = sa.Table(
    "vote_cards_voted", metadata,
    sa.Column("card", sa.String(64), sa.ForeignKey("vote_cards.token_hash", ondelete="CASCADE"), primary_key=True),
    sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("sector", sa.String(32), nullable=False),
    sqlite_with_rowid=False,
)
vote_ballots_table = sa.Table(
    "vote_ballots", metadata,
    sa.Column("id", sa.String(32), primary_key=True),  # random (``secrets``): its order is no order of casting
    sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("sector", sa.String(32), nullable=False),
    sa.Column("choices", sa.Text, nullable=False),  # positions on the ballot, ascending: "2 7 11"
    sa.Column("channel", sa.String(8), nullable=False),  # phone | paper
    sqlite_with_rowid=False,
)
proposal_updates_table = sa.Table(  # later facts about a proposal (votes, status), each saved in a batch
    "proposal_updates", metadata,
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer, nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("votes", sa.Integer),
    sa.Column("status", sa.String(16)),
    sa.PrimaryKeyConstraint("batch_id", "cycle", "workshop", "number"),
)

# migration 0004_targets: the office's target mix of a cycle (sector or gmina code -> share 0–1)
targets_table = sa.Table(
    "targets", metadata,
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),  # sector | gmina
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("share", sa.Float, nullable=False),
    sa.Column("saved_at", sa.DateTime, nullable=False),
    sa.PrimaryKeyConstraint("cycle", "kind", "code"),
)

# migration 0008_localities: the office's own locality -> gmina pairs, each added in a batch (undo removes it);
# the newest batch's pair of a locality is in force when files are read
localities_table = sa.Table(
    "localities", metadata,
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key", sa.String(120), nullable=False),  # vocabulary.locality_key of the name
    sa.Column("locality", sa.Text, nullable=False),  # the name as the office wrote it
    sa.Column("gmina", sa.String(16), nullable=False),
)
# migration 0006_hall_guard: wrong guesses counted per key (a browser, an address; only the key's SHA-256
# is kept), and the browsers the office's password unlocked (the SHA-256 of the browser's cookie), with
# the time each stays unlocked until (seconds since 1970, UTC) — shared by every process on the store
guard_failures_table = sa.Table(
    "guard_failures", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_at", sa.Float, nullable=False, index=True),
)
unlocked_browsers_table = sa.Table(
    "unlocked_browsers", metadata,
    sa.Column("browser", sa.String(64), primary_key=True),
    sa.Column("until", sa.Float, nullable=False, index=True),
)

# migration 0009_checkin: check-in at the door of a workshop. One check-in per workshop (opened, closed,
# the office's information clause shown on the form, the day the names on its paper list are kept until,
# the batch its closing made, when its names were shredded); one row per person and check-in — the person's
# keyed pseudonym is part of the primary key, so two phones, a double tap or a retried request are one row
# by the database's own rule. Names are never here: they go to the check-in's files in the data folder.
checkins_table = sa.Table(
    "checkins", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer, nullable=False),
    sa.Column("opened_at", sa.DateTime, nullable=False),
    sa.Column("closed_at", sa.DateTime),
    sa.Column("clause", sa.Text, nullable=False),  # the office's RODO information clause, as the form showed it
    sa.Column("keep_until", sa.Date, nullable=False),  # the names are shredded after this day
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="SET NULL")),  # made at closing
    sa.Column("shredded_at", sa.DateTime),
    sa.Column("address", sa.Text),  # migration 0010_cards: the hall's address phones open (the poster's QR code)
    sa.UniqueConstraint("cycle", "workshop", name="uq_checkins_workshop"),
)
checkin_people_table = sa.Table(
    "checkin_people", metadata,
    sa.Column("checkin_id", sa.String(32), sa.ForeignKey("checkins.id", ondelete="CASCADE"), nullable=False),
    sa.Column("person", sa.String(40), nullable=False),  # the keyed pseudonym, as an imported list's
    sa.Column("institution", sa.Text),
    sa.Column("sector", sa.String(32), nullable=False),
    sa.Column("gmina", sa.String(16), nullable=False),
    sa.Column("channel", sa.String(8), nullable=False),  # desk | phone
    sa.Column("checked_at", sa.DateTime, nullable=False),
    # migration 0010_cards: a ballot card was given to this person (one per person) — never which card
    sa.Column("has_card", sa.Boolean, nullable=False, server_default=sa.false()),
    # migration 0013_survey_cards: a survey card was given to this person (one per person) — never which card
    sa.Column("has_survey_card", sa.Boolean, nullable=False, server_default=sa.false()),
    # migration 0011_attributes: optional gender and age group (``analysis.attributes``; NULL: not given)
    sa.Column("gender", sa.String(16)),
    sa.Column("age_group", sa.String(16)),
    sa.PrimaryKeyConstraint("checkin_id", "person"),
)

# migration 0012_survey: the partners' survey at a workshop (one per workshop; its set of statements by id,
# ``analysis.survey_statements``), answered with the workshop's ballot card. As the ballot box's two halves,
# an answer is two rows written in one transaction and never linked: "this card has answered" (the card's
# token hash is the primary key: one card, one answer, by the database; its sector) and "these scores were
# given" (a random key, the sector, the scores, the open answer; no card, no time). WITHOUT ROWID on SQLite,
# so the rows lie in the order of their keys, not of answering.
surveys_table = sa.Table(
    "surveys", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer, nullable=False),
    sa.Column("set_id", sa.String(64), nullable=False),
    sa.Column("opened_at", sa.DateTime, nullable=False),
    sa.Column("closed_at", sa.DateTime),
    sa.UniqueConstraint("cycle", "workshop", name="uq_surveys_workshop"),
)
survey_cards_answered_table = sa.Table(
    "survey_cards_answered", metadata,
    sa.Column("card", sa.String(64), primary_key=True),  # the ballot card's token hash
    sa.Column("survey_id", sa.String(32), sa.ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("sector", sa.String(32), nullable=False),
    sqlite_with_rowid=False,
)
survey_answers_table = sa.Table(
    "survey_answers", metadata,
    sa.Column("id", sa.String(32), primary_key=True),  # random (``secrets``): its order is no order of answering
    sa.Column("survey_id", sa.String(32), sa.ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("sector", sa.String(32), nullable=False),
    sa.Column("scores", sa.Text, nullable=False),  # 1–5 per statement in the set's order: "4 5 3 …"
    sa.Column("comment", sa.Text),  # the open question's answer, when given
    sqlite_with_rowid=False,
)

# migration 0013_survey_cards: the cards of a survey held at a workshop without a vote (printed on an A4 sheet, or
# made on a person's phone at the check-in), as the vote's cards: the token's and the short code's hashes, the
# survey, the sector — no time, no person. Such a card answers like a ballot card: its token hash is what
# ``survey_cards_answered`` keys. WITHOUT ROWID on SQLite: the rows lie in the order of their random keys.
survey_cards_table = sa.Table(
    "survey_cards", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("survey_id", sa.String(32), sa.ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("sector", sa.String(32), nullable=False),
    sqlite_with_rowid=False,
)
