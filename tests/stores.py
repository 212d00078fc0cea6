"""What the store tests share: a store on SQLite and on PostgreSQL, files to import, row counts."""

from __future__ import annotations

import sqlalchemy as sa

from analysis.reading.importer import read_files
from analysis.store import Store, Upload, content_hash
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
