"""Wrong guesses and unlocked browsers in the store, so that several dashboard processes share them.

Revision ID: 0006_hall_guard
Revises: 0005_gminas

``guard_failures``: wrong tries of the office's password or a card's code, counted per key (a
browser, a client address) — only the key's SHA-256 is kept. ``unlocked_browsers``: the browsers the
office's password unlocked (the SHA-256 of the browser's cookie, never the cookie) and until when.
Both hold only what expires: nothing of the data is in them, and emptying them is always safe.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_hall_guard"
down_revision = "0005_gminas"


def upgrade() -> None:
    op.create_table(
        "guard_failures",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_at", sa.Float, nullable=False),
    )
    op.create_index("ix_guard_failures_last_at", "guard_failures", ["last_at"])
    op.create_table(
        "unlocked_browsers",
        sa.Column("browser", sa.String(64), primary_key=True),
        sa.Column("until", sa.Float, nullable=False),
    )
    op.create_index("ix_unlocked_browsers_until", "unlocked_browsers", ["until"])


def downgrade() -> None:
    op.drop_table("unlocked_browsers")
    op.drop_table("guard_failures")
