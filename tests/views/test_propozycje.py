"""The proposals page with the sample (2018 and 2019): the same numbers as ``metrics`` and the show, the cycle
chosen in the sidebar, a status saved on the page, proposals without partners."""

from __future__ import annotations

from analysis import charts, metrics, report
from analysis.metrics import Filters, View
from tests.helpers import figures, open_page, shown_text


def _sample_view(cycle: str | None = None) -> metrics.View:
    from analysis.store import open_store

    return metrics.View(open_store().dataset(), metrics.Filters(cycle=cycle))


def test_the_sample_shows_2018_by_default_and_2019_when_chosen():
    at = open_page("views/propozycje.py")
    assert at.selectbox(key="f_cycle").value == "2018"
    reached = figures(at)["Od pomysłu do projektu: propozycje, które doszły do etapu"]
    selected = next(t for t in reached["data"] if t["name"] == "wybrana do realizacji")
    expected = metrics.status_reached_by_area(_sample_view("2018"))
    assert selected["y"] == expected.loc[expected["stage"] == "selected", "proposals"].tolist()
    at.selectbox(key="f_cycle").select("2019").run()
    assert not at.exception
    shown = figures(at)
    done = next(t for t in shown["Od pomysłu do projektu: propozycje, które doszły do etapu"]["data"]
                if t["name"] == "zrealizowana")
    assert done["y"] == [0, 2, 0, 0]
    assert "Statusy propozycji w czasie" in shown and "Rozrzut głosów w obszarach" in shown


def test_a_status_saved_on_the_page_appears_in_the_history():
    at = open_page("views/propozycje.py")
    at.selectbox(key="status_proposal").select((1, 1))
    at.selectbox(key="status_new").select("done")
    at.button(key="FormSubmitter:status_change-Zapisz status").click().run()
    assert not at.exception
    assert "Zapisano status „zrealizowana”" in shown_text(at)
    done = next(t for t in figures(at)["Od pomysłu do projektu: propozycje, które doszły do etapu"]["data"]
                if t["name"] == "zrealizowana")
    assert done["y"][0] == 1  # 1/1 "Lokalny bon zakupowy" is in area 1


def test_proposals_without_partners_say_so_instead_of_zero_percent(sample):
    assert metrics.proposals_with_partners(View(sample, Filters(cycle="2018"))) == 37  # of 41: four cells empty in the file
    assert metrics.proposals_with_partners(View(sample, Filters(cycle="2019"))) == 0
    cooperation = {s.key: s for s in report.build(sample, cycle="2019").slides}["cooperation"]
    assert (cooperation.headline, cooperation.message, cooperation.figure) == ("—", charts.EMPTY["no_partners"], None)
