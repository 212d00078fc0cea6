"""Votes at a workshop: ballot cards (hashes only), ballots (one per card), updates of proposals.

Revision ID: 0003
Revises: 0002

``proposal_updates`` holds later facts about a proposal keyed by cycle, workshop and number, each
row in a batch (undo removes it): a saved vote's result sets the votes and "wybrana do realizacji".
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def _vote_id() -> sa.Column[str]:
    return sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "votes", sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False),
        sa.Column("max_choices", sa.Integer, nullable=False), sa.Column("address", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False), sa.Column("opened_at", sa.DateTime),
        sa.Column("closed_at", sa.DateTime), sa.Column("digest", sa.String(64)),
    )
    op.create_table(
        "vote_proposals", _vote_id(), sa.Column("position", sa.Integer, nullable=False),
        sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False), sa.Column("title", sa.Text, nullable=False),
        sa.Column("area", sa.Integer), sa.PrimaryKeyConstraint("vote_id", "position"),
    )
    op.create_table(
        "vote_cards", sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True), _vote_id(),
        sa.Column("sector", sa.String(32), nullable=False), sa.Column("issued_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_vote_cards_vote_id", "vote_cards", ["vote_id"])
    op.create_table(
        "vote_ballots",
        sa.Column("card", sa.String(64), sa.ForeignKey("vote_cards.token_hash", ondelete="CASCADE"), primary_key=True),
        _vote_id(), sa.Column("sector", sa.String(32), nullable=False),
        sa.Column("choices", sa.Text, nullable=False), sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("cast_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_vote_ballots_vote_id", "vote_ballots", ["vote_id"])
    op.create_table(
        "proposal_updates",
        sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False),
        sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False), sa.Column("date", sa.Date, nullable=False),
        sa.Column("votes", sa.Integer), sa.Column("status", sa.String(16)),
        sa.PrimaryKeyConstraint("batch_id", "cycle", "workshop", "number"),
    )
    op.create_index("ix_proposal_updates_batch_id", "proposal_updates", ["batch_id"])
