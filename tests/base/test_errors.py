"""Tests generated from the codes of refusals and problems (``analysis.errors``): a code raised but
never declared, or declared and never raised, fails here without a test written for it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from analysis.errors import CODES, PROBLEM_CODES

ROOT = Path(__file__).resolve().parents[2]
# where refusals are raised: the analysis package and the pages (the voting page refuses a guessed code itself)
SOURCES = sorted([*(ROOT / "analysis").rglob("*.py"), *(ROOT / "views").glob("*.py")])


# --- codes of refusals and problems -------------------------------------------------------------------


def _code_of(call: ast.Call, position: int) -> object:
    """The ``code`` argument of a call, given by keyword or at ``position``; None when it has none."""
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _calls() -> list[tuple[str, str, object]]:
    """(kind, where, code node) of every UserError(...), Problem(...) and a UserError subclass's super().__init__."""
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        subclasses = {node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                      and any(isinstance(b, ast.Name) and b.id == "UserError" for b in node.bases)}
        in_subclass = {id(call) for cls in subclasses for call in ast.walk(cls)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            func = node.func
            if isinstance(func, ast.Name) and func.id == "UserError":
                found.append(("refusal", where, _code_of(node, 1)))
            elif isinstance(func, ast.Name) and func.id == "Problem":
                found.append(("problem", where, _code_of(node, 3)))
            elif (isinstance(func, ast.Attribute) and func.attr == "__init__" and id(node) in in_subclass
                  and isinstance(func.value, ast.Call) and getattr(func.value.func, "id", None) == "super"):
                found.append(("refusal", where, _code_of(node, 1)))
    return found


CALLS = _calls()


def _raised(kind: str) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for call_kind, where, node in CALLS:
        if call_kind == kind:
            assert isinstance(node, ast.Constant) and isinstance(node.value, str), f"{where}: no literal code"
            codes.setdefault(node.value, []).append(where)
    return codes


def test_the_source_is_searched_for_refusals_and_problems():
    assert len([c for c in CALLS if c[0] == "refusal"]) > 50 and len([c for c in CALLS if c[0] == "problem"]) > 10


def test_every_refusal_has_a_declared_code_and_every_declared_code_is_raised():
    raised = _raised("refusal")
    assert {code: where for code, where in raised.items() if code not in CODES} == {}
    assert set(CODES) - set(raised) == set()


def test_every_problem_has_a_declared_code_and_every_declared_code_is_found_somewhere():
    raised = _raised("problem")
    assert {code: where for code, where in raised.items() if code not in PROBLEM_CODES} == {}
    assert set(PROBLEM_CODES) - set(raised) == set()


def test_codes_are_words_with_a_meaning():
    assert not set(CODES) & set(PROBLEM_CODES)
    for code, meaning in {**CODES, **PROBLEM_CODES}.items():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code) and meaning.strip()


def test_the_users_guide_lists_every_code_of_reading():
    """The user's guide's "Jakie pliki czyta" names each refusal of a file and each problem of a row."""
    guide = (ROOT / "docs" / "podrecznik.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Jakie pliki czyta"):guide.index("## Głosowanie na warsztacie")]
    reading = {code for code, places in _raised("refusal").items()
               if any(place.startswith("analysis/reading/") for place in places)}
    assert {code for code in reading | set(PROBLEM_CODES) if f"`{code}`" not in section} == set()
