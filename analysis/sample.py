"""The illustrative 2018 cycle shipped in ``sample_data/``."""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")


def sample_paths() -> list[Path]:
    """The sample spreadsheets, in a stable order (the schedule first)."""
    paths = [p for p in SAMPLE_DIR.iterdir() if p.suffix.lower() in SPREADSHEET_SUFFIXES]
    return sorted(paths, key=lambda p: (not p.name.startswith("harmonogram"), p.name))


def sample_version() -> str:
    """Changes whenever a sample file changes: the key of cached loaders."""
    return "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sample_paths())
