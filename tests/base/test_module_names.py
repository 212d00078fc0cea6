"""The package's shape: no module of the project is named like a module of the standard library."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


# --- the package's shape --------------------------------------------------------------------------------


def test_no_module_of_the_project_is_named_like_a_standard_library_module():
    """A script run from a folder (the calamine worker) would import such a module instead of the library's."""
    names = {p.stem for folder in ("analysis", "views", "benchmarks") for p in (ROOT / folder).rglob("*.py")}
    names |= {p.name for p in (ROOT / "analysis").rglob("*") if p.is_dir()}
    assert names & sys.stdlib_module_names == set()
