"""The ballot card that comes with the check-in, and the hall's address kept with the check-in.

Revision ID: 0010_cards
Revises: 0009_checkin

- ``vote_cards.handed_out``: the card was given to a person at the check-in (made on the phone at
  self check-in, or a printed card the desk scanned); which person is nowhere. Cards already stored
  were not (false).
- ``checkin_people.has_card``: this person was given a ballot card (one per person); which card is
  nowhere. People already checked in were not (false).
- ``checkins.address``: the hall's address the poster's QR code points at, kept when the check-in is
  opened (none for a check-in opened before).
- On SQLite ``vote_cards`` is rebuilt WITHOUT ROWID, like the ballot box's other halves: its rows
  then lie in the order of their random keys, and a card made at the moment a person checked in
  keeps no row number that pairs it with that person's row. The old table's pages are zeroed
  (``secure_delete``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_cards"
down_revision = "0009_checkin"

_COLUMNS = ("token_hash", "code_hash", "vote_id", "sector", "issued_at", "handed_out")


def _cards_table(name: str, with_rowid: bool) -> None:
    op.create_table(
        name,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sector", sa.String(32), nullable=False),
        sa.Column("issued_at", sa.DateTime, nullable=False),
        sa.Column("handed_out", sa.Boolean, nullable=False, server_default=sa.false()),
        sqlite_with_rowid=with_rowid,
    )


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("checkins", sa.Column("address", sa.Text))
    op.add_column("checkin_people", sa.Column("has_card", sa.Boolean, nullable=False, server_default=sa.false()))
    if bind.dialect.name != "sqlite":
        op.add_column("vote_cards", sa.Column("handed_out", sa.Boolean, nullable=False, server_default=sa.false()))
        return
    # SQLite: a new table WITHOUT ROWID, the rows copied in the order of their keys, the old one dropped (the
    # migration runs with foreign keys off: vote_cards_voted's rows keep pointing at the cards by their name)
    secure = bind.exec_driver_sql("PRAGMA secure_delete").scalar()
    bind.exec_driver_sql("PRAGMA secure_delete = ON")
    _cards_table("vote_cards_new", with_rowid=False)
    kept = ", ".join(_COLUMNS[:-1])
    bind.exec_driver_sql(f"INSERT INTO vote_cards_new ({kept}, handed_out) SELECT {kept}, 0 FROM vote_cards "
                         "ORDER BY token_hash")
    op.drop_index("ix_vote_cards_vote_id", table_name="vote_cards")
    op.drop_table("vote_cards")
    op.rename_table("vote_cards_new", "vote_cards")
    op.create_index("ix_vote_cards_vote_id", "vote_cards", ["vote_id"])
    bind.exec_driver_sql(f"PRAGMA secure_delete = {int(secure or 0)}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _cards_table("vote_cards_old", with_rowid=True)
        kept = ", ".join(_COLUMNS)
        bind.exec_driver_sql(f"INSERT INTO vote_cards_old ({kept}) SELECT {kept} FROM vote_cards")
        op.drop_index("ix_vote_cards_vote_id", table_name="vote_cards")
        op.drop_table("vote_cards")
        op.rename_table("vote_cards_old", "vote_cards")
        op.create_index("ix_vote_cards_vote_id", "vote_cards", ["vote_id"])
    op.drop_column("vote_cards", "handed_out")
    op.drop_column("checkin_people", "has_card")
    op.drop_column("checkins", "address")
