"""Every view through AppTest: it renders, shows the sample cycle's known numbers, obeys the filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import figures, open_page, shown_text

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "views/przeglad.py": "Przegląd",
    "views/uczestnictwo.py": "Uczestnictwo sektorów",
    "views/propozycje.py": "Propozycje projektów",
    "views/postep.py": "Postęp cyklu",
    "views/prezentacja.py": None,
    "views/dane.py": "Import danych",
    "views/historia.py": "Historia importu",
    "views/slownik.py": "Słownik pojęć",
}


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_every_page_renders_in_polish(page, title):
    at = open_page(page)
    assert at.title[0].value == (title or "Cykl do tej pory")
    assert not at.error
    codes = ("local_government", "social_welfare", "to_vote", "jablonna", "labour_market")
    for spec in figures(at).values():
        dumped = json.dumps(spec, ensure_ascii=False)
        assert not any(f'"{code}"' in dumped for code in codes), "a code reached the screen"


def test_overview_numbers_of_the_sample_cycle():
    at = open_page("views/przeglad.py")
    values = {m.label: m.value for m in at.metric}
    assert values == {"Warsztaty odbyte": "3 z 5", "Uczestnicy (3. Jabłonna)": "101",
                      "Unikalni uczestnicy cyklu": "134", "Instytucje": "44", "Reprezentowane sektory": "11 z 11",
                      "Propozycje projektów": "41"}
    assert [m.delta for m in at.metric if m.label.startswith("Uczestnicy (")] == ["+8"]
    assert "Następny warsztat: 4. Legionowo" in at.info[1].value and "15 propozycji" in at.info[1].value
    bars = figures(at)["Uczestnicy warsztatów"]["data"][0]
    assert bars["y"] == [86, 93, 101]
    # every card explains its number
    assert all(m.proto.help for m in at.metric)


def test_overview_obeys_the_filters():
    at = open_page("views/przeglad.py")
    at.multiselect(key="f_sectors").select("health").run()
    values = {m.label: m.value for m in at.metric}
    assert values["Reprezentowane sektory"] == "1 z 11"
    assert values["Warsztaty odbyte"] == "3 z 5"
    assert int(values["Unikalni uczestnicy cyklu"]) < 134
    at.multiselect(key="f_workshops").select(1).run()
    assert {m.label: m.value for m in at.metric}["Uczestnicy (1. Serock)"] == "3"


def test_a_filter_that_leaves_nothing_is_explained():
    at = open_page("views/przeglad.py")
    at.multiselect(key="f_sectors").select("other").run()
    at.multiselect(key="f_gminas").select("legionowo").run()
    assert not at.exception
    assert any("Żaden uczestnik nie spełnia wybranych filtrów" in i.value for i in at.info)
    for page in ("views/uczestnictwo.py", "views/postep.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert any("Żaden uczestnik" in i.value for i in at.info)
    at.switch_page("views/propozycje.py").run()
    assert any("Brak propozycji" in i.value for i in at.info)


def test_sector_participation_page():
    at = open_page("views/uczestnictwo.py")
    charts = figures(at)
    assert {"Uczestnicy według sektorów na warsztatach", "Udział sektorów w całym cyklu",
            "Skąd przyjechali uczestnicy (gmina pochodzenia)"} <= set(charts)
    by_sector = charts["Uczestnicy według sektorów na warsztatach"]["data"]
    assert sum(sum(trace["y"]) for trace in by_sector) == 86 + 93 + 101
    assert {trace["name"] for trace in by_sector} >= {"Samorząd (gminy i powiat)", "Organizacje pozarządowe"}
    assert "żaden sektor nie zniknął" in shown_text(at)
    at.segmented_control(key="sector_mode").set_value("udziały").run()
    shares = figures(at)["Udział sektorów na warsztatach"]["data"]
    first_workshop = sum(trace["y"][0] for trace in shares if trace["x"][0] == "1. Serock")
    assert first_workshop == pytest.approx(1.0)


def test_sector_page_obeys_the_workshop_filter():
    at = open_page("views/uczestnictwo.py")
    at.multiselect(key="f_workshops").select(3).run()
    traces = figures(at)["Uczestnicy według sektorów na warsztatach"]["data"]
    assert {x for trace in traces for x in trace["x"]} == {"3. Jabłonna"}
    assert "co najmniej dwa odbyte warsztaty" in shown_text(at)


def test_proposals_page():
    at = open_page("views/propozycje.py")
    areas = figures(at)["Propozycje według obszarów"]["data"][0]
    assert areas["y"] == [11, 12, 8, 10]
    table = at.dataframe[0].value
    assert len(table) == 41
    at.text_input(key="proposal_search").input("inkubator").run()
    titles = list(at.dataframe[0].value["title"])
    assert titles == ["Inkubator przedsiębiorczości w Legionowie", "Inkubator kuchni – wspólna przetwórnia"]
    assert "Pokazano 2 z 41 propozycji." in shown_text(at)
    ranking = figures(at)["Ranking: 15 propozycji z największą liczbą głosów"]
    order = ranking["layout"]["yaxis"]["categoryarray"]
    votes = {y: x for trace in ranking["data"] for y, x in zip(trace["y"], trace["x"], strict=True)}
    assert [votes[label] for label in order[::-1]][:1] == [38]  # the most votes, drawn at the top
    assert sorted(votes.values(), reverse=True) == [votes[label] for label in order[::-1]]
    assert {trace["name"] for trace in ranking["data"]} <= {"1. Uszczelnianie wycieków", "2. Wsparcie środowiska",
                                                           "3. Nowe podmioty", "4. Przyciąganie z zewnątrz"}
    assert ranking["layout"]["showlegend"] is True  # the colours of the areas are named


def test_proposals_page_obeys_the_filters():
    at = open_page("views/propozycje.py")
    at.multiselect(key="f_workshops").select(3).run()
    assert figures(at)["Propozycje według obszarów"]["data"][0]["y"] == [4, 4, 3, 4]
    assert "Żadna z wybranych propozycji nie była jeszcze głosowana." in shown_text(at)


def test_progress_page():
    at = open_page("views/postep.py")
    assert [m.value for m in at.metric] == ["2", "4. Legionowo", "15"]
    charts = figures(at)
    assert charts["Narastająco: unikalni uczestnicy cyklu"]["data"][0]["y"] == [86, 120, 134]
    new_returning = {t["name"]: t["y"] for t in charts["Nowi i powracający uczestnicy"]["data"]}
    assert new_returning == {"powracający": [0, 59, 87], "nowi": [86, 34, 14]}
    assert "Przepływ uczestników między warsztatami" in charts


def test_glossary_lists_every_definition():
    from analysis.glossary import GLOSSARY

    at = open_page("views/slownik.py")
    text = shown_text(at)
    assert all(term in text for term, _ in GLOSSARY.values())


def test_a_planned_workshop_is_explained():
    at = open_page("views/uczestnictwo.py")
    at.multiselect(key="f_workshops").select(4).run()
    assert not at.exception
    assert any("4. Legionowo) jeszcze się nie odbyły" in i.value for i in at.info)


def test_sample_data_is_marked_on_every_page():
    for page in PAGES:
        at = open_page(page)
        assert "Dane przykładowe" in shown_text(at), page


def test_password_can_be_required_for_viewing(monkeypatch, tmp_path):
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PARTNERSTWO_PASSWORD", "hasło")
    monkeypatch.setenv("PARTNERSTWO_PASSWORD_FOR_VIEWING", "1")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception and not at.metric
    at.text_input[0].input("hasło")
    at.button[0].click().run()
    assert {m.label: m.value for m in at.metric}["Unikalni uczestnicy cyklu"] == "134"


def test_presentation_page_shows_slides_with_previous_and_next():
    at = open_page("views/prezentacja.py")
    assert at.title[0].value == "Cykl do tej pory"
    assert at.metric[0].value == "134 osoby"
    assert "Slajd 1 z 6 · warsztat 4. Legionowo" in shown_text(at)
    assert len(at.get("download_button")) == 3
    next(b for b in at.button if b.key == "slide_next").click().run()
    assert at.title[0].value == "Kto wziął udział" and at.metric[0].value == "11 z 11 sektorów"
    for _ in range(3):
        next(b for b in at.button if b.key == "slide_next").click().run()
    assert at.title[0].value == "Propozycje do głosowania dziś" and at.metric[0].value == "15 propozycji"
    assert len(at.dataframe[0].value) == 15
    next(b for b in at.button if b.key == "slide_next").click().run()
    assert at.title[0].value == "Następny warsztat" and at.metric[0].value == "5. Nieporęt"
    assert not at.exception and not at.error
    next(b for b in at.button if b.key == "slide_prev").click().run()
    next(b for b in at.button if b.key == "slide_prev").click().run()
    assert at.title[0].value == "Propozycje według obszarów"


def test_presentation_keeps_the_other_downloads_when_one_report_fails(monkeypatch, tmp_path):
    from analysis import report

    def broken(*args: object) -> bytes:
        raise ValueError("All strings must be XML compatible")  # what a bad cell once did to a writer

    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path))  # a store of its own: no report cached
    monkeypatch.setattr(report, "to_xlsx", broken)
    at = open_page("views/prezentacja.py")  # no exception, no traceback
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Raport HTML (offline)", "Prezentacja PowerPoint"]
    assert any("Nie udało się przygotować raportu Excel" in w.value for w in at.warning)
    assert "XML compatible" not in shown_text(at)


def test_presentation_slides_and_workshop_are_chosen_beforehand():
    at = open_page("views/prezentacja.py")
    at.multiselect(key="show_slides").set_value(["areas", "next"]).run()
    at.selectbox(key="show_workshop").select(3).run()
    assert at.title[0].value == "Propozycje według obszarów"
    assert "Slajd 1 z 2 · warsztat 3. Jabłonna" in shown_text(at)
    assert at.metric[0].value == "26 propozycji"  # written in Serock and Wieliszew, before Jabłonna
    at.multiselect(key="show_slides").set_value([]).run()
    assert any("Nie wybrano żadnego slajdu" in i.value for i in at.info)
