"""The sector participation page with the sample: per 10 000 residents is the report's number."""

from __future__ import annotations

import pytest

from analysis import metrics, report
from tests.helpers import figures, open_page


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


@pytest.mark.usefixtures("fresh_store")
def test_the_participation_page_shows_gender_and_age_as_shares_with_small_groups_suppressed():
    from analysis.store import open_store
    from tests import fixtures as fx
    from tests.checkin.support import fill, upload

    store = open_store()
    fill(store)  # the office's 2026 schedule and the first workshop's list (no gender, no age)
    people = [("Ewa Lis", "K", 1990), ("Ida Wilk", "kobieta", 1991), ("Ola Maj", "K", "34"), ("Iza Bąk", "Kobieta", ""),
              ("Jan Kos", "M", 1950), ("Adam Lew", "mężczyzna", 1960), ("Kim Sen", "", 2000)]
    listed = fx.xlsx_bytes({"Lista": [["Lista obecności – warsztat 2"],
                                      ["Imię i nazwisko", "Instytucja", "Sektor", "Gmina", "Płeć", "Rok urodzenia"],
                                      *[[n, "Fundacja Razem", "NGO", "Serock", g, y] for n, g, y in people]]})
    store.import_uploads([upload(store, "lista_2.xlsx", listed, workshop=2)])
    at = open_page("views/uczestnictwo.py")
    [gender] = [t.value for t in at.dataframe if "Płeć" in t.value.columns]
    assert gender["Płeć"].tolist() == ["Kobieta", "Mężczyzna", "Inna", "Nie podano"]
    [column] = [c for c in gender.columns if c.startswith("2.")]
    assert gender[column].tolist() == ["57% (4)", "<3", "0", "<3"]  # 7 people: 4 women, 2 men, 1 not given
    assert "Płeć i grupa wieku uczestników" in [s.value for s in at.subheader]
    assert not [t for t in at.dataframe if "Imię i nazwisko" in t.value.columns]  # never per person
