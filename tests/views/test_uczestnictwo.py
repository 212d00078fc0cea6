"""The sector participation page with the sample: per 10 000 residents is the report's number."""

from __future__ import annotations

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
