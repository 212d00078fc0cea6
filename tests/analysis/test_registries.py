"""Tests generated from the program's own registries: the fields (``analysis.fields``) and the codes
of refusals and problems (``analysis.errors``), as datasette tests that every option is documented.

A field declared without a label or header phrases, a canonical column the store lacks, a code
raised but never declared (or declared and never raised), a template header the reader would not
recognise: each fails here, without a test written for it.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from analysis.errors import CODES, PROBLEM_CODES
from analysis.fields import (
    CANONICAL_COLUMNS,
    CORRECTABLE_FIELDS,
    FIELD_BY_NAME,
    FIELDS,
    KEY_FIELDS,
    NOT_A_FIELD,
    TableKind,
    Use,
    reread_for_kind,
    template_columns,
)
from analysis.reading.locate import field_of_header, locate_table
from analysis.reading.sheets import Sheet
from analysis.store.schema import ROW_TABLES
from analysis.vocabulary import fold

ROOT = Path(__file__).resolve().parents[2]
# where refusals are raised: the analysis package and the pages (the voting page refuses a guessed code itself)
SOURCES = sorted([*(ROOT / "analysis").rglob("*.py"), *(ROOT / "views").glob("*.py")])
BOOKKEEPING = {"batch_id", "replaced_by"}  # the store's own columns of a row table, not fields
SQL_TYPES = {"text": sa.Text, "string": sa.String, "integer": sa.Integer, "date": sa.Date}


# --- fields ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fld", FIELDS, ids=lambda f: f.name)
def test_every_field_has_a_label_and_the_phrases_that_name_it(fld):
    assert fld.label.strip() and fld.heading_in(TableKind.ATTENDANCE).strip()
    assert fld.kinds or fld.canonical, "a field neither read nor kept"
    if fld.kinds:  # read from sheets: its phrases name it, and nothing else does
        assert fld.phrases
        for phrase in fld.phrases:
            assert phrase == fold(phrase), f"phrases are written folded: {phrase!r}"
            assert not NOT_A_FIELD.search(phrase)
            assert field_of_header(phrase) == fld.name
    assert fld.correctable <= fld.kinds, "the import page offers only fields the reader reads there"
    for kind, target in fld.rereadings.items():
        assert kind in FIELD_BY_NAME[target].kinds, f"{fld.name} is read as {target} in {kind}, which is not read there"
    assert fld.dtype in ("str", "Int64", "date") and fld.sql.type in SQL_TYPES


def test_no_phrase_and_no_label_belongs_to_two_fields():
    phrases = [phrase for fld in FIELDS for phrase in fld.phrases]
    assert len(phrases) == len(set(phrases))
    labels = [fld.label for fld in FIELDS]
    assert len(labels) == len(set(labels))


def test_key_fields_and_private_fields():
    assert KEY_FIELDS and all(FIELD_BY_NAME[f].kinds for f in KEY_FIELDS)
    private = {f.name for f in FIELDS if f.use is Use.PRIVATE}
    assert private == {"email", "phone"}
    assert not any(f.canonical for f in FIELDS if f.use is not Use.DATA), "only data is kept"


@pytest.mark.parametrize("kind", list(TableKind))
def test_every_canonical_column_is_a_store_column_of_the_declared_type(kind):
    table = ROW_TABLES[kind]
    assert set(table.c.keys()) - BOOKKEEPING == set(CANONICAL_COLUMNS[kind])
    for name in CANONICAL_COLUMNS[kind]:
        declared = FIELD_BY_NAME[name].sql_of(kind)
        column = table.c[name]
        assert isinstance(column.type, SQL_TYPES[declared.type]), (kind, name, column.type)
        assert getattr(column.type, "length", None) == declared.length, (kind, name)
        assert column.nullable is not declared.required, (kind, name)


@pytest.mark.parametrize("kind", list(TableKind))
def test_the_templates_headers_are_recognised_back_as_their_fields(kind):
    columns = template_columns(kind)
    header = [name for name, _, _ in columns]
    expected = []
    for name in (f.name for f in FIELDS if kind in f.template):
        fld = FIELD_BY_NAME[name]
        expected.append(name if kind in fld.kinds else fld.rereadings[kind])
    assert [(reread_for_kind(kind, {field_of_header(h): 0}) or {None: 0}).popitem()[0] for h in header] == expected
    located = locate_table(Sheet("Dane", [["Tytuł"], [], header, ["x"] * len(header)]))
    assert located is not None and located.kind == kind and located.notes == []
    assert list(located.columns) == expected
    assert set(CORRECTABLE_FIELDS[kind]) >= set(expected) - {"ordinal", "signature"}


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


def test_the_readme_lists_every_code_of_reading():
    """The README's "Jakie pliki czyta" names each refusal of a file and each problem of a row."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Jakie pliki czyta"):readme.index("## Wiersz poleceń")]
    reading = {code for code, places in _raised("refusal").items()
               if any(place.startswith("analysis/reading/") for place in places)}
    assert {code for code in reading | set(PROBLEM_CODES) if f"`{code}`" not in section} == set()


# --- the package's shape --------------------------------------------------------------------------------


def test_no_module_of_the_project_is_named_like_a_standard_library_module():
    """A script run from a folder (the calamine worker) would import such a module instead of the library's."""
    names = {p.stem for folder in ("analysis", "views", "benchmarks") for p in (ROOT / folder).rglob("*.py")}
    names |= {p.name for p in (ROOT / "analysis").rglob("*") if p.is_dir()}
    assert names & sys.stdlib_module_names == set()
