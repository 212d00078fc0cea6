"""Check-in at the door of a workshop: the check-in and one row per person checked in.

Revision ID: 0009_checkin
Revises: 0008_localities

A check-in per workshop (unique cycle and workshop): when it was opened and closed, the office's
information clause, the day its names are kept until, the batch its closing made (SET NULL when that
batch is undone) and when its names were shredded. A person checked in is their keyed pseudonym (never
a name) with institution, sector, gmina and channel; the pseudonym is part of the primary key, so the
same person twice is one row by the database's own rule.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_checkin"
down_revision = "0008_localities"


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("cycle", sa.String(32), nullable=False),
        sa.Column("workshop", sa.Integer, nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("closed_at", sa.DateTime),
        sa.Column("clause", sa.Text, nullable=False),
        sa.Column("keep_until", sa.Date, nullable=False),
        sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="SET NULL")),
        sa.Column("shredded_at", sa.DateTime),
        sa.UniqueConstraint("cycle", "workshop", name="uq_checkins_workshop"),
    )
    op.create_table(
        "checkin_people",
        sa.Column("checkin_id", sa.String(32), sa.ForeignKey("checkins.id", ondelete="CASCADE"), nullable=False),
        sa.Column("person", sa.String(40), nullable=False),
        sa.Column("institution", sa.Text),
        sa.Column("sector", sa.String(32), nullable=False),
        sa.Column("gmina", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("checked_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("checkin_id", "person"),
    )


def downgrade() -> None:
    op.drop_table("checkin_people")
    op.drop_table("checkins")
