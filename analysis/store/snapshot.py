"""A copy of the dashboard's dataset on disk, so a server that starts again reads it in a moment.

Loading a million attendance rows from the database takes seconds (and, row by row, much memory);
the same frames in Arrow files read in a tenth of a second. A snapshot is named by the store (a
hash of its address) and by the store's stamp (``meta.data_stamp``, a new random value with every
saved or undone batch, vote or edit), and it records how many rows the store had: a snapshot is used
only while the store still has that stamp and those counts, so it can never show data the store no
longer has. Snapshots live in ``<data folder>/cache/``; a write removes the store's older ones.
Deleting the folder is always safe (the next start rebuilds it); it needs no backup.

Arrow IPC files (pyarrow, which Streamlit already depends on) keep every column's type — the
categories, the nullable integers, the dates — and, unlike pickle, reading one runs no code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
import uuid
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.dataset import Dataset

FOLDER = "cache"
FRAMES = ("workshops", "attendance", "proposals", "targets", "gminas", "status_events")
FORMAT = 2  # bump when what a snapshot holds changes: older ones are then ignored and removed


def folder() -> Path:
    return config.data_folder() / FOLDER


def _prefix(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:16] + "-"


def _path(url: str, stamp: str) -> Path:
    return folder() / f"{_prefix(url)}{stamp}"


def load(url: str, stamp: str, counts: dict[str, int]) -> Dataset | None:
    """The snapshot of the store at ``url`` with ``stamp`` and these row counts, or None (none, or unusable)."""
    import pyarrow.feather as feather

    path = _path(url, stamp)
    try:
        if not path.is_dir():
            return None
        about = json.loads((path / "about.json").read_text(encoding="utf-8"))
        if about.get("format") != FORMAT or about.get("counts") != counts:
            return None
        frames = {name: feather.read_feather(path / f"{name}.arrow") for name in FRAMES}
        as_of = dt.date.fromisoformat(about["as_of"]) if about.get("as_of") else None
        return Dataset(frames["workshops"], frames["attendance"], frames["proposals"], bool(about["is_sample"]),
                       as_of, frames["targets"], gminas=frames["gminas"], status_events=frames["status_events"])
    except Exception:  # noqa: BLE001 — a damaged or half-removed snapshot: read the store instead
        return None


def save(url: str, stamp: str, counts: dict[str, int], dataset: Dataset) -> None:
    """Write the snapshot (into a new folder renamed into place: readers never see half of one) and remove
    the store's older snapshots. A folder that cannot be written leaves the dashboard as it is."""
    import pyarrow.feather as feather

    target = _path(url, stamp)
    partial = target.with_name(f".{target.name}-{uuid.uuid4().hex}")
    try:
        partial.mkdir(parents=True)
        for name in FRAMES:
            frame = getattr(dataset, name)
            feather.write_feather(pd.DataFrame(frame), partial / f"{name}.arrow", compression="uncompressed")
        about = {"format": FORMAT, "counts": counts, "is_sample": dataset.is_sample,
                 "as_of": dataset.as_of.isoformat() if dataset.as_of else None}
        (partial / "about.json").write_text(json.dumps(about), encoding="utf-8")
        os.rename(partial, target)
    except OSError:
        pass  # not writable, full, or another process saved the same snapshot first
    except Exception:  # noqa: BLE001 — a column Arrow cannot hold: no snapshot, the store is read each start
        pass
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    prune(url, keep=stamp)


def prune(url: str, keep: str | None = None) -> None:
    """Remove the store's snapshots other than ``keep`` (and folders left half-written)."""
    try:
        entries = list(folder().iterdir())
    except OSError:
        return
    prefix = _prefix(url)
    for entry in entries:
        if not entry.name.lstrip(".").startswith(prefix) or entry.name == f"{prefix}{keep}":
            continue
        try:
            if entry.name.startswith(".") and entry.stat().st_mtime > time.time() - 600:
                continue  # another process is writing it now
        except OSError:
            continue
        shutil.rmtree(entry, ignore_errors=True)
