"""Part B of issue 12 on the pages, with the sample (2018 and 2019): the same numbers as ``metrics`` and the
reports, the cycle filter across views, a status and a gmina table saved on the page."""

from __future__ import annotations

from analysis import metrics, report
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


def test_per_10k_on_the_participation_page_is_the_reports_number():
    at = open_page("views/uczestnictwo.py")
    shown = figures(at)["Uczestnicy na 10\u00a0000 mieszkańców według gminy pochodzenia"]
    texts = " ".join(a["text"] for a in shown["layout"]["annotations"])
    data = _sample_dataset()
    view, _ = report.for_workshop(data)  # the report's view: the workshops before the next one (1–3)
    made = report.build(data, keys=["per_10k"])
    rates = made.slides[0].data.set_index("Gmina")["Na 10 000 mieszkańców"]
    assert "Serock" in texts and "Spoza powiatu" in texts
    assert "<b>" + f"{rates['Serock']:.1f}".replace(".", ",") + "</b>" in texts
    assert metrics.participants_per_10k(view).set_index("gmina").loc["serock", "per_10k"] == rates["Serock"]


def _sample_dataset():
    from analysis.store import open_store

    return open_store().dataset()


def test_cycle_over_cycle_page_compares_the_two_sample_cycles():
    at = open_page("views/cykle.py")
    assert not at.error
    values = {m.label: m.value for m in at.metric}
    assert values["Unikalni uczestnicy"] == "134 → 112"
    bars = figures(at)["Uczestnicy warsztatów: cykl 2018 i 2019"]["data"]
    assert [b["y"] for b in bars] == [[86, 93, 101], [72, 80, 77]]
    assert "Udział sektorów: cykl 2018 i 2019" in figures(at)


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
