"""Tests generated from the fields' registry (``analysis.fields``), as datasette tests that every option
is documented: a field declared without a label or header phrases, a canonical column the store lacks, a
template header the reader would not recognise fails here, without a test written for it.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

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
