"""The cards of a survey held without a vote, and the survey card given with a check-in.

Revision ID: 0013_survey_cards
Revises: 0012_survey

- ``survey_cards``: a survey's own cards (printed, or made on a phone at the check-in) as the vote's: the token's
  and the short code's hashes, the survey, the sector; no time, no person. WITHOUT ROWID on SQLite.
- ``checkin_people.has_survey_card``: this person was given a survey card (one per person); which card is
  nowhere. People already checked in were not (false).
New table and a column with a default: nothing stored changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_survey_cards"
down_revision = "0012_survey"


def upgrade() -> None:
    op.create_table(
        "survey_cards",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("survey_id", sa.String(32), sa.ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sector", sa.String(32), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_survey_cards_survey_id", "survey_cards", ["survey_id"])
    op.add_column("checkin_people", sa.Column("has_survey_card", sa.Boolean, nullable=False,
                                              server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("checkin_people", "has_survey_card")
    op.drop_index("ix_survey_cards_survey_id", table_name="survey_cards")
    op.drop_table("survey_cards")
