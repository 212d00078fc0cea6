"""Every view through AppTest: it renders, shows the sample cycle's known numbers, obeys the filters."""

from __future__ import annotations

import json
import threading
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
    "views/zaproszenia.py": "Kogo zaprosić",
    "views/cykle.py": "Cykl do cyklu",
    "views/prezentacja.py": "Prezentacja i raporty",
    "views/rejestracja.py": "Rejestracja",
    "views/glosowanie.py": "Głosowanie",
    "views/dane.py": "Import danych",
    "views/historia.py": "Historia importu",
    "views/slownik.py": "Słownik pojęć",
}


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_every_page_renders_in_polish_and_marks_the_sample_data(page, title):
    """Each page opened once on the sample: its Polish title, no error, the sample's banner, no code on a chart,
    and every choice box with a Polish placeholder, not Streamlit's "Choose an option" / "Choose options" when
    nothing is chosen (or the list is empty)."""
    at = open_page(page)
    assert at.title[0].value == title
    assert not at.error
    assert "Dane przykładowe" in shown_text(at), page
    boxes = [*at.selectbox, *at.multiselect]
    assert boxes  # the sidebar's filters at least
    unset = [b.label for b in boxes if not b.proto.placeholder or b.proto.placeholder.startswith("Choose")]
    assert unset == [], unset
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


def test_the_pages_numbers_are_prepared_once_per_dataset_in_the_background_and_agree_with_the_page(
        background_numbers, sample_folder, monkeypatch):
    """After the first page is drawn the server counts every page's first numbers in a thread (views/_data.py);
    the page drawn again from them shows the same numbers, and the next runs start no second count."""
    from views import _data

    prepared = []
    original = _data.prepare
    monkeypatch.setattr(_data, "prepare", lambda dataset: prepared.append(dataset) or original(dataset))
    at = open_page("views/przeglad.py")
    shown = {m.label: m.value for m in at.metric}
    [thread] = [t for t in threading.enumerate() if t.name == _data.PREPARING_THREAD] or [None]
    if thread is not None:
        thread.join(60)
    [dataset] = prepared
    assert dataset.memo["prepared"].is_set()
    at.run()
    assert {m.label: m.value for m in at.metric} == shown
    at.switch_page("views/uczestnictwo.py").run()
    assert not at.exception, at.exception
    assert len(prepared) == 1


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


def shown_slides(at: AppTest) -> list[tuple[str, str, str]]:
    """(key, title, headline) of every page of the show the presentation page embeds."""
    import re

    [frame] = at.get("iframe")
    slides = []
    for key, inner in re.findall(r"<section class='slide[^']*' data-key='([^']*)'>(.*?)</section>", frame.proto.srcdoc):
        title = re.search(r"<h1 class='title'>(.*?)</h1>", inner).group(1)
        headline = re.search(r"<p class='(?:headline|pageinfo)'>(.*?)</p>", inner)
        slides.append((key, title, headline.group(1) if headline else ""))
    return slides


def test_presentation_page_embeds_the_show_with_every_slide():
    at = open_page("views/prezentacja.py")
    slides = shown_slides(at)
    assert [key for key, _, _ in slides] == ["cover", "cycle", "sectors", "balance", "per_10k", "cohort", "areas",
                                             "cooperation", "projects", "status_time", "votes_spread", "vote", "vote",
                                             "vote", "vote", "next"]  # no "cycles": none before 2018
    assert slides[0][1] == "Warsztat 4. Legionowo"  # the upcoming workshop by default
    assert slides[1][1:] == ("Cykl do tej pory", "134 osoby")
    assert slides[2][1:] == ("Kto wziął udział", "11 z 11 sektorów")
    assert slides[4][1:] == ("Uczestnicy na 10 000 mieszkańców", "Serock: 15,0")
    assert slides[5][1:] == ("Kto wraca na kolejne warsztaty", "74 z 93 osób")
    assert slides[7][1:] == ("Współpraca sektorów w propozycjach", "85% propozycji")
    assert slides[8][1:] == ("Od pomysłu do projektu", "13 wybranych")
    assert slides[11][1:] == ("Propozycje do głosowania dziś", "15 propozycji")
    assert [h for _, _, h in slides[12:15]] == ["1–5 z 15 · strona 1 z 3", "6–10 z 15 · strona 2 z 3",
                                               "11–15 z 15 · strona 3 z 3"]
    assert slides[15][1:] == ("Następny warsztat", "5. Nieporęt")
    document = at.get("iframe")[0].proto.srcdoc
    assert "<script id='plotly-file' src='app/static/" in document  # the library as a file the browser caches
    assert len(at.get("download_button")) == 5  # the show, HTML, Excel, PowerPoint; the cycle's evaluation
    assert not at.exception and not at.error


def test_presentation_show_is_rebuilt_only_when_the_settings_change(monkeypatch):
    from analysis import report

    made = []
    original = report.to_show
    monkeypatch.setattr(report, "to_show", lambda *a, **k: made.append(1) or original(*a, **k))
    at = open_page("views/prezentacja.py")
    at.selectbox(key="show_workshop").select(2).run()
    first, built = at.get("iframe")[0].proto.srcdoc, len(made)
    assert "Warsztat 2. Wieliszew" in first
    at.toggle(key="show_fullscreen").set_value(False).run()  # reruns that change nothing in the show
    at.run()
    assert len(made) == built and at.get("iframe")[0].proto.srcdoc == first
    at.multiselect(key="show_slides").set_value(["cycle", "next"]).run()
    assert len(made) == built + 1 and at.get("iframe")[0].proto.srcdoc != first


def test_presentation_builds_no_report_until_its_download_is_asked_for(monkeypatch, tmp_path):
    """A writer that fails (as a control character once made the Excel one) cannot break the page."""
    from analysis import report

    def broken(*args: object) -> bytes:
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path))  # a store of its own: nothing cached
    for writer in ("to_xlsx", "to_pptx", "to_html", "evaluation_html", "build_evaluation"):
        monkeypatch.setattr(report, writer, broken)
    at = open_page("views/prezentacja.py")  # no exception, no traceback
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == [
        "Pokaz slajdów (HTML, offline)", "Raport HTML (offline)", "Raport Excel", "Prezentacja PowerPoint",
        "Ocena partnerstwa za cykl (HTML do druku)"]
    assert "XML compatible" not in shown_text(at)


def test_presentation_slides_and_workshop_are_chosen_beforehand():
    at = open_page("views/prezentacja.py")
    at.multiselect(key="show_slides").set_value(["areas", "next"]).run()
    at.selectbox(key="show_workshop").select(3).run()
    slides = shown_slides(at)
    assert [key for key, _, _ in slides] == ["cover", "areas", "next"]
    assert slides[0][1] == "Warsztat 3. Jabłonna"
    assert slides[1][2] == "26 propozycji"  # written in Serock and Wieliszew, before Jabłonna
    at.multiselect(key="show_slides").set_value([]).run()
    assert any("Nie wybrano żadnego slajdu" in i.value for i in at.info)
    assert not at.get("iframe")
