"""The illustrative cycles shipped in ``sample_data/`` (2018, and 2019 in ``cykl_2019/``), and folders of spreadsheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.vocabulary import fold

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
# The sample tells the cycle as the office saw it the day after the Jabłonna workshop: three
# workshops held, Legionowo (with the vote on Jabłonna's proposals) next. Its schedule is read
# against this date, not today's, so its story does not age.
SAMPLE_AS_OF = dt.date(2018, 9, 14)
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")


def folder_paths(folder: Path) -> list[Path]:
    """The spreadsheets of a folder in a stable order (a schedule first)."""
    paths = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SPREADSHEET_SUFFIXES]
    return sorted(paths, key=lambda p: (not fold(p.name).startswith("harmonogram"), p.name))


def sample_paths() -> list[Path]:
    """The 2018 cycle's spreadsheets (and its gmina table)."""
    return folder_paths(SAMPLE_DIR)


def sample_imports() -> list[tuple[list[Path], str]]:
    """What seeding the sample imports, in order: (files read together, what to do with a workshop that
    already has its table: "ask" — it has none —, or "replace"). The 2018 cycle; the 2019 cycle, read
    against its own schedule; then a later 2019 proposals file replacing the first, so its changed
    statuses are recorded with their days (the proposals' history)."""
    later = SAMPLE_DIR / "cykl_2019"
    return [(sample_paths(), "ask"), (folder_paths(later), "ask"), (folder_paths(later / "pozniej"), "replace")]
