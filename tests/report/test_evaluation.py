"""The yearly evaluation on the hand-made cycle (tests/report/evaluation_cycle.py, every number counted there):
the report, its HTML and ``metrics --json`` agree with the hand counts; what is missing is said plainly; every
number carries its definition and its files."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import glossary, metrics, metrics_json, report
from analysis.errors import UserError
from tests.helpers import closed_vote
from tests.report.evaluation_cycle import SOURCES, evaluation_cycle


@pytest.fixture(scope="module")
def data():
    return evaluation_cycle()


@pytest.fixture(scope="module")
def made(data):
    return report.build_evaluation(data, "2022", SOURCES, protocols=[closed_vote("2022", 3)])


@pytest.fixture(scope="module")
def page(made):
    return report.evaluation_html(made)


@pytest.fixture(scope="module")
def numbers(data):
    """What ``python -m analysis metrics --cycle 2022 --json`` prints for these data."""
    return metrics_json.document(metrics_json.view_for(data, "2022"))


def _block(made, title):
    [found] = [b for s in made.sections for b in s.blocks if b.title == title]
    return found


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_json_holds_the_hand_counts(numbers):
    assert numbers["participants"] == {"1": 4, "2": 3, "3": 4}
    assert numbers["unique_participants"] == 6 and numbers["institutions"] == 5 and numbers["sectors_represented"] == 4
    assert numbers["returning_participants"] == {"1": {"returning": 0, "new": 4}, "2": {"returning": 2, "new": 1},
                                                 "3": {"returning": 3, "new": 1}}
    assert numbers["cohort"] == {"1": {"attended": 4, "later": {"2": 2, "3": 2}}, "2": {"attended": 3, "later": {"3": 2}}}
    assert numbers["cohort_institutions"] == {"1": {"attended": 4, "later": {"2": 2, "3": 2}},
                                              "2": {"attended": 3, "later": {"3": 2}}}
    assert numbers["proposals_multi_sector_2"]["all"] == 0.5 and numbers["proposals_multi_sector_3"]["all"] == 0.25
    assert numbers["ei_index"] == {"all": pytest.approx(0.6), "by_workshop": {"1": 1.0, "2": 0.0}}
    blau = numbers["blau_index"]["by_workshop"]
    assert blau == {"1": pytest.approx(0.625), "2": pytest.approx(2 / 3), "3": pytest.approx(0.625)}
    assert numbers["network_density"] == {"institutions": 5, "ties": 5, "density": 0.5}
    per_10k = numbers["participants_per_10k"]
    assert per_10k["serock"]["per_10k"] == pytest.approx(2 / 14000 * 10000)
    assert per_10k["legionowo"]["per_10k"] == pytest.approx(2 / 54000 * 10000)
    assert (per_10k["jablonna"]["source"], per_10k["jablonna"]["year"]) == ("GUS BDL", 2021)
    assert numbers["status_reached"] == {"1": {"selected": 1, "in_progress": 0, "done": 0},
                                         "2": {"selected": 0, "in_progress": 0, "done": 0},
                                         "3": {"selected": 0, "in_progress": 0, "done": 0},
                                         "4": {"selected": 1, "in_progress": 1, "done": 0}}


def test_density_counts_a_pair_on_two_proposals_once_and_has_none_below_two_institutions(data):
    view = metrics.View(data, metrics.Filters(cycle="2022"))
    assert metrics.network_density(view) == metrics.NetworkDensity(5, 5)
    twice = data.proposals.copy()
    twice.loc[twice["cycle"] == "2022", "partners"] = "Urząd Gminy Serock"  # Alfa–Urząd on P1 and … P4
    twice.loc[twice["cycle"] == "2022", "lead"] = "Fundacja Alfa"
    same = metrics.View(type(data)(data.workshops, data.attendance, twice, as_of=data.as_of), metrics.Filters(cycle="2022"))
    assert metrics.network_density(same) == metrics.NetworkDensity(2, 1) and metrics.network_density(same).density == 1.0
    assert metrics.NetworkDensity(1, 0).density is None and metrics.NetworkDensity(0, 0).density is None


def test_the_summary_holds_the_hand_counts(made):
    summary = {n.key: n.value for n in made.summary}
    assert summary["workshops_held"] == "3 z 3"
    assert summary["unique_participants"] == "6" and summary["institutions"] == "5"
    assert summary["sectors_represented"] == "4 z 11"
    assert summary["returning_participants"] == "3 z 4 (warsztat 3. Jabłonna)"
    assert summary["proposals"] == "4"
    assert summary["proposals_multi_sector_2"] == "50% (2 z 4)" and summary["proposals_multi_sector_3"] == "25% (1 z 4)"
    assert summary["ei_index"] == "+0,60" and summary["network_density"] == "0,50"
    assert summary["status_reached"] == "wybrane do realizacji: 2, w realizacji: 1, zrealizowane: 0"
    assert summary["vote_balance"] == "spełniona w 0 z 1 głosowania"  # the public sector cast 4 of 7 ballots


def test_the_sections_hold_the_hand_counts(made):
    assert [s.key for s in made.sections] == ["participation", "people", "cooperation", "proposals", "votes", "survey",
                                              "cycles"]
    workshops = _block(made, "Uczestnicy warsztatów cyklu").data
    assert workshops.values.tolist() == [["1. Serock", 4], ["2. Wieliszew", 3], ["3. Jabłonna", 4]]
    returning = _block(made, "Nowi i powracający uczestnicy").data
    assert returning.values.tolist() == [["1. Serock", 4, 0], ["2. Wieliszew", 1, 2], ["3. Jabłonna", 1, 3]]
    cohorts = _block(made, "Kto wraca na kolejne warsztaty").data
    assert cohorts.values.tolist() == [["1. Serock → 2. Wieliszew", 4, 2], ["1. Serock → 3. Jabłonna", 4, 2],
                                       ["2. Wieliszew → 3. Jabłonna", 3, 2]]
    institutions = _block(made, "Kto wraca: instytucje").data
    assert institutions[institutions.columns[2]].tolist() == [2, 2, 2]
    diversity = _block(made, "Współpraca i różnorodność sektorów").data
    assert diversity["Indeks E-I"].tolist()[:2] == [1.0, 0.0] and pd_round(diversity["Indeks Blaua"]) == [0.625, 0.667,
                                                                                                        0.625]
    density = _block(made, glossary.label("network_density"))
    assert density.data["Wartość"].tolist() == [5, 5, "0,50"] and density.headline == "gęstość 0,50"
    population = _block(made, "Liczba mieszkańców: skąd i z którego roku")
    assert population.text == ("Liczba mieszkańców gmin według tabeli gmin w magazynie: GUS BDL, rok 2021.",)
    rows = [[gmina, people, None if pd.isna(residents) else residents]
            for gmina, people, residents, *_ in population.data.values.tolist()]
    assert rows == [["Legionowo", 2, 54000], ["Jabłonna", 1, 21000], ["Nieporęt", 0, None], ["Serock", 2, 14000],
                    ["Wieliszew", 0, None], ["Spoza powiatu", 1, None]]
    vote = _block(made, "Głosowanie na warsztacie 3. Legionowo")
    assert vote.headline == "zasada 49% niespełniona"
    assert vote.data.values.tolist()[-1] == ["Sektor publiczny razem", 4, pytest.approx(4 / 7)]


def pd_round(column):
    return [round(float(v), 3) for v in column]


def test_what_is_not_recorded_is_said_plainly_and_nothing_is_made_up(made, page):
    missing = [b for s in made.sections for b in s.blocks if b.missing]
    assert [b.title for b in missing] == ["Płeć i wiek uczestników", "Ankieta partnerów"]
    assert all(b.data is None for b in missing)
    text = _text(page)
    assert "nie przeprowadzono ankiety partnerów" in text
    assert "nie zawierają płci ani grupy wieku" in text
    assert "Brak danych:" in text


def test_without_a_vote_a_gmina_table_or_a_cycle_before_the_report_says_so(data):
    alone = type(data)(*(frame[frame["cycle"] == "2022"] for frame in (data.workshops, data.attendance, data.proposals)),
                       as_of=data.as_of)
    made = report.build_evaluation(alone, "2022", SOURCES)
    text = _text(report.evaluation_html(made))
    assert "nie głosowano w panelu" in text and "zasady 49% nie da się dla nich sprawdzić" in text
    assert "Magazyn nie ma tabeli gmin z liczbą mieszkańców" in text
    assert "nie ma cyklu wcześniejszego niż 2022" in text


def test_every_number_carries_its_definition_and_its_files(made, page):
    defined = {key for key, _, _ in made.terms}
    assert {n.key for n in made.summary} <= defined
    in_blocks = {t for s in made.sections for b in s.blocks for t in b.terms}
    assert {n.key for n in made.summary} <= in_blocks  # each summary number is shown again with its definition
    text = _text(page)
    for key in defined:
        assert glossary.definition(key) in text or _text(glossary.definition(key)) in text, key
    for section in made.sections:
        for block in section.blocks:
            if block.data is not None:
                assert block.terms and block.sources, block.title
    assert "lista_1_serock.xlsx" in _block(made, "Nowi i powracający uczestnicy").sources
    assert _block(made, "Liczba mieszkańców: skąd i z którego roku").sources[-1] == "gminy_bdl_2021.csv"
    assert "propozycje_2022.xlsx" in _block(made, glossary.label("network_density")).sources
    assert "lista_2021.xlsx" in _block(made, "Cykl do cyklu: sumy").sources
    assert "lista_2021.xlsx" not in _block(made, "Nowi i powracający uczestnicy").sources
    assert [s.file for s in made.sources] == [s["file"] for s in SOURCES]


def test_the_html_is_one_accessible_document_with_a_page_per_section(made, page):
    assert page.startswith("<!doctype html><html lang='pl'>")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page and "@import" not in page and "url(" not in page.replace("url(#", "")
    headings = re.findall(r"<h([1-3])", page)
    assert headings[0] == "1" and headings.count("1") == 1 and "3" in headings
    assert page.count("<section class='chapter'") == len(made.sections) + 2  # the glossary and the files too
    assert ".chapter{break-before:page" in page and "figure{margin:.6rem 0;break-inside:avoid" in page
    assert '@bottom-right{content:"Strona " counter(page) " z " counter(pages)' in page
    charts = re.findall(r"<svg role='img' aria-labelledby='([^' ]+) ([^']+)'", page)
    assert charts and all(f"<title id='{t}'>" in page and f"<desc id='{d}'>" in page for t, d in charts)
    text = _text(page)
    for value in ("6", "5", "4 z 11", "50% (2 z 4)", "25% (1 z 4)", "+0,60", "0,50", "0,63", "0,67", "1,4", "57,1%"):
        assert value in text, value


def test_the_summary_and_footer_text_is_escaped(data):
    tricky = evaluation_cycle()
    made = report.build_evaluation(tricky, "2022", [dict(SOURCES[1], file="<b>lista</b>.xlsx")])
    made.office = 'Urząd "</style><script>x</script>'
    page = report.evaluation_html(made)
    assert "<script>x" not in page and "&lt;b&gt;lista&lt;/b&gt;.xlsx" in page


def test_an_unknown_cycle_is_refused_in_polish(data):
    with pytest.raises(UserError) as refused:
        report.build_evaluation(data, "2017")
    assert refused.value.code == "no_such_cycle" and "2021, 2022" in refused.value.message


@pytest.fixture
def surveyed(data, url):
    """The hand-made cycle's report with the hand-made surveys of 2022 and 2021 in a store (tests/report/
    evaluation_cycle.py: every mean counted there)."""
    from analysis.store import open_store
    from tests.report.evaluation_cycle import fill_surveys
    from tests.stores import KEY

    store = open_store(url, key=KEY, seed_sample=False)
    surveys = fill_surveys(store)
    yield surveys, report.build_evaluation(data, "2022", SOURCES, protocols=[closed_vote("2022", 3)], surveys=surveys)
    store.engine.dispose()


def test_the_survey_section_holds_the_hand_counted_means_by_factor_and_sector_with_a_small_sector_suppressed(surveyed):
    surveys, made = surveyed
    [section] = [s for s in made.sections if s.key == "survey"]
    assert [b.title for b in section.blocks] == ["Ankieta partnerów na warsztacie 3. Jabłonna",
                                                 "Odpowiedzi na pytanie otwarte (warsztat 3. Jabłonna)",
                                                 "Ankieta obok poprzedniego cyklu"]
    means, answers, beside = section.blocks
    assert means.headline == "8 odpowiedzi" and not means.missing
    assert list(means.data.columns) == ["Czynnik", "Wszyscy (8)", "Samorząd (gminy i powiat) (3)",
                                        "Przedsiębiorcy (<3)", "Organizacje pozarządowe (3)"]
    rows = {r[0]: r[1:] for r in means.data.values.tolist()}
    assert rows["Wspólny cel"][0] == 3.5 and rows["Wspólny cel"][1] == 4.0 and rows["Wspólny cel"][3] == 3.0
    assert rows["Zaufanie"][0] == 3.56 and rows["Zaufanie"][1] == 3.83 and rows["Zaufanie"][3] == 3.33
    assert all(rows[f][0] == 3.5 for f in rows if f != "Zaufanie")
    assert means.data["Przedsiębiorcy (<3)"].isna().all()  # 2 respondents: no mean
    assert means.chart and means.series == ("Wszyscy (8)", "Samorząd (gminy i powiat) (3)",
                                            "Organizacje pozarządowe (3)")  # the suppressed sector is not drawn
    assert answers.items == ("Lepsza informacja po warsztatach.", "Więcej spotkań w gminach.", "Zaprosić szkoły.")
    assert answers.headline == "3 odpowiedzi" and "Co jedna zmiana" in answers.text[0]
    assert beside.chart and list(beside.data.columns) == ["Czynnik", "Cykl 2021 (3)", "Cykl 2022 (8)"]
    assert beside.data.values.tolist()[:2] == [["Wspólny cel", 3.33, 3.5], ["Zaufanie", 3.33, 3.56]]
    assert surveys.result(surveys.newest("2021")[0]).by_sector["ngo"].shown_count == "<3"


def test_the_survey_chart_has_a_text_alternative_and_its_table_and_the_open_answers_are_listed(surveyed):
    _, made = surveyed
    page = report.evaluation_html(made)
    survey = page[page.index("<section class='chapter' id='survey'"):page.index("<section class='chapter' id='cycles'")]
    charts = re.findall(r"<svg role='img' aria-labelledby='([^' ]+) ([^']+)'", survey)
    assert len(charts) == 2  # the means by sector, the cycle beside the one before
    desc = re.search(r"<desc id='[^']+'>([^<]+)</desc>", survey).group(1)
    assert "Wykres słupkowy: Wszyscy (8), Samorząd (gminy i powiat) (3), Organizacje pozarządowe (3)" in desc
    assert "Zaufanie: Wszyscy (8) 3,56, Samorząd (gminy i powiat) (3) 3,83, Organizacje pozarządowe (3) 3,33" in desc
    assert "<caption>Ankieta partnerów na warsztacie 3. Jabłonna: dane</caption>" in survey
    text = _text(survey)
    assert "Przedsiębiorcy (<3)" in survey.replace("&lt;", "<")
    head = re.findall(r"<th scope='col'>([^<]*)</th>", survey)
    business = head.index("Przedsiębiorcy (&lt;3)")
    [trust] = re.findall(r"<tr><th scope='row'>Zaufanie</th>((?:<td>[^<]*</td>)+)</tr>", survey)[:1]
    cells = re.findall(r"<td>([^<]*)</td>", trust)
    assert cells[0] == "3,56" and cells[business - 1] == "brak"  # the suppressed sector's cell says so, not blank
    assert "<ul class='answers'>" in survey and text.index("Lepsza informacja") < text.index("Zaprosić szkoły")
    assert "Cykl 2021 (3)" in text and "3,56" in text and "3,83" in text


def test_the_json_holds_the_hand_counted_survey_and_the_cycle_before(data, surveyed):
    surveys, _ = surveyed
    before = surveys.newest("2021")
    found = metrics_json.document(metrics_json.view_for(data, "2022"), {}, surveys.of_cycle("2022"),
                                  (before[0].cycle, before[0].workshop, before[1]))
    survey = found["survey"]["3"]
    assert survey["respondents"] == 8 and survey["comments"] == 3 and survey["state"] == "closed"
    assert survey["means"]["purpose"] == 3.5 and survey["means"]["trust"] == 3.56
    assert survey["by_sector"]["local_government"] == {"respondents": "3", "means": {
        "purpose": 4.0, "trust": 3.83, "communication": 4.0, "resources": 4.0, "influence": 4.0, "results": 4.0}}
    assert survey["by_sector"]["business"] == {"respondents": "<3", "means": None}
    assert found["survey_previous_cycle"]["means"]["trust"] == 3.33


def test_a_survey_under_three_respondents_publishes_no_open_answer():
    small = pd.DataFrame({"sector": ["ngo", "ngo"], "scores": [[4] * 12, [3] * 12], "comment": ["Tak.", "Nie."]})
    assert metrics.survey_open_answers(small) == []
    three = pd.concat([small, pd.DataFrame({"sector": ["business"], "scores": [[5] * 12], "comment": [None]})])
    assert metrics.survey_open_answers(three) == ["Nie.", "Tak."]
