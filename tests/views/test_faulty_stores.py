"""No stored data crashes a page: every page opened over stores in which each field in turn is empty, unknown
or absurd (``tests.faulty``; every CLI command on them: tests/cli/test_faulty_stores.py); and the cases once
reported."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis.store import open_store
from analysis.voting.ballot_box import Votes
from tests import faulty
from tests import fixtures as fx
from tests.helpers import ROOT, open_page, shown_text
from tests.stores import upload


@pytest.fixture(autouse=True)
def fresh_store(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path))
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_a_vote_is_prepared_on_a_proposal_whose_area_was_not_recognised():
    rows = [["Nr", "Tytuł propozycji", "Obszar", "Lider", "Sektor lidera", "Status"],
            [1, "Bon lokalny", "obszar piąty", "Fundacja A", "NGO", "pod głosowanie"],
            [2, "Inkubator", "II", "Firma B sp. z o.o.", "przedsiębiorca", "pod głosowanie"]]
    store = open_store()
    done = upload("propozycje.xlsx", fx.xlsx_bytes({"Warsztat 3": rows}), workshop=3)
    assert [p.code for p in done.result.tables[0].problems] == ["area_unknown"]
    store.import_uploads([done])
    at = open_page("views/glosowanie.py")
    [choices] = [n for n in at.number_input if n.label.startswith("Ile propozycji")]
    choices.set_value(1)
    [submit] = [b for b in at.button if b.label == "Przygotuj głosowanie"]
    submit.click().run()
    assert not at.exception, at.exception
    [vote] = Votes(open_store()).all()
    assert [(c.title, c.area) for c in Votes(open_store()).choices(vote.id)] == [("Bon lokalny", None),
                                                                                ("Inkubator", 2)]
    assert "Przygotowano głosowanie" in shown_text(at)


def errors(at: AppTest) -> list[str]:
    """The page's error boxes, but the voting balance's verdict (a result, shown in red when the 49% rule fails)."""
    return [e.value for e in at.error if not e.value.startswith("Uwaga: zasada 49% nie jest spełniona")]


PAGES = ["views/przeglad.py", "views/uczestnictwo.py", "views/propozycje.py", "views/postep.py",
         "views/zaproszenia.py", "views/cykle.py", "views/prezentacja.py", "views/glosowanie.py", "views/dane.py",
         "views/historia.py", "views/slownik.py", "views/rejestracja.py"]


@pytest.mark.parametrize("fault", [None, *faulty.FAULTS])
def test_every_page_opens_on_a_store_with_faulty_fields_in_every_cycle(fault, tmp_path):
    faulty.build(f"sqlite:///{tmp_path / 'partnerstwo.sqlite'}", fault)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    cycles = at.selectbox(key="f_cycle").options
    assert "2026" in cycles and len(cycles) == {None: 1, "empty": 2, "unknown": 3, "absurd": 2}[fault]
    for cycle in cycles:
        at.selectbox(key="f_cycle").set_value(cycle).run()
        for page in PAGES:
            at.switch_page(page).run()
            assert not at.exception, (cycle, page, at.exception)
            assert not at.error, (cycle, page, [e.value for e in at.error])
    # the open vote (on the faulty proposals too) is closed, its result saved and shown on the projector
    at.selectbox(key="f_cycle").set_value("2026").run()
    at.switch_page("views/glosowanie.py").run()
    at.checkbox(key="close_ok").check().run()
    [close] = [b for b in at.button if b.label == "Zamknij głosowanie i pokaż wynik"]
    close.click().run()
    assert not at.exception and not errors(at), (at.exception, errors(at))
    assert "Głosowanie zamknięte" in shown_text(at)
    [save] = [b for b in at.button if b.label == "Zapisz wynik w magazynie"]
    save.click().run()
    assert not at.exception and not errors(at), (at.exception, errors(at))
    at.button(key="to_projector").click().run()
    assert not at.exception and not errors(at), (at.exception, errors(at))
    for page in PAGES:  # and every page opens on the saved result
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)


def test_the_dashboard_leaves_an_empty_file_where_the_store_should_be_and_says_what_to_do(tmp_path):
    (tmp_path / "partnerstwo.sqlite").write_bytes(b"")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert any("jest pusty (0 bajtów)" in e.value and "Przywróć magazyn z kopii zapasowej" in e.value for e in at.error)
    assert (tmp_path / "partnerstwo.sqlite").read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partnerstwo.sqlite"]
