"""Each command of ``python -m analysis`` once as a real process, as the office types it.

Every other command-line test calls ``main(argv)`` in its own process (tests/commands.py); these show
that the module runs as a program at all: its imports, its exit status, its output on the terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.sample import sample_paths
from analysis.store import open_store
from tests.stores import sample_vote

ROOT = Path(__file__).resolve().parents[2]


def _process(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PARTNERSTWO_DATA_DIR=str(folder))
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180, check=False)


@pytest.mark.parametrize("command", ["check", "import", "history", "undo", "report", "protocol", "metrics",
                                     "checkin"])
def test_a_command_runs_as_a_real_process(command, sample_folder, tmp_path):
    sample = str(sample_paths()[0])
    if command == "check":
        done = _process(sample_folder, "check", sample)
        said = "nic nie zostało zapisane"
    elif command == "import":
        done = _process(tmp_path / "empty", "import", sample)  # the sample's schedule
        said = "✓ Zapisano"
    elif command == "history":
        done = _process(sample_folder, "history")
        said = sample_paths()[1].name
    elif command == "undo":
        batch = open_store().history()[0]
        done = _process(sample_folder, "undo", batch.id)
        said = f"Cofnięto partię {batch.id}"
    elif command == "report":
        done = _process(sample_folder, "report", "--format", "html", "--out", str(tmp_path / "raport.html"))
        said = "Zapisano raport (html)"
        assert (tmp_path / "raport.html").stat().st_size > 0
    elif command == "protocol":
        sample_vote(open_store())
        done = _process(sample_folder, "protocol", "--out", str(tmp_path / "protokol.html"))
        said = "Zapisano protokół głosowania na warsztacie 4. Legionowo"
        assert (tmp_path / "protokol.html").stat().st_size > 0
    elif command == "checkin":
        done = _process(sample_folder, "checkin", "list")
        said = "Nie ma żadnej rejestracji"
    else:
        done = _process(sample_folder, "metrics", "--json")
        said = '"cycle"'
        assert json.loads(done.stdout)["participants"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert said in done.stdout and "Traceback" not in done.stderr, done.stdout + done.stderr
