"""The sample cycle passes check with no problems; its generator makes the same files again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from analysis.reading.importer import read_paths
from analysis.sample import sample_paths

ROOT = Path(__file__).resolve().parents[2]


def test_sample_cycle_is_complete_and_clean():
    results = read_paths([str(p) for p in sample_paths()])
    assert all(r.ok for r in results)
    tables = [t for r in results for t in r.tables]
    # nothing to correct; what is told is only the sectors filled in from institutions' names (empty cells)
    assert {p.code for t in tables for p in t.problems} == {"sector_from_name"}
    attendance = [t.frame for t in tables if t.kind == "attendance"]
    proposals = [t.frame for t in tables if t.kind == "proposals"]
    schedule = [t.frame for t in tables if t.kind == "workshops"][0]
    assert list(schedule["gmina"]) == ["serock", "wieliszew", "jablonna", "legionowo", "nieporet"]
    per_workshop = {int(f["workshop"].iloc[0]): len(f) for f in attendance}
    assert set(per_workshop) == {1, 2, 3}
    assert 95 <= per_workshop[3] <= 105  # Jabłonna: about 100 participants
    sectors = set().union(*(set(f["sector"]) for f in attendance))
    assert sectors == {"local_government", "business", "chamber_of_commerce", "craft_guild", "education",
                       "labour_market", "ngo", "culture_sport", "health", "social_welfare", "agriculture", "other"}
    assert any((f["gmina"] == "outside").any() for f in attendance)  # the guest from the voivodeship office
    jablonna = [f for f in proposals if int(f["workshop"].iloc[0]) == 3][0]
    assert len(jablonna) == 15 and set(jablonna["status"]) == {"to_vote"}
    assert set().union(*(set(f["area"]) for f in proposals)) == {1, 2, 3, 4}
    people = [set(f["person"]) for f in attendance]
    assert len(people[0] & people[1] & people[2]) >= 30  # a core that returns


def test_sample_generator_is_deterministic(tmp_path):
    import shutil

    for p in sample_paths():
        shutil.copy(p, tmp_path / p.name)
    script = ROOT / "sample_data" / "make_sample_data.py"
    shutil.copy(script, tmp_path / script.name)
    subprocess.run([sys.executable, str(tmp_path / script.name)], check=True, capture_output=True, timeout=120)
    again = read_paths([str(tmp_path / p.name) for p in sample_paths()])
    original = read_paths([str(p) for p in sample_paths()])
    for a, b in zip(again, original, strict=True):
        for ta, tb in zip(a.tables, b.tables, strict=True):
            assert ta.frame.equals(tb.frame)
