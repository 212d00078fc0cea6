"""The import page: upload, see what was read, correct the workshop, save, see the numbers change."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import fixtures as fx
from tests import helpers

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def fresh_store(sample_folder):
    """A new data folder, as the dashboard leaves it when it first opens one (tests/conftest.py)."""


def open_page(page: str = "views/dane.py") -> AppTest:
    return helpers.open_page(page)


def upload(at: AppTest, *files: tuple[str, bytes]) -> None:
    [uploader] = at.get("file_uploader")  # its key changes after each save: a fresh, empty uploader
    uploader.set_value([(name, data, XLSX) for name, data in files])
    at.run()
    assert not at.exception, at.exception


def save_button(at: AppTest):
    return next(b for b in at.button if b.label == "Zapisz w magazynie danych")


def text(at: AppTest) -> str:
    return helpers.shown_text(at)


def attendance(n: int, title: str = "Lista obecności") -> bytes:
    rows = [[title], fx.ATTENDANCE_HEADER, *[[i, f"Osoba {i}", "Urząd Gminy Serock", "JST", "Serock", ""]
                                             for i in range(1, n + 1)]]
    return fx.xlsx_bytes({"Arkusz1": rows})


def save(at: AppTest) -> None:
    assert not save_button(at).disabled, text(at)
    save_button(at).click()
    at.run()
    assert not at.exception, at.exception


def test_upload_correct_the_workshop_save_and_see_the_numbers_change():
    at = open_page("views/przeglad.py")
    assert {m.label: m.value for m in at.metric}["Unikalni uczestnicy cyklu"] == "134"  # the sample
    at.switch_page("views/dane.py").run()
    upload(at, ("lista.xlsx", attendance(7)))
    assert save_button(at).disabled  # the reason next to the button, not only far above
    assert ("Nie można zapisać: nie wiadomo, którego warsztatu dotyczy „lista.xlsx” (arkusz „Arkusz1”). Wybierz go "
            "w polu „Warsztat, którego dotyczy plik” przy tym pliku powyżej.") in [w.value.replace("\\", "")
                                                                                for w in at.warning]
    next(s for s in at.selectbox if s.label == "Warsztat, którego dotyczy plik").select(2).run()
    assert "warsztat: nr 2 (wskazany przy imporcie)" in text(at)
    assert "nie jest chroniona hasłem" in text(at)  # no password configured: a visible warning
    assert "Zapisanie usunie dane przykładowe" in text(at)  # said before saving
    save(at)
    assert "Zapisano lista.xlsx, arkusz „Arkusz1”: 7 wierszy." in text(at)
    assert "Usunięto dane przykładowe" in text(at)
    assert not any("Dane przykładowe" in i.value for i in at.info)  # the banner is gone after the save
    assert not at.get("file_uploader")[0].value  # an empty uploader for the next files
    at.switch_page("views/przeglad.py").run()
    values = {m.label: m.value for m in at.metric}
    assert values["Unikalni uczestnicy cyklu"] == "7" and values["Warsztaty odbyte"] == "1 z 5"
    assert not any("Dane przykładowe" in i.value for i in at.info)


def test_refused_file_cannot_be_saved():
    at = open_page()
    upload(at, ("raport.xlsx", fx.docx_bytes()))
    assert "dokument Worda" in at.error[0].value
    assert save_button(at).disabled
    assert any("Nie można zapisać: popraw albo usuń z listy odrzucone pliki: raport" in w.value for w in at.warning)


def test_same_file_twice_is_stored_once_and_a_second_list_asks():
    at = open_page()
    first = attendance(5, "Lista obecności – warsztat 2, Wieliszew")
    upload(at, ("lista.xlsx", first))
    save(at)
    upload(at, ("lista.xlsx", first))
    assert "zapisano już" in text(at) and "nie zostanie zapisany drugi raz" in text(at)  # said before saving
    save(at)
    assert "nie zapisano go drugi raz" in text(at)
    upload(at, ("lista_poprawiona.xlsx", attendance(9, "Lista obecności – warsztat 2, Wieliszew")))
    assert "warsztat 2 ma już listę obecności z pliku „lista.xlsx”" in text(at)  # asked before saving
    assert save_button(at).disabled and "Wybierz powyżej, co zrobić" in text(at)
    at.radio(key="conflict_choice").set_value("Anuluj").run()
    assert save_button(at).disabled and "Anulowano — nic nie zostanie zapisane" in text(at)
    at.radio(key="conflict_choice").set_value("Zastąp istniejącą listę").run()
    save(at)
    assert "Zastąpiono wcześniejszą listę z pliku „lista.xlsx”" in text(at)
    at.switch_page("views/historia.py").run()
    assert "lista_poprawiona.xlsx" in text(at) and "**lista.xlsx**" not in text(at)
    next(b for b in at.button if b.label == "Cofnij…").click().run()
    assert "Wróci lista, którą ta partia zastąpiła: **lista.xlsx**" in text(at)
    next(b for b in at.button if b.key == "undo_confirm").click().run()
    assert "Przywrócono wcześniejszą listę: **lista.xlsx**" in text(at)
    assert "**lista.xlsx** — arkusz" in text(at).split("Przywrócono")[1]  # listed again


def test_two_new_lists_of_one_workshop_in_one_upload_are_not_asked_about_an_existing_list():
    """Nothing is stored for 5. Nieporęt yet: two files for it are told so, and may be saved together."""
    at = open_page()
    title = "Lista obecności – warsztat 5, Nieporęt"
    upload(at, ("lista_a.xlsx", attendance(4, title)), ("lista_b.xlsx", attendance(6, title)))
    shown = text(at)
    assert "Pliki „lista_a.xlsx” i „lista_b.xlsx” w tym imporcie zawierają listę obecności" in shown, shown
    assert "istniejąc" not in shown  # no list of this workshop exists yet
    choice = at.radio(key="conflict_choice")
    assert choice.options == ["Zapisz pliki razem (dopisz jeden do drugiego)", "Anuluj"]
    assert save_button(at).disabled
    choice.set_value("Zapisz pliki razem (dopisz jeden do drugiego)").run()
    save(at)
    assert "Zapisano lista_a.xlsx" in text(at) and "Zapisano lista_b.xlsx" in text(at)
    at.switch_page("views/przeglad.py").run()
    assert {m.label: m.value for m in at.metric}["Unikalni uczestnicy cyklu"] == "6"  # Osoba 1–4 are on both


def test_password_comes_before_the_uploader(monkeypatch):
    """A viewer who may not edit cannot make the server parse (and keep) anything."""
    monkeypatch.setenv("PARTNERSTWO_PASSWORD", "tajne-hasło")
    at = open_page()
    assert not at.get("file_uploader")
    assert "Szablony do wypełnienia" in at.expander[0].label  # the templates stay available
    at.text_input[0].input("złe")
    at.button[0].click().run()
    assert any("Nieprawidłowe hasło" in e.value for e in at.error)
    assert not at.get("file_uploader")
    at.text_input[0].input("tajne-hasło")
    at.button[0].click().run()
    upload(at, ("lista.xlsx", attendance(3, "Lista obecności – warsztat 1")))
    assert not save_button(at).disabled


def test_only_the_reads_of_the_current_uploads_are_kept():
    at = open_page()
    first, second = attendance(3, "Lista obecności – warsztat 1"), attendance(4, "Lista obecności – warsztat 2")
    upload(at, ("a.xlsx", first), ("b.xlsx", second))
    assert len(at.session_state["import_reads"]) == 2
    next(s for s in at.selectbox if s.label == "Warsztat, którego dotyczy plik").select(3).run()
    assert len(at.session_state["import_reads"]) == 2  # read again for workshop 3, the old read dropped
    upload(at, ("b.xlsx", second))
    reads = at.session_state["import_reads"]
    assert len(reads) == 1 and next(iter(reads))[0] == hashlib.sha256(second).hexdigest()
    at.get("file_uploader")[0].set_value([]).run()
    assert not at.exception
    assert len(at.session_state["import_reads"]) == 0


def test_history_undo_and_sample_removal():
    at = open_page("views/historia.py")
    assert "Dane przykładowe" in text(at)
    undo_buttons = [b for b in at.button if b.label == "Cofnij…"]
    stored = len(undo_buttons)  # the sample's batches: 2018 and 2019 (the first 2019 proposals wholly replaced)
    assert stored == 16
    undo_buttons[0].click().run()
    assert "Cofnąć tę partię?" in text(at) and "zostanie usunięte" in text(at)
    assert len([b for b in at.button if b.label == "Cofnij…"]) == stored  # nothing undone before the answer
    next(b for b in at.button if b.key == "undo_cancel").click().run()
    assert "Cofnąć tę partię?" not in text(at) and len([b for b in at.button if b.label == "Cofnij…"]) == stored
    [b for b in at.button if b.label == "Cofnij…"][0].click().run()
    next(b for b in at.button if b.key == "undo_confirm").click().run()
    assert "Cofnięto partię" in text(at)
    assert len([b for b in at.button if b.label == "Cofnij…"]) == stored - 1
    next(b for b in at.button if b.label == "Usuń dane przykładowe").click().run()
    assert "Magazyn jest pusty" in text(at)
    at.switch_page("views/przeglad.py").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Unikalni uczestnicy cyklu"] == "0"


def test_correct_the_column_of_a_field_before_saving():
    at = open_page()
    rows = [["Lista obecności – warsztat 1"], ["Imię i nazwisko", "Instytucja", "Typ"],
            ["Anna Nowak", "Jan Kowalski", "NGO"], ["Piotr Wójcik", "Ewa Mazur", "JST"]]
    upload(at, ("lista.xlsx", fx.xlsx_bytes({"Lista": rows})))
    assert "Problemy: 2" in at.warning[-1].value or any("Problemy: 2" in w.value for w in at.warning)
    sector = next(s for s in at.selectbox if s.label == "Sektor")
    assert sector.value is None
    sector.set_value(2).run()
    assert not at.exception
    assert "odczytano ponownie z poprawionymi kolumnami" in text(at)
    assert not any("Problemy:" in w.value for w in at.warning)
    save(at)
    at.switch_page("views/uczestnictwo.py").run()
    traces = [t["name"] for t in json.loads(helpers.page_charts(at)[0].proto.spec)["data"]]
    assert set(traces) == {"Organizacje pozarządowe", "Samorząd (gminy i powiat)"}


def test_only_the_jablonna_list_the_overview_follows_the_schedule():
    """A fresh store with only workshop 3's list: 1 and 2 lack lists, 4 is next, charts in number order."""
    at = open_page()
    jablonna = (ROOT / "sample_data" / "lista_obecnosci_3_jablonna.xlsx").read_bytes()
    upload(at, ("lista_obecnosci_3_jablonna.xlsx", jablonna))
    save(at)
    at.switch_page("views/przeglad.py").run()
    assert not at.exception, at.exception
    shown = text(at)
    assert "Następny warsztat: 4. Legionowo" in shown and "1. Serock" not in shown.split("Następny warsztat")[1][:20]
    assert "Lista obecności nie jest wgrana, choć warsztat już się odbył: 1. Serock, 2. Wieliszew" in shown
    assert [link.label for link in at.get("page_link")] == ["Wgraj brakujące listy obecności"]
    bars = helpers.figures(at)["Uczestnicy warsztatów"]
    assert bars["layout"]["xaxis"]["categoryarray"] == ["1. Serock", "2. Wieliszew", "3. Jabłonna", "4. Legionowo",
                                                        "5. Nieporęt"]
    at.switch_page("views/postep.py").run()
    values = {m.label: m.value for m in at.metric}
    assert values["Warsztaty do końca cyklu"] == "2" and values["Następny warsztat"] == "4. Legionowo"


def test_problems_are_shown_whole():
    """Each problem's sentence whole (up to the useful end, e.g. what was assumed), not cut by a grid."""
    at = open_page()
    rows = [["Imię i nazwisko", "Instytucja", "Sektor"], ["Anna Nowak", "Gminny Ośrodek Kultury w Serocku", "kosmos"]]
    upload(at, ("3 Jabłonna.xlsx", fx.xlsx_bytes({"3 Jabłonna": rows})))
    [table] = at.table
    shown = table.value
    assert list(shown.columns) == ["Wiersz", "Kolumna", "Problem"]  # the row shown as a column (an index is not)
    assert shown["Wiersz"].tolist() == [2]
    assert shown["Problem"].iloc[0].endswith("przyjęto „Kultura i sport”. Sprawdź i popraw, jeśli trzeba.")


def test_many_problems_listed_first_hundred_and_all_in_a_file():
    at = open_page()
    rows = [["Imię i nazwisko", "Instytucja", "Sektor"], *[[f"Osoba {i}", "", "kosmos"] for i in range(130)]]
    upload(at, ("3 Jabłonna.xlsx", fx.xlsx_bytes({"3 Jabłonna": rows})))
    assert len(at.table[0].value) == 100
    assert "Pokazano pierwsze 100 problemów z 130" in text(at)
    assert [b.proto.label for b in at.get("download_button")][-1] == "Pobierz wszystkie problemy (CSV)"


def test_a_corrected_column_keeps_the_workshop_named_only_in_the_file_name():
    at = open_page()
    upload(at, ("lista_obecnosci_3_jablonna.xlsx", attendance(5)))  # no number in its title: the file's name
    assert "warsztat: nr 3 (z nazwy pliku)" in text(at), text(at)
    sector = next(s for s in at.selectbox if s.label == "Sektor")
    sector.set_value(2).run()  # the person moves the sector to another column
    assert not at.exception, at.exception
    assert "odczytano ponownie z poprawionymi kolumnami" in text(at)
    assert not save_button(at).disabled, text(at)  # the workshop, read from the file's name, is still known
    save(at)
    at.switch_page("views/historia.py").run()
    assert "3. Jabłonna" in text(at), text(at)


def test_a_bdl_export_fills_the_gmina_table_and_the_participation_page_says_its_source():
    from tests.reading.test_bdl import CTAB, table_layout

    at = open_page()
    upload(at, (CTAB, table_layout(encoding="cp1250")), ("lista.xlsx", attendance(5, "Lista obecności – warsztat 2")))
    assert "Rozpoznano eksport z Banku Danych Lokalnych GUS (w układzie tablicy): liczba ludności ogółem, rok 2023" \
        in text(at)
    save(at)
    assert f"Zapisano {CTAB}" in text(at) and "Zapisano lista.xlsx" in text(at)
    at.switch_page("views/uczestnictwo.py").run()
    assert not at.exception, at.exception
    [table] = [d.value for d in at.dataframe if "Źródło liczby mieszkańców" in d.value.columns]
    shown = dict(zip(table["Gmina pochodzenia"], table["Źródło liczby mieszkańców"], strict=True))
    assert {g: shown[g] for g in ("Legionowo", "Jabłonna", "Nieporęt", "Serock", "Wieliszew")} == dict.fromkeys(
        ("Legionowo", "Jabłonna", "Nieporęt", "Serock", "Wieliszew"), "GUS BDL, rok 2023")
    assert dict(zip(table["Gmina pochodzenia"], table["Mieszkańcy"], strict=True))["Legionowo"] == "54\u00a0321"


def test_a_gmina_table_is_a_cycles_and_the_page_asks_no_workshop_for_it():
    from tests.reading.test_bdl import CTAB, table_layout

    at = open_page()
    upload(at, (CTAB, table_layout(encoding="cp1250")))
    assert not [s for s in at.selectbox if s.label == "Warsztat, którego dotyczy plik"]
    assert "warsztat: nieznany" not in text(at)
    upload(at, (CTAB, table_layout(encoding="cp1250")), ("lista.xlsx", attendance(5, "Lista obecności")))
    assert len([s for s in at.selectbox if s.label == "Warsztat, którego dotyczy plik"]) == 1  # the list's only
    assert text(at).count("warsztat: nieznany") == 1
