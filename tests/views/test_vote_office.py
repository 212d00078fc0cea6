"""The voting page at the office (``views/_vote_office.py``): prepare, print, open, paper cards, the protocol's check."""

from __future__ import annotations

import pytest

from analysis.store import open_store
from analysis.voting import codes
from analysis.voting.ballot_box import Votes
from tests.helpers import open_page, shown_text
from tests.views.voting import phone, prepared, vote_on

pytestmark = pytest.mark.usefixtures("fresh_store")


def test_the_office_prepares_a_vote_on_the_waiting_proposals_and_prints_cards():
    at = open_page("views/glosowanie.py")
    assert at.title[0].value == "Głosowanie"
    assert at.selectbox(key="new_vote_workshop").value == 4  # the next workshop: Legionowo
    [chosen] = [m for m in at.multiselect if m.label.startswith("Propozycje na karcie")]
    assert len(chosen.value) == 15 and {w for w, _ in chosen.value} == {3}  # "pod głosowanie" from Jabłonna
    [submit] = [b for b in at.button if b.label == "Przygotuj głosowanie"]
    submit.click().run()
    [vote] = Votes(open_store()).all()
    assert (vote.workshop, vote.max_choices, len(Votes(open_store()).choices(vote.id))) == (4, 3, 15)
    assert "Przygotowano głosowanie" in shown_text(at) and "Panel słucha teraz tylko na tym komputerze" in shown_text(at)
    [sector] = [s for s in at.selectbox if s.label == "Sektor kart"]
    sector.set_value("education")
    [count] = [n for n in at.number_input if n.label == "Liczba kart"]
    count.set_value(9)
    [make] = [b for b in at.button if b.label == "Utwórz karty do druku"]
    make.click().run()
    assert Votes(open_store()).issued(vote.id) == {"education": 9}
    [download] = at.get("download_button")
    assert "karty_Edukacja_9" in download.proto.label
    [opening] = [b for b in at.button if b.label == "Otwórz głosowanie"]
    opening.click().run()
    assert Votes(open_store()).get(vote.id).state == "open" and "Głosowanie otwarte" in shown_text(at)


def test_paper_cards_typed_by_the_office_and_phone_ballots_combine_without_counting_a_card_twice():
    votes, vote, cards = prepared()
    at = open_page("views/glosowanie.py")
    form_input = [t for t in at.text_input if t.label.startswith("Kod z karty albo")][0]
    scanned = codes.card_url(vote.address, cards["business"][0].token)  # a QR reader types the URL
    form_input.input(scanned)
    [picked] = [m for m in at.multiselect if m.label.startswith("Propozycje zaznaczone")]
    picked.set_value([2, 4])
    [save] = [b for b in at.button if b.label == "Zapisz kartę papierową"]
    save.click().run()
    assert "Zapisano kartę papierową sektora Przedsiębiorcy" in shown_text(at)
    assert "Ta karta już głosowała" in shown_text(phone(cards["business"][0].token))
    vote_on(phone(cards["ngo"][0].token), [2])
    form_input = [t for t in at.text_input if t.label.startswith("Kod z karty albo")][0]
    form_input.input(codes.shown_code(cards["ngo"][0].code))  # the same card on paper too
    [m for m in at.multiselect if m.label.startswith("Propozycje zaznaczone")][0].set_value([1])
    [b for b in at.button if b.label == "Zapisz kartę papierową"][0].click().run()
    assert "Ta karta już głosowała" in " ".join(e.value for e in at.error)
    assert sorted(votes.ballots(vote.id)["channel"]) == ["paper", "phone"]


def test_the_page_says_whether_the_stored_record_still_matches_the_protocol():
    import datetime as dt

    from analysis.store.schema import votes_table

    votes, vote, cards = prepared()
    for sector in ("local_government", "business", "ngo"):
        votes.cast(vote.id, codes.token_hash(cards[sector][0].token), [2])
    closed = votes.close(vote.id)
    at = open_page("views/glosowanie.py")

    def said(elements) -> str:  # the markdown as written, its escapes removed
        return " ".join(e.value for e in elements).replace("\\", "")

    assert "Zapis głosowania w magazynie jest zgodny z protokołem" in said(at.success) and not at.error
    assert closed.digest in shown_text(at)
    with votes.engine.begin() as conn:  # the closing time moved by hand in the database
        conn.execute(votes_table.update().where(votes_table.c.id == vote.id)
                     .values(closed_at=closed.closed_at - dt.timedelta(minutes=30)))
    at.run()
    assert "NIEZGODNY z protokołem" in said(at.error) and "godziny otwarcia i zamknięcia" in said(at.error)
    assert "zamknięcie: było" in said(at.error) and "zgodny z protokołem" not in said(at.success)
