"""The problems the importer reported about each saved sheet, kept with their codes.

Revision ID: 0002
Revises: 0001

Until now only their number was kept (``batches.problems``); the history can now show them again.
Sheets saved before this migration keep their count and have no problem rows.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "problems",
        sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False),
        sa.Column("row", sa.Integer), sa.Column("column", sa.Text, nullable=False),
        sa.Column("code", sa.String(48), nullable=False), sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_problems_batch_id", "problems", ["batch_id"])
