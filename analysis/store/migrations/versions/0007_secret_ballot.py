"""The secret ballot: "this card has voted" apart from "these choices were cast"; a closed vote sealed whole.

Revision ID: 0007_secret_ballot
Revises: 0005_gminas

``vote_ballots`` held one row per card (the card, its sector, its choices, the time): whoever kept
the card file could read a person's vote. Each row becomes two unlinked ones: the card in
``vote_cards_voted`` (its primary key: one card, one ballot; its sector) and the choices in a new
``vote_ballots`` under a random key, without the card or the time — both WITHOUT ROWID on SQLite,
written in the order of their keys, the old table's pages zeroed (``secure_delete``). No tally
changes: every ballot keeps its sector, choices and channel.

A vote closed before this migration was sealed by the SHA-256 of its ballot table alone (rule 1),
which needs the link to recompute. It is checked here one last time, and the vote's whole record
is sealed (``analysis.voting.seal``, made "at migration", signed with the store's key when the
store has one) with the earlier digest and whether the ballots still matched it. The seal's rule 2 is
spelled out here as it was when this migration was written (a migration is a frozen snapshot: it
never follows the program's code), so an old store is sealed the same way whatever comes later.
"""

import datetime as dt
import hashlib
import hmac
import json
import secrets

import sqlalchemy as sa
from alembic import context, op

revision = "0007_secret_ballot"
down_revision = "0006_hall_guard"

_votes = sa.table("votes", sa.column("id", sa.String), sa.column("cycle", sa.String),
                  sa.column("workshop", sa.Integer), sa.column("max_choices", sa.Integer),
                  sa.column("opened_at", sa.DateTime), sa.column("closed_at", sa.DateTime),
                  sa.column("digest", sa.String), sa.column("seal", sa.Text))
_old_ballots = sa.table("vote_ballots", sa.column("card", sa.String), sa.column("vote_id", sa.String),
                        sa.column("sector", sa.String), sa.column("choices", sa.Text), sa.column("channel", sa.String))
_cards = sa.table("vote_cards", sa.column("token_hash", sa.String), sa.column("code_hash", sa.String),
                  sa.column("vote_id", sa.String), sa.column("sector", sa.String))
_proposals = sa.table("vote_proposals", sa.column("vote_id", sa.String), sa.column("position", sa.Integer),
                      sa.column("cycle", sa.String), sa.column("workshop", sa.Integer),
                      sa.column("number", sa.Integer), sa.column("title", sa.Text), sa.column("area", sa.Integer))


def _vote_id() -> sa.Column[str]:
    return sa.Column("vote_id", sa.String(32), sa.ForeignKey("votes.id", ondelete="CASCADE"), nullable=False)


def _rule_1(vote_id: str, ballots: list[sa.Row]) -> str:
    """The digest closing recorded before: the vote's id, then ``card;sector;positions;channel`` by card."""
    lines = [f"vote;{vote_id}"] + [
        f"{b.card};{b.sector};{' '.join(str(int(p)) for p in str(b.choices).split())};{b.channel}"
        for b in sorted(ballots, key=lambda b: (b.card, b.sector, b.choices, b.channel))]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# --- the seal, rule 2, as ``analysis.voting.seal`` made it when this migration was written ---------------

_RULE_LINE = "partnerstwo: zapis głosowania, reguła 2"
_PARTS = ("settings", "ballot", "cards", "times", "ballots")
_KEY_LABEL = b"partnerstwo: vote seal key, v1"


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat(sep=" ", timespec="microseconds")


def _positions(choices: str) -> list[int]:
    return sorted(int(p) for p in str(choices).split())


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _seal(vote: sa.Row, choices: list[sa.Row], cards: list[tuple[str, str, str, bool]],
          ballots: list[tuple[str, str, str]], key: bytes | None, sealed_at: dt.datetime,
          earlier: dict[str, object]) -> tuple[str, str]:
    """The vote's digest and its seal (JSON): the parts' digests, a summary, and an HMAC under the store's key."""
    ballot = sorted(choices, key=lambda c: int(c.position))
    rows: dict[str, list[list[object]]] = {
        "settings": [[vote.id, vote.cycle, int(vote.workshop), int(vote.max_choices)]],
        "ballot": [[int(c.position), c.cycle, int(c.workshop), int(c.number), c.title,
                    None if c.area is None else int(c.area)] for c in ballot],
        "cards": [list(c) for c in sorted(cards, key=lambda c: c[0])],
        "times": [[_when(vote.opened_at), _when(vote.closed_at)]],
        "ballots": [list(b) for b in sorted((str(s), " ".join(str(p) for p in _positions(c)), str(ch))
                                            for s, c, ch in ballots)],
    }
    parts = {name: _sha256("\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in part))
             for name, part in rows.items()}
    digest = _sha256("\n".join([_RULE_LINE, *(f"{name} {parts.get(name, '')}" for name in _PARTS)]))
    by_sector: dict[str, list[int]] = {}
    for _, _, sector, voted in cards:
        issued = by_sector.setdefault(sector, [0, 0])
        issued[0] += 1
        issued[1] += int(voted)
    cast: dict[str, int] = {}
    for sector, _, _ in ballots:
        cast[sector] = cast.get(sector, 0) + 1
    summary = {"opened": _when(vote.opened_at), "closed": _when(vote.closed_at), "positions": len(choices),
               "ballot": [[int(c.position), int(c.workshop), int(c.number)] for c in ballot],
               "cards": dict(sorted(by_sector.items())), "ballots": dict(sorted(cast.items()))}
    seal_key = None if key is None else hmac.new(key, _KEY_LABEL, hashlib.sha256).digest()
    fields: dict[str, object] = {
        "rule": 2, "made": "migration", "sealed_at": _when(sealed_at), "digest": digest, "parts": parts,
        "summary": summary, "earlier": earlier,
        "key": hmac.new(seal_key, b"fingerprint", hashlib.sha256).hexdigest()[:16] if key and seal_key else None}
    body = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    mac = None if seal_key is None else hmac.new(seal_key, body.encode("utf-8"), hashlib.sha256).hexdigest()
    return digest, json.dumps(fields | {"mac": mac}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        secure = bind.exec_driver_sql("PRAGMA secure_delete").scalar()
        bind.exec_driver_sql("PRAGMA secure_delete = ON")  # the dropped table's pages are zeroed, not left behind
    old = bind.execute(sa.select(_old_ballots)).all()
    votes = bind.execute(sa.select(_votes.c.id, _votes.c.cycle, _votes.c.workshop, _votes.c.max_choices,
                                   _votes.c.opened_at, _votes.c.closed_at, _votes.c.digest)).all()
    op.drop_index("ix_vote_ballots_vote_id", table_name="vote_ballots")
    op.drop_table("vote_ballots")
    op.create_table(
        "vote_cards_voted",
        sa.Column("card", sa.String(64), sa.ForeignKey("vote_cards.token_hash", ondelete="CASCADE"), primary_key=True),
        _vote_id(), sa.Column("sector", sa.String(32), nullable=False), sqlite_with_rowid=False,
    )
    op.create_index("ix_vote_cards_voted_vote_id", "vote_cards_voted", ["vote_id"])
    op.create_table(
        "vote_ballots", sa.Column("id", sa.String(32), primary_key=True), _vote_id(),
        sa.Column("sector", sa.String(32), nullable=False), sa.Column("choices", sa.Text, nullable=False),
        sa.Column("channel", sa.String(8), nullable=False), sqlite_with_rowid=False,
    )
    op.create_index("ix_vote_ballots_vote_id", "vote_ballots", ["vote_id"])
    op.add_column("votes", sa.Column("seal", sa.Text))
    voted = sa.table("vote_cards_voted", sa.column("card"), sa.column("vote_id"), sa.column("sector"))
    ballots = sa.table("vote_ballots", sa.column("id"), sa.column("vote_id"), sa.column("sector"),
                       sa.column("choices"), sa.column("channel"))
    if old:  # in the order of their keys: nothing keeps the order of the old rows
        bind.execute(voted.insert(), sorted(({"card": b.card, "vote_id": b.vote_id, "sector": b.sector} for b in old),
                                            key=lambda r: r["card"]))
        bind.execute(ballots.insert(), sorted(({"id": secrets.token_hex(16), "vote_id": b.vote_id, "sector": b.sector,
                                                "choices": b.choices, "channel": b.channel} for b in old),
                                              key=lambda r: r["id"]))
    key = context.config.attributes.get("seal_key")
    now = dt.datetime.now()
    for vote in votes:
        if vote.closed_at is None:
            continue
        of_vote = [b for b in old if b.vote_id == vote.id]
        voted_cards = {b.card for b in of_vote}
        cards = [(c.token_hash, c.code_hash, c.sector, c.token_hash in voted_cards)
                 for c in bind.execute(sa.select(_cards).where(_cards.c.vote_id == vote.id))]
        choices = list(bind.execute(sa.select(_proposals).where(_proposals.c.vote_id == vote.id)))
        earlier: dict[str, object] = {"rule": 1, "digest": vote.digest,
                                      "matched": vote.digest == _rule_1(vote.id, of_vote)}
        digest, sealed = _seal(vote, choices, cards, [(b.sector, b.choices, b.channel) for b in of_vote], key, now,
                               earlier)
        bind.execute(_votes.update().where(_votes.c.id == vote.id).values(digest=digest, seal=sealed))
    if sqlite:
        bind.exec_driver_sql(f"PRAGMA secure_delete = {int(secure or 0)}")
