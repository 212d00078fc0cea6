"""The office's target mix of sectors and gminas for a cycle (whom to invite next).

Revision ID: 0004_targets
Revises: 0003

One row per cycle, kind (sector | gmina) and code: the share (0–1) the office aims at. The page
"Kogo zaprosić" edits them; a cycle without rows compares with the cycle so far.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_targets"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "targets",
        sa.Column("cycle", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("cycle", "kind", "code"),
    )


def downgrade() -> None:
    op.drop_table("targets")
