"""The store's tables as the program's newest schema has them (migrations bring older stores here).

Every change of these tables is a numbered migration in ``analysis/store/migrations/versions``;
``tests/analysis/test_migrations.py`` checks that the migrations and these tables agree.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
meta_table = sa.Table("meta", metadata, sa.Column("key", sa.String(64), primary_key=True),
                      sa.Column("value", sa.Text, nullable=False))
batches = sa.Table(
    "batches", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("sheet", sa.Text, nullable=False),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("problems", sa.Integer, nullable=False),
    sa.Column("imported_at", sa.DateTime, nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, default=False),
)
_TEXT = sa.Text
workshops_table = sa.Table(
    "workshops", metadata,
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False),
    sa.Column("date", sa.Date), sa.Column("gmina", _TEXT), sa.Column("venue", _TEXT), sa.Column("title", _TEXT),
)
attendance_table = sa.Table(
    "attendance", metadata,
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False),
    sa.Column("person", sa.String(40), nullable=False), sa.Column("institution", _TEXT),
    sa.Column("sector", sa.String(32), nullable=False), sa.Column("gmina", sa.String(16), nullable=False),
    sa.Column("role", _TEXT), sa.Column("group", _TEXT),
    sa.Column("replaced_by", sa.String(32), index=True),  # the batch that replaced this row (undo restores it)
)
proposals_table = sa.Table(
    "proposals", metadata,
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False),
    sa.Column("number", sa.Integer), sa.Column("group", _TEXT), sa.Column("area", sa.Integer),
    sa.Column("title", _TEXT), sa.Column("description", _TEXT), sa.Column("lead", _TEXT),
    sa.Column("lead_sector", sa.String(32)), sa.Column("partners", _TEXT), sa.Column("votes", sa.Integer),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("replaced_by", sa.String(32), index=True),
)


problems_table = sa.Table(  # migration 0002: what the importer reported about each saved sheet, with its code
    "problems", metadata,
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("row", sa.Integer), sa.Column("column", sa.Text, nullable=False),
    sa.Column("code", sa.String(48), nullable=False), sa.Column("message", sa.Text, nullable=False),
)
ROW_TABLES = {"workshops": workshops_table, "attendance": attendance_table, "proposals": proposals_table}

# migration 0003: votes at a workshop (ballot cards, ballots) and updates of proposals keyed by
# cycle, workshop and number (the votes and "wybrana do realizacji" of a saved vote's result)
votes_table = sa.Table(
    "votes", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer, nullable=False),  # the workshop the vote is held at
    sa.Column("max_choices", sa.Integer, nullable=False),
    sa.Column("address", sa.Text, nullable=False),  # where the cards' QR codes point (http://…:8501)
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("opened_at", sa.DateTime),
    sa.Column("closed_at", sa.DateTime),
    sa.Column("digest", sa.String(64)),  # SHA-256 of the ballot table when the vote was closed
)
vote_proposals_table = sa.Table(  # the proposals on the ballot, as they were when the vote was prepared
    "vote_proposals", metadata,
    sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer, nullable=False),  # the workshop that wrote the proposal
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("area", sa.Integer),
    sa.PrimaryKeyConstraint("vote_id", "position"),
)
vote_cards_table = sa.Table(  # a card is known only by hashes of its token and its short code
    "vote_cards", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("sector", sa.String(32), nullable=False),
    sa.Column("issued_at", sa.DateTime, nullable=False),
)
vote_ballots_table = sa.Table(  # one card, one ballot: the card is the primary key; the sector, never the person
    "vote_ballots", metadata,
    sa.Column("card", sa.String(64), sa.ForeignKey("vote_cards.token_hash", ondelete="CASCADE"), primary_key=True),
    sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("sector", sa.String(32), nullable=False),
    sa.Column("choices", sa.Text, nullable=False),  # positions on the ballot, ascending: "2 7 11"
    sa.Column("channel", sa.String(8), nullable=False),  # phone | paper
    sa.Column("cast_at", sa.DateTime, nullable=False),
)
proposal_updates_table = sa.Table(  # later facts about a proposal (votes, status), each saved in a batch
    "proposal_updates", metadata,
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("cycle", sa.String(32), nullable=False),
    sa.Column("workshop", sa.Integer, nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("votes", sa.Integer),
    sa.Column("status", sa.String(16)),
    sa.PrimaryKeyConstraint("batch_id", "cycle", "workshop", "number"),
)
