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
