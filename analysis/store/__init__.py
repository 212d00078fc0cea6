"""The store: the one door through which the program keeps and reads its data (``Store``).

- ``store``: the ``Store`` and ``open_store`` — every read and write of the others goes through it;
  ``Store.transaction()`` is the write transaction offered to code outside (a vote's tables).
- ``records``: the values it hands out and takes in (``Batch``, ``Upload``, ``ProposalUpdate``, …).
- ``engine``: the database, the write lock, the data stamp, what a database error means.
- ``batches``: the import rules (all or nothing, duplicates, add or replace), undo, the history.
- ``updates``: later votes and statuses of proposals (``proposal_updates``: a vote's result, a page's edit).
- ``edits``: the office's edits on the pages (a gmina table, a locality's gmina, a target mix), checked.
- ``checkins``: the check-ins at the door and the people checked in (their rules: ``analysis.checkin``).
- ``surveys``: the partners' surveys, the cards that answered, the answers (their rules: ``analysis.survey``).
- ``reads``: the dataset and the schedule as the store holds them; ``snapshot``: the dataset kept on disk.
- ``sample_cycle``: the sample a new store starts with.
- ``schema``: the tables of the newest schema; ``migrations/``: numbered Alembic migrations;
  ``migrate``: brings an older store to the newest schema when it is opened.
- ``location``: where the store is (data folder or ``DATABASE_URL``), refused when it cannot be one.
"""

from analysis.store.engine import insert_new, storage_error, store_url
from analysis.store.records import (
    Batch,
    CheckedInRow,
    CheckInRow,
    Conflict,
    ConflictError,
    ImportOutcome,
    ImportPreview,
    ProposalUpdate,
    Upload,
    content_hash,
)
from analysis.store.store import Store, open_store
from analysis.store.surveys import SurveyRow

__all__ = ["insert_new", "Batch", "CheckInRow", "CheckedInRow", "Conflict", "ConflictError", "ImportOutcome", "ImportPreview",
           "ProposalUpdate", "Store", "SurveyRow", "Upload", "content_hash", "open_store", "storage_error", "store_url"]
