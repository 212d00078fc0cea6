"""Optional gender and age group at the check-in: into the closed check-in's batch, never onto the paper list."""

from __future__ import annotations

import pytest

from analysis import metrics
from analysis.errors import UserError
from tests.checkin.support import form


def test_the_attributes_given_at_the_door_go_into_the_batch_and_not_onto_the_list(desk):
    store, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Anna Kowalska", gender="female", age_group="30_44"))
    checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem", gender="Kobieta", age_group="do 29 lat",
                           channel="phone"))
    checkins.check_in(form(checkin.id, "Ida Wilk", gender="female", age_group="Nie podano"))
    checkins.check_in(form(checkin.id, "Adam Kos", gender="Nie podano"))  # the default: not given
    with pytest.raises(UserError) as refused:
        checkins.check_in(form(checkin.id, "Piotr Lis", gender="kot"))
    assert refused.value.code == "checkin_attribute_invalid" and "Kobieta, Mężczyzna, Inna" in refused.value.message
    with pytest.raises(UserError):  # a form offers groups, never an age
        checkins.check_in(form(checkin.id, "Piotr Lis", age_group="34"))
    closed = checkins.close(checkin.id)
    attendance = store.dataset().attendance
    mine = attendance[(attendance["cycle"] == "2026") & (attendance["workshop"] == 2)]
    assert sorted(mine["gender"].fillna("-")) == ["-", "female", "female", "female"]
    assert sorted(mine["age_group"].fillna("-")) == ["-", "-", "30_44", "under_30"]
    view = metrics.View(store.dataset(), metrics.Filters(cycle="2026", workshops=(2,)))
    shares = metrics.attribute_shares(view)
    gender = shares[(shares["scope"] == "workshop") & (shares["attribute"] == "gender")]
    # 3 women and 1 not given: the one would be the total minus the three, and the three the total minus one
    assert set(gender["suppressed"]) == {"hidden"} and gender["people"].isna().all()
    # the paper list for signatures has names, institutions, sectors and gminas: no gender or age
    from openpyxl import load_workbook

    cells = {str(c.value) for ws in load_workbook(closed.list_path).worksheets for row in ws.iter_rows() for c in row
             if c.value is not None}
    assert "Anna Kowalska" in cells
    assert not cells & {"Kobieta", "female", "30–44 lata", "30_44", "do 29 lat", "Płeć", "Grupa wieku"}
