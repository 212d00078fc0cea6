"""The gmina table: residents of each gmina of a cycle's partnership, with the year and source of the figure.

Revision ID: 0005_gminas
Revises: 0004_targets

Each row belongs to a batch (an uploaded gmina table or an edit on the page; undo removes it); the
newest batch's row for a cycle and gmina is the one in force. Participants per 10 000 residents are
computed from it (``analysis.metrics``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_gminas"
down_revision = "0004_targets"


def upgrade() -> None:
    op.create_table(
        "gminas",
        sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False,
                  index=True),  # ix_gminas_batch_id, as in the schema
        sa.Column("cycle", sa.String(32), nullable=False),
        sa.Column("gmina", sa.String(16), nullable=False),
        sa.Column("population", sa.Integer),
        sa.Column("year", sa.Integer),
        sa.Column("source", sa.Text),
    )
