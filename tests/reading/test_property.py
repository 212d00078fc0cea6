"""Random tables written as xlsx or csv always end in a verdict, never an unexpected exception."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import CODES, PROBLEM_CODES
from analysis.reading.importer import read_files
from tests import fixtures as fx

HEADER_WORDS = ["Imię i nazwisko", "Nazwisko", "Imię", "Instytucja", "Sektor", "Obszar", "Tytuł propozycji", "Lp.",
                "Warsztat", "Data", "Gmina", "Liczba głosów", "Status", "Podpis", "Razem", "Miejscowość"]
cell = st.one_of(
    st.none(),
    st.sampled_from(HEADER_WORDS + ["JST", "III", "Jabłonna", "=SUM(A1:A3)", "", "  ", "Łącznie: 5"]),
    st.text(max_size=30),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)),
)
table = st.lists(st.lists(cell, min_size=0, max_size=7), min_size=0, max_size=12)


def _clean(value):
    """openpyxl refuses control characters, as Excel would never write them."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch.isprintable() or ch in " ")
    return value


def _verdict(name: str, data: bytes) -> None:
    [result] = read_files([(name, data)])
    if result.ok:
        assert result.tables
        for t in result.tables:
            assert t.rows == len(t.frame) > 0
            for problem in t.problems:
                assert isinstance(problem.message, str) and problem.message and problem.code in PROBLEM_CODES
    else:
        assert isinstance(result.error, str) and result.error and result.error_code in CODES


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=table, header=st.lists(st.sampled_from(HEADER_WORDS), min_size=0, max_size=6))
def test_random_xlsx_gets_a_verdict(rows, header):
    grid = [[_clean(c) for c in row] for row in ([header] if header else []) + rows]
    _verdict("losowy.xlsx", fx.xlsx_bytes({"Arkusz1": grid}))


@settings(max_examples=60, deadline=None)
@given(rows=table, header=st.lists(st.sampled_from(HEADER_WORDS), min_size=0, max_size=6),
       delimiter=st.sampled_from([";", ",", "\t"]), encoding=st.sampled_from(["utf-8", "cp1250"]))
def test_random_csv_gets_a_verdict(rows, header, delimiter, encoding):
    grid = ([header] if header else []) + rows
    data = fx.csv_bytes(grid, delimiter=delimiter, encoding="utf-8")
    if encoding == "cp1250":
        data = data.decode("utf-8").encode("cp1250", errors="replace")
    _verdict("losowy.csv", data)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_get_a_verdict(data):
    _verdict("cokolwiek.xlsx", data)
