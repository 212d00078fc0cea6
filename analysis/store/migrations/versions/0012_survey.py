"""The partners' survey at a workshop: the survey, the cards that answered, the answers (never linked).

Revision ID: 0012_survey
Revises: 0011_attributes

- ``surveys``: one per workshop (cycle, workshop unique), its set of statements by id, opened and closed.
- ``survey_cards_answered``: the ballot card's token hash as the primary key (one card, one answer, by the
  database) and its sector.
- ``survey_answers``: a random key, the sector, the scores, the open answer — no card, no time.
Both halves WITHOUT ROWID on SQLite, as the ballot box's. New tables only: nothing stored changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_survey"
down_revision = "0011_attributes"


def _survey_id() -> sa.Column:
    return sa.Column("survey_id", sa.String(32), sa.ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "surveys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("cycle", sa.String(32), nullable=False),
        sa.Column("workshop", sa.Integer, nullable=False),
        sa.Column("set_id", sa.String(64), nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("closed_at", sa.DateTime),
        sa.UniqueConstraint("cycle", "workshop", name="uq_surveys_workshop"),
    )
    op.create_table(
        "survey_cards_answered", sa.Column("card", sa.String(64), primary_key=True), _survey_id(),
        sa.Column("sector", sa.String(32), nullable=False), sqlite_with_rowid=False)
    op.create_index("ix_survey_cards_answered_survey_id", "survey_cards_answered", ["survey_id"])
    op.create_table(
        "survey_answers", sa.Column("id", sa.String(32), primary_key=True), _survey_id(),
        sa.Column("sector", sa.String(32), nullable=False), sa.Column("scores", sa.Text, nullable=False),
        sa.Column("comment", sa.Text), sqlite_with_rowid=False)
    op.create_index("ix_survey_answers_survey_id", "survey_answers", ["survey_id"])


def downgrade() -> None:
    op.drop_index("ix_survey_answers_survey_id", table_name="survey_answers")
    op.drop_table("survey_answers")
    op.drop_index("ix_survey_cards_answered_survey_id", table_name="survey_cards_answered")
    op.drop_table("survey_cards_answered")
    op.drop_table("surveys")
