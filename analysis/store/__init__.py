"""The store: schema and migrations, batches with their import rules, undo, the sample cycle.

- ``schema``: the tables of the newest schema; ``migrations/``: numbered Alembic migrations.
- ``migrate``: brings an older store to the newest schema when it is opened.
- ``location``: where the store is (data folder or ``DATABASE_URL``), refused when it cannot be one.
- ``store``: the ``Store`` (import all or nothing, duplicates, add/replace, undo, history).
"""

from analysis.store.store import (
    Batch,
    Conflict,
    ConflictError,
    ImportOutcome,
    ImportPreview,
    Store,
    Upload,
    content_hash,
    open_store,
    storage_error,
    store_url,
)

__all__ = ["Batch", "Conflict", "ConflictError", "ImportOutcome", "ImportPreview", "Store", "Upload", "content_hash",
           "open_store", "storage_error", "store_url"]
