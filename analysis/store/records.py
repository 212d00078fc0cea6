"""What the store hands out and takes in: a batch, an upload, a conflict, an import's outcome, an update.

Plain values, no database: the store's modules and its callers share them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import sqlalchemy as sa

from analysis.errors import UserError
from analysis.tables import FileResult


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Batch:
    id: str
    file: str
    kind: str
    sheet: str
    cycle: str
    workshop: int | None
    rows: int
    problems: int
    imported_at: dt.datetime
    is_sample: bool
    content_hash: str = field(default="", repr=False)  # how the same file is recognised again

    @classmethod
    def from_row(cls, row: sa.RowMapping) -> Batch:
        """The batch of a row of the ``batches`` table."""
        return cls(row["id"], row["file"], row["kind"], row["sheet"], row["cycle"], row["workshop"], row["rows"],
                   row["problems"], row["imported_at"], bool(row["is_sample"]), row["content_hash"])

    def row(self, content_hash: str) -> dict[str, object]:
        """The batch as a row of the ``batches`` table, recognised by ``content_hash``."""
        return {"id": self.id, "file": self.file, "content_hash": content_hash, "kind": self.kind, "sheet": self.sheet,
                "cycle": self.cycle, "workshop": self.workshop, "rows": self.rows, "problems": self.problems,
                "imported_at": self.imported_at, "is_sample": self.is_sample}

    def as_dict(self) -> dict[str, object]:
        sheet = "" if self.kind == "votes" else self.sheet  # a saved vote's "sheet" is the vote's internal id
        return {"id": self.id, "file": self.file, "kind": self.kind, "sheet": sheet, "cycle": self.cycle,
                "workshop": self.workshop, "rows": self.rows, "problems": self.problems,
                "imported_at": self.imported_at.replace(microsecond=0).isoformat(), "sample": self.is_sample}


@dataclass(frozen=True)
class Conflict:
    """A list (or proposals) for a workshop that already has one, in the store or in the same upload."""

    file: str
    sheet: str
    kind: str
    cycle: str
    workshop: int
    existing: tuple[Batch, ...]  # the stored batches it would join or replace
    other_file: str | None = None  # another file of the same upload, when that is the clash

    def sentence(self) -> str:
        what = "listę obecności" if self.kind == "attendance" else "propozycje"
        if self.other_file:
            return (f"pliki „{self.other_file}” i „{self.file}” w tym imporcie zawierają {what} "
                    f"tego samego warsztatu {self.workshop}")
        first = self.existing[0]
        return (f"warsztat {self.workshop} ma już {what} z pliku „{first.file}” "
                f"(zaimportowany {first.imported_at:%d.%m.%Y %H:%M})")


class ConflictError(UserError):
    def __init__(self, conflicts: list[Conflict]) -> None:
        names = "; ".join(c.sentence() for c in conflicts)
        super().__init__(f"Nic nie zapisano: {names}. Wybierz: dopisać nowe dane do istniejących, "
                         "zastąpić istniejące albo anulować.", "conflict")
        self.conflicts = conflicts


@dataclass
class ImportOutcome:
    saved: list[Batch] = field(default_factory=list)
    duplicates: list[tuple[str, Batch]] = field(default_factory=list)  # (file, the batch it repeats)
    replaced: list[Batch] = field(default_factory=list)
    sample_removed: bool = False


@dataclass
class ImportPreview:
    """What saving would do, asked before saving (``Store.preview``)."""

    duplicates: list[tuple[str, Batch]]
    conflicts: list[Conflict]
    sample_removed: bool


@dataclass(frozen=True)
class Upload:
    """One file to import: its name, its bytes' hash and what the importer read from it."""

    file: str
    content_hash: str
    result: FileResult


@dataclass(frozen=True)
class ProposalUpdate:
    """A later fact about a stored proposal (cycle, workshop, number): its votes, its status, or both.

    None leaves that fact as it was (a vote's result without "wybrana do realizacji" keeps the status).
    """

    cycle: str
    workshop: int
    number: int
    votes: int | None = None
    status: str | None = None


@dataclass(frozen=True)
class CheckInRow:
    """A workshop's check-in at the door as the store holds it (``analysis.checkin`` gives it its rules)."""

    id: str
    cycle: str
    workshop: int
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    clause: str  # the office's RODO information clause, as the form shows it
    keep_until: dt.date  # the names are shredded after this day
    batch_id: str | None  # the attendance batch its closing made
    shredded_at: dt.datetime | None
    address: str | None = None  # the hall's address phones open (the poster's QR code), kept when it was opened


@dataclass(frozen=True)
class CheckedInRow:
    """One person checked in, as the store holds them: a keyed pseudonym, never a name."""

    checkin_id: str
    person: str
    institution: str | None
    sector: str
    gmina: str
    channel: str  # desk | phone
    checked_at: dt.datetime
    has_card: bool = False  # a ballot card was given to this person (never which one)
    gender: str | None = None  # optional (``analysis.attributes``); None: not given
    age_group: str | None = None
