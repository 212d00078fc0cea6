"""A CSV export of Statistics Poland's Local Data Bank (GUS BDL) read as the gminas' table.

The files are made here in BDL's own layouts, as public code that reads BDL's exports shows them
(not a file downloaded from bdl.stat.gov.pl: nothing is fetched):

- the table layout ("tablica", BDL names such files ``LUDN_2137_CTAB_<timestamp>.csv``): semicolons, every
  field quoted, a line closed by a semicolon, UTF-8 with a byte order mark; "Kod";"Nazwa", then one column per
  value whose header joins its dimensions, year and unit — "ogółem;ogółem;2021;[osoba]" (Ludność: wiek
  ogółem; płeć ogółem) — with a 7-digit TERYT "Kod" (parsers of BDL's wide exports, and scripts reading a
  LUDN export's "ogółem;ogółem;<rok>;[osoba]" columns);
- the relational layout ("relacyjny", ``LUDN_2137_CREL_<timestamp>.csv``):
  "Kod";"Nazwa";<a column per dimension>;"Rok";"Wartosc";"Jednostka miary";"Atrybut"; with BDL's 12-digit
  unit code unquoted (000000000000;"POLSKA";…) and a decimal comma (the tests of a loader of BDL's bulk CSVs);
- the 12-digit code holds the TERYT one: województwo at digits 3–4, powiat at 8–9 (071412865000 is the city
  of Warsaw, TERYT 1465; 071412908000 powiat legionowski, TERYT 1408, in podregion warszawski wschodni), gmina
  and its kind at 10–12 (071412865011 is the gmina of Warsaw, 1465011).
BDL exports in Windows-1250 too (older exports, files re-saved by Excel): both encodings are read.
"""

from __future__ import annotations

import pytest

from analysis.reading import check_text, read_files

# powiat legionowski's gminas in TERYT, with made-up residents of 2022 and 2023
GMINAS = [  # (TERYT, BDL's name, 2022, 2023)
    ("1408011", "Legionowo", 54100, 54321),
    ("1408022", "Jabłonna", 22700, 22876),
    ("1408032", "Nieporęt", 15300, 15432),
    ("1408043", "Serock", 14100, 14210),
    ("1408044", "Serock - miasto", 4050, 4100),
    ("1408045", "Serock - obszar wiejski", 10050, 10110),
    ("1408052", "Wieliszew", 16700, 16789),
]
OTHERS = [("1408000", "Powiat legionowski", 122950, 123628), ("1465011", "M.st.Warszawa", 1861000, 1863000)]
EXPECTED = {"legionowo": 54321, "jablonna": 22876, "nieporet": 15432, "serock": 14210, "wieliszew": 16789}
CTAB = "LUDN_2137_CTAB_20240611120000.csv"
CREL = "LUDN_2137_CREL_20240611120000.csv"


def bdl_code(teryt: str) -> str:
    """BDL's 12-digit unit code of a TERYT code of Mazowieckie's podregion of Legionowo or of Warsaw."""
    region = {"1408": "071412908", "1465": "071412865"}[teryt[:4]]
    return region + teryt[4:]


def table_layout(units=(*OTHERS[:1], *GMINAS), years=(2022, 2023), header="ogółem;ogółem;{year};[osoba]",
                 encoding="utf-8-sig") -> bytes:
    head = ";".join(['"Kod"', '"Nazwa"', *(f'"{header.format(year=y)}"' for y in years)]) + ";"
    lines = [";".join([f'"{code}"', f'"{name}"', *(f'"{v}"' for v in values[-len(years):])]) + ";"
             for code, name, *values in units]
    return "\r\n".join([head, *lines, ""]).encode(encoding)


def relational_layout(units=(*OTHERS, *GMINAS), years=(2022, 2023), sex="ogółem", unit="osoba",
                      encoding="utf-8-sig") -> bytes:
    lines = ['"Kod";"Nazwa";"Wiek";"Płeć";"Rok";"Wartosc";"Jednostka miary";"Atrybut";']
    for code, name, *values in units:
        for year, value in zip((2022, 2023), values, strict=True):
            if year in years:
                lines.append(f'{bdl_code(code)};"{name}";"ogółem";"{sex}";"{year}";{value};"{unit}";"";')
    return "\r\n".join([*lines, ""]).encode(encoding)


def read(name: str, data: bytes):
    [result] = read_files([(name, data)])
    return result


def gmina_table(result) -> dict[str, tuple[int, int, str]]:
    assert result.ok, result.error
    [table] = result.tables
    assert table.kind == "gminas"
    return {row["gmina"]: (int(row["population"]), int(row["year"]), row["source"])
            for row in table.frame.to_dict("records")}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1250"])
def test_the_table_layout_fills_the_counties_gminas_with_the_latest_year_and_the_source(encoding):
    result = read(CTAB, table_layout(encoding=encoding))
    assert gmina_table(result) == {g: (n, 2023, "GUS BDL") for g, n in EXPECTED.items()}
    [table] = result.tables
    assert table.problems == []
    notes = "\n".join(table.notes)
    assert "liczba ludności ogółem, rok 2023, kolumna „ogółem;ogółem;2023;[osoba]”" in notes
    assert "„GUS BDL, rok 2023”" in notes
    assert "Plik zawiera dane z lat 2022–2023: wczytano najnowszy rok, 2023." in notes
    assert ("Pominięto wiersze części gminy miejsko-wiejskiej („Serock - miasto”, „Serock - obszar wiejski”)"
            in notes)
    assert "Pominięto 1 wiersz innych jednostek niż gminy powiatu legionowskiego („Powiat legionowski”)" in notes
    assert list(table.frame["row"]) == [3, 4, 5, 6, 9]  # the lines of the file the figures were read from


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1250"])
def test_the_relational_layout_with_bdls_unit_codes(encoding):
    result = read(CREL, relational_layout(encoding=encoding))
    assert gmina_table(result) == {g: (n, 2023, "GUS BDL") for g, n in EXPECTED.items()}
    notes = "\n".join(result.tables[0].notes)
    assert "w układzie relacyjnym" in notes and "Plik zawiera dane z lat 2022–2023" in notes
    assert "Pominięto 4 wiersze innych jednostek" in notes and "„M.st.Warszawa”" in notes


def test_one_year_says_no_years_and_a_renamed_file_is_read_by_its_content():
    result = read("ludnosc gmin.csv", table_layout(units=GMINAS, years=(2023,)))
    assert gmina_table(result) == {g: (n, 2023, "GUS BDL") for g, n in EXPECTED.items()}
    notes = "\n".join(result.tables[0].notes)
    assert "wczytano najnowszy rok" not in notes and "innych jednostek" not in notes


def test_names_without_codes_are_matched_and_the_kind_in_brackets_is_read_off():
    units = [("", f"{name} ({kind})", *values) for (_, name, *values), kind in zip(GMINAS, "1223452", strict=True)]
    assert gmina_table(read(CTAB, table_layout(units=units))) == {g: (n, 2023, "GUS BDL")
                                                                   for g, n in EXPECTED.items()}


def test_a_gmina_without_a_figure_is_left_out_and_told():
    units = [(c, n, a, "" if n == "Jabłonna" else "-12" if n == "Nieporęt" else b) for c, n, a, b in GMINAS]
    result = read(CTAB, table_layout(units=units))
    assert set(gmina_table(result)) == {"legionowo", "serock", "wieliszew"}
    notes = "\n".join(result.tables[0].notes)
    assert ("Wiersz 3 (Jabłonna): GUS nie podał liczby ludności za rok 2023 (pusta komórka) — tej gminy nie "
            "wczytano; jej liczba mieszkańców w magazynie zostaje bez zmian.") in notes
    assert "Wiersz 4 (Nieporęt): liczba ludności „-12” nie jest dodatnią liczbą całkowitą" in notes
    assert "W pliku brak liczby ludności za rok 2023 dla: Jabłonna, Nieporęt" in notes


def refused(name: str, data: bytes) -> tuple[str | None, str]:
    result = read(name, data)
    assert not result.ok and result.tables == []
    return result.error_code, result.error or ""


def test_another_variable_is_refused_with_what_to_download():
    code, message = refused(CREL, relational_layout(unit="zł"))
    assert code == "bdl_not_population"
    assert message.startswith("Plik z Banku Danych Lokalnych GUS nie zawiera liczby ludności: jego wartości nie są "
                              "liczbą osób (jednostka miary: „zł”).")
    assert "zmienna 72305" in message and "podręczniku" in message
    code, message = refused(CTAB, table_layout(header="bezrobotni zarejestrowani;ogółem;{year};[osoba]"))
    assert code == "bdl_not_population"
    assert "nie zawiera liczby ludności ogółem, tylko inne dane o osobach (w pliku: „bezrobotni zarejestrowani; " \
           "ogółem”)" in message
    code, message = refused(CREL, relational_layout(sex="mężczyźni"))
    assert code == "bdl_not_population" and "„ogółem; mężczyźni”" in message


def test_a_bdl_file_of_another_domain_is_refused_by_its_name():
    code, message = refused("RYNE_1944_CTAB_20240611120000.csv", table_layout())
    assert code == "bdl_not_population"
    assert message.startswith("Plik „RYNE_1944_CTAB_20240611120000” to eksport z Banku Danych Lokalnych GUS z "
                              "dziedziny RYNE, a nie z dziedziny ludności (LUDN)")


def test_no_gmina_of_the_county_and_no_figure_are_refused():
    code, message = refused(CREL, relational_layout(units=OTHERS))
    assert code == "bdl_no_gminas"
    assert message.startswith("W pliku z Banku Danych Lokalnych GUS nie ma żadnej gminy powiatu legionowskiego")
    empty = [(c, n, a, "") for c, n, a, _ in GMINAS]
    code, message = refused(CTAB, table_layout(units=empty))
    assert code == "bdl_no_gminas" and "żadna gmina powiatu legionowskiego nie ma liczby ludności za rok 2023" in message


def test_check_tells_the_table_and_asks_no_workshop():
    text = check_text([read(CTAB, table_layout())])
    assert "tabela gmin (liczba mieszkańców), 5 wierszy do zaimportowania" in text
    assert "Warsztat" not in text and "Rozpoznano eksport z Banku Danych Lokalnych GUS" in text
