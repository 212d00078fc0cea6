"""Sheets as offices type them become canonical tables, with problems at spreadsheet rows."""

from __future__ import annotations

import pytest

from analysis.errors import NOTICE_CODES
from analysis.reading.importer import read_files
from analysis.reading.locate import field_of_header
from tests import fixtures as fx


def only_table(data: bytes, name: str = "lista.xlsx"):
    [result] = read_files([(name, data)])
    assert result.ok, result.error
    [table] = result.tables
    return table


def refused(data: bytes, name: str = "lista.xlsx") -> str:
    """The refusal's code."""
    [result] = read_files([(name, data)])
    assert not result.ok and result.error
    return result.error_code


def problems(table) -> list[tuple[int | None, str, str]]:
    """Each problem to correct: its row, column and code (what was only guessed, ``NOTICE_CODES``, left out)."""
    return [(p.row, p.column, p.code) for p in table.problems if p.code not in NOTICE_CODES]


def notices(table) -> list[tuple[int | None, str, str]]:
    """What the reader filled in or guessed, to check: row, column and code."""
    return [(p.row, p.column, p.code) for p in table.problems if p.code in NOTICE_CODES]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Imię i nazwisko", "name"), ("IMIE I NAZWISKO", "name"), ("Nazwisko i imię", "name"),
        ("Nazwisko", "last_name"), ("Imię", "first_name"), ("Instytucja / organizacja", "institution"),
        ("Nazwa instytucji", "institution"), ("Reprezentowany sektor", "sector"), ("Sektor:", "sector"),
        ("Miejscowość", "gmina"), ("Obszar", "area"), ("Tytuł propozycji", "title"), ("Podmiot wiodący", "lead"),
        ("Liczba głosów", "votes"), ("Warsztat", "workshop"), ("Lp.", "ordinal"), ("L.p.", "ordinal"),
        ("Nr", "ordinal"), ("Podpis", "signature"), ("Czytelny podpis", "signature"), ("E-mail", "email"),
        ("Sektor podmiotu wiodącego", "lead_sector"), ("Adres e-mail", "email"), ("Data", "date"),
    ],
)
def test_header_forms(header, field):
    assert field_of_header(header) == field


def test_attendance_with_title_rows_merged_cells_lp_signature_and_total_line():
    rows = [
        ["Partnerstwo lokalne na rzecz ożywienia gospodarczego"],
        ["Lista obecności – warsztat 3, Jabłonna, 13.09.2018"],
        [],
        fx.ATTENDANCE_HEADER,
        *fx.ATTENDANCE_ROWS,
        [6, "", "", "", "", ""],  # a pre-numbered line nobody filled in
        [7, "", "", "", "", ""],
        ["Łącznie obecnych: 5"],
    ]
    data = fx.xlsx_bytes({"Lista": rows}, merges={"Lista": ["A1:F1", "A2:F2"]})
    table = only_table(data)
    assert table.kind == "attendance"
    assert table.rows == 5
    assert list(table.frame["row"]) == [5, 6, 7, 8, 9]
    assert set(table.frame["workshop"]) == {3}
    assert table.workshop_source == "title"
    assert list(table.frame["sector"]) == ["local_government", "business", "ngo", "education", "labour_market"]
    assert list(table.frame["gmina"]) == ["jablonna", "serock", "jablonna", "legionowo", "outside"]
    assert problems(table) == []
    assert "Podpis" not in table.headers.values() or table.headers.get("signature") == "Podpis"


def test_split_name_columns_are_joined():
    rows = [["Lp.", "Nazwisko", "Imię", "Instytucja", "Sektor"], [1, "Nowak", "Anna", "Urząd Gminy Serock", "JST"]]
    table = only_table(fx.xlsx_bytes({"1 Serock": rows}))
    assert table.frame.loc[0, "person"] == "Anna Nowak"
    assert table.frame.loc[0, "workshop"] == 1
    assert table.workshop_source == "sheet"


def test_one_sheet_per_workshop():
    sheets = {name: [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS[:n]]
              for name, n in (("1 Serock", 2), ("2 Wieliszew", 3), ("III", 4))}
    [result] = read_files([("lista.xlsx", fx.xlsx_bytes(sheets))])
    assert [(t.sheet, int(t.frame["workshop"].iloc[0]), t.rows) for t in result.tables] == [
        ("1 Serock", 1, 2), ("2 Wieliszew", 2, 3), ("III", 3, 4)]


def test_unknown_sector_is_kept_as_other_and_reported_at_its_row():
    rows = [["Tytuł"], [], ["Imię i nazwisko", "Instytucja", "Sektor"],
            ["Anna Nowak", "Jan Kowalski", "xyz"], ["Ewa Mazur", "", ""]]
    table = only_table(fx.xlsx_bytes({"Lista": rows}))
    assert list(table.frame["sector"]) == ["other", "other"]
    assert problems(table) == [(4, "Sektor", "sector_unknown"), (5, "Sektor", "sector_unknown")]
    assert "„xyz”" in table.problems[0].message  # the message quotes what was written


def test_unrecognised_sector_word_falls_back_to_institution_with_a_note():
    rows = [["Imię i nazwisko", "Instytucja", "Sektor"], ["Anna Nowak", "Zespół Szkół nr 1", "??"]]
    table = only_table(fx.xlsx_bytes({"Lista": rows}))
    assert table.frame.loc[0, "sector"] == "education"
    assert problems(table) == [(2, "Sektor", "sector_inferred")]


def test_sector_inferred_when_the_column_is_missing():
    rows = [["Imię i nazwisko", "Nazwa instytucji"], ["Anna Nowak", "GOPS w Jabłonnie"], ["Jan Król", "Fundacja X"]]
    table = only_table(fx.xlsx_bytes({"Warsztat 2": rows}))
    assert list(table.frame["sector"]) == ["social_welfare", "ngo"]
    assert problems(table) == []
    assert notices(table) == [(2, "Nazwa instytucji", "sector_from_name"), (3, "Nazwa instytucji", "sector_from_name")]


def test_half_filled_row_is_kept_and_reported():
    rows = [["Imię i nazwisko", "Instytucja", "Sektor"], ["", "Urząd Gminy Nieporęt", "JST"]]
    table = only_table(fx.xlsx_bytes({"4 Legionowo": rows}))
    assert table.rows == 1
    assert problems(table) == [(2, "Imię i nazwisko", "name_missing")]


def test_workshop_column_by_number_roman_gmina_and_date():
    rows = [["Warsztat", "Imię i nazwisko", "Instytucja"], [1, "A", "OSP"], ["II", "B", "OSP"],
            ["Jabłonna", "C", "OSP"], ["08.10.2018", "D", "OSP"], ["Paryż", "E", "OSP"]]
    table = only_table(fx.xlsx_bytes({"Lista": rows}))
    assert list(table.frame["workshop"].astype("object").fillna(0)) == [1, 2, 3, 4, 0]
    assert problems(table) == [(6, "Warsztat", "workshop_unknown")]


def test_workshop_unknown_is_noted_and_override_sets_it():
    rows = [["Imię i nazwisko", "Instytucja"], ["Anna Nowak", "OSP"]]
    data = fx.xlsx_bytes({"Arkusz1": rows})
    table = only_table(data, "lista.xlsx")
    assert table.frame["workshop"].isna().all() and table.workshop_source is None
    assert any("którego warsztatu" in n for n in table.notes)
    [result] = read_files([("lista.xlsx", data)], workshop=5)
    assert set(result.tables[0].frame["workshop"]) == {5}


def test_workshop_from_the_file_name():
    rows = [["Imię i nazwisko", "Instytucja"], ["Anna Nowak", "OSP"]]
    table = only_table(fx.xlsx_bytes({"Arkusz1": rows}), "lista_obecnosci_nieporet.xlsx")
    assert set(table.frame["workshop"]) == {5} and table.workshop_source == "file"


def test_proposals_table():
    rows = [
        ["Propozycje – warsztat 3"],
        ["Nr", "Grupa", "Obszar", "Tytuł propozycji", "Podmiot wiodący", "Liczba głosów", "Status"],
        [1, 1, "I", "Bon lokalny", "Urząd Gminy Jabłonna", 12, "wybrana do realizacji"],
        [2, 2, "Przyciąganie podmiotów z zewnątrz", "Punkt inwestora", "Fundacja X", "7 głosów", ""],
        [3, 2, "obszar 7", "Coś", "", "dużo", "nie wiem"],
    ]
    table = only_table(fx.xlsx_bytes({"Propozycje": rows}))
    frame = table.frame
    assert table.kind == "proposals"
    assert list(frame["number"]) == [1, 2, 3]
    assert list(frame["area"].astype("object").fillna(0)) == [1, 4, 0]
    assert list(frame["votes"].astype("object").fillna(-1)) == [12, 7, -1]
    assert list(frame["status"]) == ["selected", "submitted", "submitted"]
    assert list(frame["lead_sector"].astype("object").fillna("-")) == ["local_government", "ngo", "-"]
    assert set(frame["workshop"]) == {3}
    assert sorted(problems(table)) == [(5, "Liczba głosów", "votes_not_whole"), (5, "Obszar", "area_unknown"),
                                       (5, "Status", "status_unknown")]


def test_workshops_table():
    rows = [["Harmonogram"], ["Nr", "Data", "Gmina", "Miejsce"], [1, "24.05.2018", "Serock", "Hala"],
            [2, "xx", "Wieliszew", "GOK"]]
    table = only_table(fx.xlsx_bytes({"H": rows}))
    assert table.kind == "workshops"
    assert list(table.frame["gmina"]) == ["serock", "wieliszew"]
    assert problems(table) == [(4, "Data", "date_unknown")]


def test_imported_schedule_is_the_calendar_of_the_other_files():
    schedule = fx.xlsx_bytes({"H": [["Nr", "Data", "Gmina"], [1, "10.03.2019", "Nieporęt"], [2, "11.04.2019", "Serock"]]})
    attendance = fx.xlsx_bytes({"Lista": [["Warsztat", "Imię i nazwisko", "Instytucja"], ["Serock", "A", "OSP"],
                                          ["10.03.2019", "B", "OSP"]]})
    results = read_files([("h.xlsx", schedule), ("l.xlsx", attendance)])
    assert list(results[1].tables[0].frame["workshop"]) == [2, 1]
    assert list(results[1].tables[0].frame["cycle"]) == ["2019", "2019"]


def test_sheet_without_a_table_is_skipped_with_a_note():
    data = fx.xlsx_bytes({"Instrukcja": [["Wpisz dane poniżej"]], "Lista": [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]})
    [result] = read_files([("a.xlsx", data)])
    assert result.ok and len(result.tables) == 1
    assert any("Instrukcja" in n and "pominięto" in n for n in result.notes)


def test_no_table_at_all_is_refused():
    assert refused(fx.xlsx_bytes({"A": [["Notatki"], ["kupić kawę"]]})) == "no_table"


def test_only_a_header_is_refused():
    assert refused(fx.xlsx_bytes({"A": [[], fx.ATTENDANCE_HEADER, [1, "", "", "", "", ""]]})) == "header_only"


def test_repeated_header_on_printed_pages_is_not_data():
    rows = [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS[:2], fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS[2:]]
    assert only_table(fx.xlsx_bytes({"3 Jabłonna": rows})).rows == 5


def test_windows_1250_csv_from_a_form():
    rows = [["Sygnatura czasowa", "Imię", "Nazwisko", "Nazwa instytucji", "Sektor", "Gmina"],
            ["2018-09-01 10:00", "Żaneta", "Łęcka", "Gminny Ośrodek Kultury w Nieporęcie", "kultura", "Nieporęt"]]
    table = only_table(fx.csv_bytes(rows, encoding="cp1250"), "3 Jabłonna.csv")
    assert table.frame.loc[0, "person"] == "Żaneta Łęcka"
    assert table.frame.loc[0, "sector"] == "culture_sport"
    assert table.frame.loc[0, "gmina"] == "nieporet"
    assert set(table.frame["workshop"]) == {3}


@pytest.mark.parametrize("maker", [fx.xls_bytes, fx.ods_bytes, fx.xlsx_bytes])
def test_formats_give_the_same_table(maker):
    table = only_table(maker({"3 Jabłonna": [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]}))
    assert table.rows == 5 and problems(table) == []
    assert list(table.frame["sector"]) == ["local_government", "business", "ngo", "education", "labour_market"]


def test_many_rows_with_empty_cells_are_read_in_linear_time():
    """A column of 30 000 empty cells once sent the total-line search into quadratic time."""
    import time

    rows = [["Lp.", "Imię i nazwisko", "Instytucja"], *[["", f"Osoba {i}", "OSP"] for i in range(30_000)]]
    started = time.monotonic()
    table = only_table(fx.csv_bytes(rows), "3 Jabłonna.csv")
    assert table.rows == 30_000
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("header", ["Data zgłoszenia", "Sygnatura czasowa", "Data rejestracji"])
def test_dates_that_do_not_name_a_workshop_are_not_read_as_one(header):
    assert field_of_header(header) is None
    rows = [[header, "Imię i nazwisko", "Instytucja"], ["2018-09-01", "Anna Nowak", "OSP"]]
    table = only_table(fx.xlsx_bytes({"3 Jabłonna": rows}))
    assert set(table.frame["workshop"]) == {3} and problems(table) == []


def test_signature_as_the_first_column():
    """Found by the property-based test: a sheet whose first column is "Podpis"."""
    table = only_table(fx.xlsx_bytes({"3 Jabłonna": [["Podpis", "Imię i nazwisko"], ["", "Anna Nowak"], ["x", "Razem"]]}))
    assert list(table.frame["person"]) == ["Anna Nowak"]


CONTROL_REMOVED = ("Usunięto z komórki 1 niewidoczny znak sterujący (takie znaki zostają po skopiowaniu tekstu "
                   "z innego systemu); resztę tekstu zachowano.")


def test_control_characters_pasted_into_cells_are_removed_and_reported_rows_kept():
    # Excel stores a pasted BEL as _x0007_; DEL and C1 controls (U+0085) come through as they are
    rows = [
        ["Lista obecności – warsztat 3"],
        ["Imię i nazwisko", "Instytucja", "Sektor", "Funkcja"],
        ["Anna_x0007_ Nowak", "Urząd Gminy Jabłonna", "JST", "wójt"],
        ["Piotr Wójcik", "Piekarnia\x7f Kłos sp. z o.o.", "przedsiębiorca_x001B_", "właś\x85ciciel\x85"],
        ["Ewa Mazur", "Stowarzyszenie Razem", "NGO", "prezes"],
    ]
    table = only_table(fx.xlsx_bytes({"Lista": rows}))
    frame = table.frame
    assert table.rows == 3
    assert list(frame["person"]) == ["Anna Nowak", "Piotr Wójcik", "Ewa Mazur"]
    assert list(frame["institution"]) == ["Urząd Gminy Jabłonna", "Piekarnia Kłos sp. z o.o.", "Stowarzyszenie Razem"]
    assert list(frame["sector"]) == ["local_government", "business", "ngo"]  # recognised once cleaned
    assert list(frame["role"]) == ["wójt", "właściciel", "prezes"]
    assert problems(table) == [(3, "Imię i nazwisko", "control_characters"), (4, "Instytucja", "control_characters"),
                               (4, "Sektor", "control_characters"), (4, "Funkcja", "control_characters")]
    assert table.problems[0].message == CONTROL_REMOVED  # the sentence, once: what was removed and what was kept
    assert table.problems[3].message.startswith("Usunięto z komórki 2 niewidoczne znaki sterujące ")


def test_line_breaks_and_tabs_inside_a_cell_are_kept():
    rows = [
        ["Tytuł propozycji", "Obszar", "Podmiot wiodący", "Partnerzy"],
        ["Bon lokalny", 1, "Urząd Gminy Jabłonna", "Fundacja A\nStowarzyszenie B\r\nOSP Chotomów"],
        ["Punkt\tinwestora", 4, "Fundacja X", ""],
    ]
    table = only_table(fx.xlsx_bytes({"Propozycje 3": rows}))
    assert list(table.frame["partners"]) == ["Fundacja A\nStowarzyszenie B\r\nOSP Chotomów", ""]
    assert list(table.frame["title"]) == ["Bon lokalny", "Punkt\tinwestora"]
    assert problems(table) == []


def test_control_characters_in_csv_headers_and_sheet_name_are_removed():
    data = "Imię i nazwisko;Instytu\x07cja\r\nAnna Nowak;OSP\x07 Serock\r\n".encode()
    table = only_table(data, "lista\x1b 3.csv")
    assert table.headers["institution"] == "Instytucja"
    assert table.sheet == "lista 3"
    assert list(table.frame["institution"]) == ["OSP Serock"]
    assert problems(table) == [(2, "Instytucja", "control_characters")]
    xlsx = only_table(fx.xlsx_bytes({"3\x7f Jabłonna": [["Imię i nazwisko", "Instytucja"], ["Anna Nowak", "OSP"]]}))
    assert xlsx.sheet == "3 Jabłonna" and set(xlsx.frame["workshop"]) == {3}


def test_canonical_text_has_no_character_the_excel_report_cannot_write():
    from openpyxl import Workbook

    rows = [["Imię i nazwisko", "Instytucja"], *[[f"Osoba_x{c:04X}_ {c}", f"OSP\x7f{chr(0x80 + c)}"] for c in range(32)]]
    table = only_table(fx.xlsx_bytes({"Lista": rows}))
    ws = Workbook().active
    for record in table.frame[["person", "institution"]].itertuples(index=False):
        ws.append(list(record))  # openpyxl raises IllegalCharacterError for C0 controls
    texts = "".join(table.frame["person"]) + "".join(table.frame["institution"])
    assert not any(0x7F <= ord(ch) <= 0x9F or (ord(ch) < 32 and ch not in "\t\n\r") for ch in texts)


@pytest.mark.parametrize(("header", "field"), [
    ("Grupa wiekowa", "age_group"), ("Kategoria wiekowa", "age_group"), ("Wiek", "age_group"), ("Płeć", "gender"),
    ("Grupa wiekowa uczestnika", "age_group"), ("Wiek uczestnika", "age_group"), ("PŁEĆ (K/M)", "gender"),
    ("Data urodzenia", "age_group"), ("Rok urodzenia", "age_group"), ("Grupa wieku", "age_group"),
])
def test_headers_about_age_or_sex_are_the_optional_attributes_never_the_group_or_sector(header, field):
    """Once "Grupa wiekowa" was read as the thematic group and "Kategoria wiekowa" as the sector."""
    assert field_of_header(header) == field
    rows = [["Imię i nazwisko", "Instytucja", header, "Grupa"], ["Anna Nowak", "Fundacja X", "", "2"]]
    table = only_table(fx.xlsx_bytes({"3 Jabłonna": rows}))
    assert table.frame.loc[0, "group"] == "2" and table.frame.loc[0, "sector"] == "ngo"
    assert table.headers[field] == header


def test_a_column_of_another_kind_of_table_is_skipped_with_a_note_saying_so():
    rows = [["Imię i nazwisko", "Instytucja", "Liczba głosów"], ["Anna Nowak", "Fundacja X", "3"]]
    table = only_table(fx.xlsx_bytes({"3 Jabłonna": rows}))
    assert table.kind == "attendance" and "votes" not in table.headers
    assert table.notes == ["Kolumna „Liczba głosów” (pole „Liczba głosów”) nie dotyczy tabeli rozpoznanej w tym "
                           "arkuszu (lista obecności) — pominięto ją."]


def test_a_row_without_its_workshop_or_title_is_kept_with_the_problems_codes():
    attendance = [["Warsztat", "Imię i nazwisko", "Instytucja"], [3, "Anna Nowak", "OSP"], ["", "Jan Król", "OSP"]]
    table = only_table(fx.xlsx_bytes({"Lista": attendance}))
    assert table.rows == 2 and problems(table) == [(3, "Warsztat", "workshop_missing")]
    proposals = [["Tytuł propozycji", "Obszar"], ["", 1], ["Bon lokalny", 1]]
    assert problems(only_table(fx.xlsx_bytes({"3 Jabłonna": proposals}))) == [(2, "Tytuł propozycji", "title_missing")]
    schedule = [["Nr", "Data", "Gmina"], [1, "24.05.2018", "Serock"], ["", "21.06.2018", "Wieliszew"],
                ["pierwszy", "13.09.2018", "Jabłonna"]]
    table = only_table(fx.xlsx_bytes({"H": schedule}))
    assert problems(table) == [(3, "Nr", "workshop_missing"), (4, "Nr", "workshop_unknown")]
    assert table.problems[0].message == "Brak numeru warsztatu — wpisz liczbę, np. 3."
