"""Optional personal attributes: gender and age group of the people on an attendance list or at the check-in.

Revision ID: 0011_attributes
Revises: 0010_cards

- ``attendance.gender``, ``attendance.age_group``: codes of ``analysis.attributes`` or NULL (not given); rows
  already stored were imported without them: NULL.
- ``checkin_people.gender``, ``checkin_people.age_group``: the same, given at the check-in; they go into the
  attendance batch the check-in closes into (never onto the paper list of names).
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_attributes"
down_revision = "0010_cards"

_TABLES = ("attendance", "checkin_people")
_COLUMNS = ("gender", "age_group")


def upgrade() -> None:
    for table in _TABLES:
        for column in _COLUMNS:
            op.add_column(table, sa.Column(column, sa.String(16)))


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            for column in reversed(_COLUMNS):
                batch.drop_column(column)
