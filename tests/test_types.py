"""mypy over analysis/ (configuration: mypy.ini) finds no error.

Skipped only where mypy is not installed, never under CI=true (CI installs requirements-dev.txt,
which pins mypy and the stubs of pandas, openpyxl and defusedxml).
"""

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _mypy_api():
    try:
        from mypy import api
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("mypy is not installed under CI: requirements-dev.txt must install it")
        pytest.skip("mypy is not installed (pip install -r requirements-dev.txt)")
    return api


def test_mypy_finds_no_error_in_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    api = _mypy_api()
    monkeypatch.chdir(ROOT)  # mypy.ini names the package as seen from the repository's root
    out, err, status = api.run(["--config-file", str(ROOT / "mypy.ini"), "--no-error-summary", "--show-error-codes"])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 0 and not errors and not err, (
        f"mypy found {len(errors)} error(s) in analysis/ (exit {status}):\n{out}{err}")


def test_mypy_checks_every_module_of_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """The configuration reaches every module, so a clean run above means the whole package is clean."""
    api = _mypy_api()
    monkeypatch.chdir(ROOT)
    out, err, status = api.run(["--config-file", str(ROOT / "mypy.ini")])
    checked = re.search(r"(?:in|checked) (\d+) source files?", out)
    modules = list((ROOT / "analysis").rglob("*.py"))
    assert checked is not None, out + err
    # mypy also counts the folders without __init__.py (the migrations') as namespace packages
    assert int(checked.group(1)) >= len(modules), f"mypy checked {checked.group(1)} of {len(modules)} modules:\n{out}"
