"""The data view (``analysis.metrics.view``): the one place that refuses a cycle or a workshop the store lacks,
with a Polish sentence naming the ones it has."""

from __future__ import annotations

import pytest

from analysis import metrics
from analysis.errors import UserError
from tests.helpers import small_cycle


def test_an_unknown_cycle_is_refused_naming_the_cycles_of_the_store():
    with pytest.raises(UserError) as refused:
        metrics.refuse_unknown(small_cycle(), cycle="2017")
    assert refused.value.code == "no_such_cycle"
    assert str(refused.value) == "W magazynie nie ma cyklu „2017”. Cykle w magazynie: 2021. Podaj jeden z nich."


def test_an_unknown_workshop_is_refused_naming_the_workshops_of_its_cycle():
    with pytest.raises(UserError) as refused:
        metrics.refuse_unknown(small_cycle(), cycle="2021", workshop=9, command_line=True)
    assert refused.value.code == "no_such_workshop"
    assert str(refused.value) == ("W cyklu 2021 nie ma warsztatu 9. Warsztaty tego cyklu: 1. Serock, 2. Wieliszew, "
                                  "3. Jabłonna. Podaj numer jednego z nich (--workshop).")


def test_a_known_cycle_and_workshop_pass_and_none_means_the_current_cycle():
    metrics.refuse_unknown(small_cycle(), cycle="2021", workshop=3)  # planned, not held: still the cycle's
    metrics.refuse_unknown(small_cycle(), workshop=1)
    metrics.refuse_unknown(small_cycle())


def test_a_report_refuses_a_workshop_in_the_same_sentence_and_accepts_the_summary_after_the_last():
    """The report's refusal is the view's; it also takes the workshop after the last held one when none
    is planned (a summary of the cycle), and names it."""
    from analysis import report
    from analysis.dataset import dataset_frames

    whole = small_cycle()
    for workshop in (3, 9):
        with pytest.raises(UserError) as by_view:
            metrics.refuse_unknown(whole, "2021", workshop + 6, command_line=True)
        with pytest.raises(UserError) as by_report:
            report.check_workshop(whole, workshop + 6, "2021", command_line=True)
        assert (by_report.value.code, by_report.value.message) == (by_view.value.code, by_view.value.message)
    held = dataset_frames(whole.workshops[whole.workshops["workshop"] < 3], whole.attendance, whole.proposals,
                          as_of=whole.as_of)  # Serock and Wieliszew held, nothing planned
    report.check_workshop(held, 3)  # the summary after Wieliszew
    with pytest.raises(UserError) as refused:
        report.check_workshop(held, 4)
    assert refused.value.code == "no_such_workshop"
    assert refused.value.message == ("W cyklu 2021 nie ma warsztatu 4. Warsztaty tego cyklu: 1. Serock, 2. Wieliszew "
                                     "(albo 3 — podsumowanie po ostatnim warsztacie). Podaj numer jednego z nich.")
    with pytest.raises(UserError):
        metrics.refuse_unknown(held, workshop=3)  # the summary is a report's, not a workshop of the cycle's
