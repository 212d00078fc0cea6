"""The schema of the first stores (before migrations): batches, their rows and the meta table.

Revision ID: 0001
Revises: (none)

Stores made before migrations existed hold exactly this schema; they are stamped 0001 and go on
from here. The tables are spelled out as they were, not taken from ``schema.py``, which moves on.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def _rows_of_batch() -> list[sa.Column]:
    return [sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False),
            sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False)]


def upgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))
    op.create_table(
        "batches",
        sa.Column("id", sa.String(32), primary_key=True), sa.Column("file", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False), sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sheet", sa.Text, nullable=False), sa.Column("cycle", sa.String(32), nullable=False),
        sa.Column("workshop", sa.Integer), sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("problems", sa.Integer, nullable=False), sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("is_sample", sa.Boolean, nullable=False),
    )
    op.create_index("ix_batches_content_hash", "batches", ["content_hash"])
    op.create_table(
        "workshops", *_rows_of_batch(),
        sa.Column("date", sa.Date), sa.Column("gmina", sa.Text), sa.Column("venue", sa.Text),
        sa.Column("title", sa.Text),
    )
    op.create_table(
        "attendance", *_rows_of_batch(),
        sa.Column("person", sa.String(40), nullable=False), sa.Column("institution", sa.Text),
        sa.Column("sector", sa.String(32), nullable=False), sa.Column("gmina", sa.String(16), nullable=False),
        sa.Column("role", sa.Text), sa.Column("group", sa.Text), sa.Column("replaced_by", sa.String(32)),
    )
    op.create_table(
        "proposals", *_rows_of_batch(),
        sa.Column("number", sa.Integer), sa.Column("group", sa.Text), sa.Column("area", sa.Integer),
        sa.Column("title", sa.Text), sa.Column("description", sa.Text), sa.Column("lead", sa.Text),
        sa.Column("lead_sector", sa.String(32)), sa.Column("partners", sa.Text), sa.Column("votes", sa.Integer),
        sa.Column("status", sa.String(16), nullable=False), sa.Column("replaced_by", sa.String(32)),
    )
    for table in ("workshops", "attendance", "proposals"):
        op.create_index(f"ix_{table}_batch_id", table, ["batch_id"])
    for table in ("attendance", "proposals"):
        op.create_index(f"ix_{table}_replaced_by", table, ["replaced_by"])
