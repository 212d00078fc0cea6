"""Settings read from the environment, with safe defaults."""

from __future__ import annotations

import os

DEFAULT_MAX_UPLOAD_MB = 20


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if value > 0 else default


def max_upload_mb() -> int:
    """Largest file accepted, in megabytes (``PARTNERSTWO_MAX_UPLOAD_MB``, default 20)."""
    return _positive_int("PARTNERSTWO_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)


def max_upload_bytes() -> int:
    return max_upload_mb() * 1024 * 1024


# Limits that keep a hostile or broken file from exhausting the machine.
MAX_ROWS_PER_SHEET = 300_000
MAX_COLUMNS = 200
MAX_SHEETS = 100
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # declared size of all parts of an xlsx/ods
MAX_COMPRESSION_RATIO = 250  # honest spreadsheets compress 5-30 times, bombs thousands
READER_MEMORY_BYTES = 1536 * 1024 * 1024  # address space of the reading process
READER_TIMEOUT_SECONDS = 60
