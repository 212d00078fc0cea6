"""What the store tests share: a store on SQLite and on PostgreSQL, files to import, row counts."""

from __future__ import annotations

import sqlalchemy as sa

from analysis.reading.importer import read_files
from analysis.store import Store, Upload, content_hash
from analysis.voting.ballot_box import Choice, Votes
from tests import fixtures as fx

KEY = b"k" * 32


def store_at(url: str) -> Store:
    store = Store(url, key=KEY)
    store.ensure_schema()
    return store


def upload(name: str, data: bytes, workshop: int | None = None) -> Upload:
    [result] = read_files([(name, data)], workshop=workshop)
    return Upload(name, content_hash(data), result)


def attendance(names: list[str], title: str = "Lista obecności – warsztat 2") -> bytes:
    rows = [[title], ["Lp.", "Imię i nazwisko", "Instytucja", "Sektor", "E-mail", "Telefon"],
            *[[i, n, "Urząd Gminy Serock", "JST", f"osoba{i}@example.org", "600 100 200"] for i, n in enumerate(names)]]
    return fx.xlsx_bytes({"Lista": rows})


def counts(store: Store) -> tuple[int, int, int, int]:
    with store.engine.connect() as conn:
        return tuple(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()  # type: ignore[return-value]
                     for t in ("batches", "attendance", "proposals", "workshops"))


def sample_ballot(store: Store) -> list[Choice]:
    """The sample's 2018 proposals to vote on (the 15 written in Jabłonna) as a ballot's choices."""
    import pandas as pd

    proposals = store.dataset().proposals
    rows = proposals[(proposals["status"] == "to_vote") & (proposals["cycle"] == "2018")]
    return [Choice(0, str(c), int(w), int(n), str(t), None if pd.isna(a) else int(a))
            for c, w, n, t, a in zip(rows["cycle"], rows["workshop"], rows["number"], rows["title"], rows["area"],
                                     strict=True)]


def sample_vote(store: Store) -> tuple[Votes, str]:
    """A vote on the sample's 2018 proposals to vote on (Legionowo), one ballot, closed, its result saved."""
    from analysis.voting import codes

    choices = sample_ballot(store)
    votes = Votes(store)
    vote = votes.create("2018", 4, choices, 3, "http://192.168.1.20:8501")
    [card] = votes.issue_cards(vote.id, "ngo", 1)
    votes.open(vote.id)
    votes.cast(vote.id, codes.token_hash(card.token), [1, 2])
    votes.close(vote.id)
    votes.save_result(vote.id, {1})
    return votes, vote.id
