"""The pages on a cycle small enough to count by hand (``tests.helpers.small_cycle``), not the sample's numbers.

The cached loader (``views._data.loaded``) hands every page the small cycle: 1. Serock (3 people)
and 2. Wieliszew (4 people) held, 3. Jabłonna next; 5 people, 5 institutions, 5 sectors; four
proposals, two waiting for the vote in Jabłonna.
"""

from __future__ import annotations

import pytest
import streamlit as st

from analysis import glossary
from tests.helpers import figures, open_page, shown_text, small_cycle


@pytest.fixture(autouse=True)
def small(monkeypatch):
    import views._data

    data = small_cycle()
    st.cache_resource.clear()  # nothing the other tests cached (the show) is shown here, nor ours after
    monkeypatch.setattr(views._data, "loaded", lambda: data)
    yield data
    st.cache_resource.clear()


def test_overview_shows_the_numbers_of_the_small_cycle():
    at = open_page("views/przeglad.py")
    values = {m.label: m.value for m in at.metric}
    assert values == {"Warsztaty odbyte": "2 z 3", "Uczestnicy (2. Wieliszew)": "4", "Unikalni uczestnicy cyklu": "5",
                      "Instytucje": "5", "Reprezentowane sektory": "5 z 11", "Propozycje projektów": "4"}
    assert [m.delta for m in at.metric if m.label.startswith("Uczestnicy (")] == ["+1"]
    definitions = {text for _, text in glossary.GLOSSARY.values()}
    assert all(m.proto.help in definitions for m in at.metric)  # every card's number is defined in the glossary
    assert figures(at)["Uczestnicy warsztatów"]["data"][0]["y"] == [3, 4]
    text = shown_text(at)
    assert "Następny warsztat: 3. Jabłonna" in text and "10.06.2021, Urząd Gminy Jabłonna" in text
    assert "Do głosowania: 2 propozycje z poprzednich warsztatów." in text
    assert "Dane przykładowe" not in text  # the small cycle is not the sample


def test_overview_obeys_a_filter_on_the_small_cycle():
    at = open_page("views/przeglad.py")
    at.multiselect(key="f_gminas").select("serock").run()  # ann and cat
    values = {m.label: m.value for m in at.metric}
    assert values["Unikalni uczestnicy cyklu"] == "2" and values["Uczestnicy (2. Wieliszew)"] == "1"
    assert values["Instytucje"] == "2" and values["Reprezentowane sektory"] == "2 z 11"


def test_sector_page_counts_each_person_at_each_workshop():
    at = open_page("views/uczestnictwo.py")
    traces = figures(at)["Uczestnicy według sektorów na warsztatach"]["data"]
    counts = {(t["name"], x): y for t in traces for x, y in zip(t["x"], t["y"], strict=True)}
    assert counts == {("Samorząd (gminy i powiat)", "1. Serock"): 1, ("Przedsiębiorcy", "1. Serock"): 1,
                      ("Przedsiębiorcy", "2. Wieliszew"): 1, ("Edukacja", "2. Wieliszew"): 1,
                      ("Organizacje pozarządowe", "1. Serock"): 1, ("Organizacje pozarządowe", "2. Wieliszew"): 1,
                      ("Zdrowie", "2. Wieliszew"): 1}
    assert "Na warsztacie 2. Wieliszew zabrakło: Samorząd (gminy i powiat)." in shown_text(at)


def test_proposals_page_lists_the_small_cycles_proposals():
    at = open_page("views/propozycje.py")
    assert figures(at)["Propozycje według obszarów"]["data"][0]["y"] == [2, 1, 1, 0]
    table = at.dataframe[0].value
    assert list(table["title"]) == ["Bon lokalny", "Inkubator", "Targ rolny", "<b>Marka</b> gminy"]  # text, as written
    assert list(table["status"]) == ["wybrana do realizacji", "odrzucona", "pod głosowanie", "pod głosowanie"]
    ranking = figures(at)["Ranking: 2 propozycje z największą liczbą głosów"]
    assert sorted(x for trace in ranking["data"] for x in trace["x"]) == [4, 10]
    assert "Pokazano 4 z 4 propozycji." in shown_text(at)


def test_progress_page_shows_what_remains_of_the_small_cycle():
    at = open_page("views/postep.py")
    assert [(m.label, m.value) for m in at.metric] == [("Warsztaty do końca cyklu", "1"),
                                                       ("Następny warsztat", "3. Jabłonna"),
                                                       ("Do głosowania (cały cykl)", "2")]
    charts = figures(at)
    assert charts["Narastająco: unikalni uczestnicy cyklu"]["data"][0]["y"] == [3, 5]
    assert {t["name"]: t["y"] for t in charts["Nowi i powracający uczestnicy"]["data"]} == {
        "powracający": [0, 2], "nowi": [3, 2]}


def test_presentation_shows_the_small_cycle_at_the_next_workshop():
    import re

    at = open_page("views/prezentacja.py")
    [frame] = at.get("iframe")
    document = frame.proto.srcdoc
    headlines = re.findall(r"<p class='(?:headline|pageinfo)'>(.*?)</p>", document)
    assert headlines == ["5 osób", "5 z 11 sektorów", "indeks 95%", "—", "2 z 3 osób", "4 propozycje",
                         "50% propozycji", "1 wybrana", "2 zmiany", "mediana 7,0", "2 propozycje",
                         "1–2 z 2 · strona 1 z 1", "koniec cyklu"]  # no gmina table: —; no cycle before: no slide
    assert "Warsztat 3. Jabłonna" in document
    assert "&lt;b&gt;Marka&lt;/b&gt; gminy" in document and "<b>Marka</b>" not in document
    assert not at.exception and not at.error


# --- whom to invite, who comes back, how sectors work together ----------------------


def test_invite_page_names_the_missing_sector_gmina_and_institution():
    at = open_page("views/zaproszenia.py")
    assert at.title[0].value == "Kogo zaprosić" and not at.exception and not at.error
    text = shown_text(at)
    assert "Przed warsztatem **3. Jabłonna**" in text
    assert "Zaproś więcej: Samorząd (gminy i powiat) (0% wobec 14%, brakuje 1 osoby)." in text
    assert "Zaproś więcej: Serock (25% wobec 43%, brakuje 1 osoby)." in text
    sectors = figures(at)["Kogo zaprosić na warsztat 3. Jabłonna: sektory"]["data"]
    last = {y: x for y, x in zip(sectors[1]["y"], sectors[1]["x"], strict=True)}
    assert last["Samorząd (gminy i powiat)"] == 0 and last["Przedsiębiorcy"] == 0.25
    [table] = [d for d in at.dataframe if "Instytucja" in d.value.columns]  # beside the targets' editors
    assert table.value.values.tolist() == [["Urząd Gminy Serock", "Samorząd (gminy i powiat)", "Serock", "1. Serock", 1]]
    assert "Nie było ich na warsztacie 2. Wieliszew: 1 instytucja." in text
    assert len(at.get("download_button")) == 1


def test_invite_page_before_any_workshop_says_why_it_is_empty():
    at = open_page("views/zaproszenia.py")
    at.multiselect(key="f_workshops").select(3).run()  # planned: not held
    assert not at.exception and "Do porównania potrzebny jest co najmniej jeden odbyty warsztat" in shown_text(at)


def test_progress_page_shows_who_comes_back():
    at = open_page("views/postep.py")
    charts = figures(at)
    people = charts["Kto wraca: osoby"]["data"][0]
    assert people["text"] == [["2 (67%)"]] and people["y"] == ["byli na 1. Serock<br>(3 osób)"]
    assert charts["Kto wraca: instytucje"]["data"][0]["text"] == [["2 (67%)"]]
    rates = charts["Powroty według sektorów"]["data"][0]
    assert dict(zip(rates["y"], rates["x"], strict=True)) == {"Organizacje pozarządowe": 1.0, "Przedsiębiorcy": 1.0,
                                                              "Samorząd (gminy i powiat)": 0.0}
    at.multiselect(key="f_workshops").select(1).run()
    assert "Kto wraca, widać, gdy wybrano co najmniej dwa odbyte warsztaty." in shown_text(at)


def test_proposals_page_shows_how_sectors_work_together():
    at = open_page("views/propozycje.py")
    values = {m.label: m.value for m in at.metric}
    assert values == {"Co najmniej 2 sektory": "50%", "Co najmniej 3 sektory": "25%", "Indeks E-I": "0,60"}
    assert ("Propozycje z podmiotem wiodącym i partnerami z co najmniej 2 sektorów: 2 z 4; z co najmniej 3 "
            "sektorów: 1 z 4.") in shown_text(at)
    charts = figures(at)
    by_area = charts["Propozycje kilku sektorów w obszarach"]["data"][0]
    assert by_area["x"][:3] == [1.0, 0.0, 0.0] and by_area["text"][3] == "brak propozycji"
    matrix = charts["Kto z kim proponuje: powiązania między sektorami"]["data"][0]
    assert matrix["x"][:2] == ["Samorząd (gminy i powiat)", "Przedsiębiorcy"]
    diversity = charts["Współpraca i różnorodność sektorów na warsztatach"]["data"]
    assert diversity[0]["y"] == [1.0, 0.0] and diversity[1]["y"] == pytest.approx([2 / 3, 0.75])
