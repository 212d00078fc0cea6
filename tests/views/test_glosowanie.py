"""The voting page through AppTest: the office prepares and prints, a phone votes once, the projector agrees."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from analysis import guard
from analysis.store import open_store
from analysis.voting import codes
from analysis.voting.store import Choice, Votes
from tests.helpers import ROOT, open_page, shown_text


@pytest.fixture(autouse=True)
def fresh_store(sample_folder):
    """A new data folder, as the dashboard leaves it when it first opens one (tests/conftest.py)."""


@pytest.fixture
def shared_on_network():
    previous = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")
    yield
    streamlit_config.set_option("server.address", previous)


def prepared(max_choices: int = 3, opened: bool = True):
    """The sample store with a vote on the 15 proposals of Jabłonna and cards of three sectors."""
    store = open_store()
    proposals = store.dataset().proposals
    rows = proposals[(proposals["status"] == "to_vote") & (proposals["cycle"] == "2018")]  # the sample's 2018 vote
    choices = [Choice(0, str(c), int(w), int(n), str(t), None if pd.isna(a) else int(a))
               for c, w, n, t, a in zip(rows["cycle"], rows["workshop"], rows["number"], rows["title"], rows["area"],
                                        strict=True)]
    votes = Votes(store)
    vote = votes.create("2018", 4, choices, max_choices, "http://192.168.1.20:8501")
    cards = {s: votes.issue_cards(vote.id, s, 4) for s in ("local_government", "business", "ngo")}
    if opened:
        votes.open(vote.id)
    return votes, vote, cards


def phone(token: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if token is not None:
        at.query_params[codes.TOKEN_PARAMETER] = token
    at.switch_page("views/glosowanie.py")
    at.run()
    assert not at.exception, at.exception
    return at


def vote_on(at: AppTest, numbers: list[int]) -> AppTest:
    for n in numbers:
        [box] = [c for c in at.checkbox if c.label.startswith(f"**{n}.**")]
        box.check().run()
    at.button(key="ballot_next").click().run()
    at.button(key="ballot_confirm").click().run()
    assert not at.exception, at.exception
    return at


def htmls(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


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


def test_a_card_votes_once_on_a_phone_and_the_same_card_again_says_it_has_voted():
    votes, vote, cards = prepared()
    token = cards["ngo"][0].token
    at = phone(token)
    assert len(at.checkbox) == 15 and "karta sektora: Organizacje pozarządowe" in shown_text(at)
    assert not at.sidebar.selectbox  # no menu, no filters, no data: only the ballot
    for n in (1, 2, 3):
        [c for c in at.checkbox if c.label.startswith(f"**{n}.**")][0].check().run()
    assert all(c.disabled for c in at.checkbox if not c.value)  # the allowed number reached
    vote_on(at, [])
    assert "Głos oddany" in shown_text(at)
    assert votes.ballots(vote.id)[["sector", "choices", "channel"]].values.tolist() == [["ngo", "1 2 3", "phone"]]
    again = phone(token)  # another tab, another phone, a reload
    assert "Ta karta już głosowała" in shown_text(again) and not again.checkbox
    assert len(votes.ballots(vote.id)) == 1


@pytest.mark.parametrize(("typed", "said"), [("12345", "Ten kod jest za krótki"),
                                             ("XXXX-XXXX-X", "To tylko wzór kodu"),  # the box's placeholder
                                             ("ACDE-FHJK-M", "To tylko wzór kodu"),  # the page's example
                                             ("ABCD-EFGH-X", "Kod zawiera niedozwolone znaki (B, G)")])
def test_a_typed_code_is_told_what_is_wrong_with_it(shared_on_network, typed, said):
    """Not "literówka" for everything: a short code, the page's own example, characters no card has."""
    prepared()
    at = phone()
    at.text_input[0].input(typed)
    at.button[0].click().run()
    errors = [e.value for e in at.error if "PARTNERSTWO_PASSWORD" not in e.value]  # not the office's warning
    assert len(errors) == 1 and said in errors[0] and "literówk" not in errors[0], errors


def test_a_second_try_with_a_used_card_says_so_once():
    """Two phones on one card: the second confirms after the first has voted; one sentence, not two."""
    votes, vote, cards = prepared()
    card = cards["ngo"][0]
    at = phone(card.token)
    [c for c in at.checkbox if c.label.startswith("**4.**")][0].check().run()
    at.button(key="ballot_next").click().run()
    votes.cast(vote.id, codes.token_hash(card.token), [1])  # the other phone was quicker
    at.button(key="ballot_confirm").click().run()
    assert not at.exception, at.exception
    said = [e.value for e in (*at.error, *at.info, *at.warning, *at.success)]
    assert sum("Ta karta już głosowała" in s for s in said) == 1, said
    assert votes.ballots(vote.id)["choices"].tolist() == ["1"]


def test_a_typed_code_opens_the_card_and_wrong_codes_are_refused_then_slowed_down(shared_on_network):
    votes, vote, cards = prepared()
    at = phone()
    assert at.text_input[0].label == "Kod z karty"
    code = cards["business"][1].code
    at.text_input[0].input(code[:3] + ("A" if code[3] != "A" else "C") + code[4:])  # a typo: the check character
    at.button[0].click().run()
    errors = " ".join(e.value for e in at.error)
    assert "literówkę" in errors
    at.text_input[0].input(codes.shown_code(code).lower())
    at.button[0].click().run()
    vote_on(at, [5, 7])
    assert votes.ballots(vote.id)["choices"].tolist() == ["5 7"]
    stranger = phone()
    for _ in range(guard.CODE_BY_BROWSER.free_tries):
        stranger.text_input[0].input(codes.shown_code(codes.new_code()))  # well-formed, no such card
        stranger.button[0].click().run()
        assert "Nie znamy takiej karty" in " ".join(e.value for e in stranger.error)
    stranger.text_input[0].input(codes.shown_code(cards["ngo"][2].code))  # even a right one waits now
    stranger.button[0].click().run()
    assert "Zbyt wiele błędnych kodów" in " ".join(e.value for e in stranger.error)
    assert len(votes.ballots(vote.id)) == 1


@pytest.mark.parametrize("situation", ["forged", "closed", "not_open"])
def test_a_phone_is_told_why_in_polish_and_nothing_is_stored(situation):
    votes, vote, cards = prepared(opened=situation != "not_open")
    token = cards["ngo"][0].token
    if situation == "closed":
        votes.close(vote.id)
    at = phone(codes.new_token() if situation == "forged" else token)
    text = shown_text(at)
    expected = {"forged": "Nie znamy takiej karty", "closed": "Głosowanie jest już zamknięte",
                "not_open": "Głosowanie jeszcze się nie rozpoczęło"}[situation]
    assert expected in text and not at.checkbox
    assert len(votes.ballots(vote.id)) == 0


def test_on_a_network_a_card_opens_its_ballot_without_the_password_and_nothing_else(shared_on_network):
    votes, vote, cards = prepared()
    at = phone(cards["local_government"][0].token)
    assert len(at.checkbox) == 15 and not at.metric
    at.switch_page("views/przeglad.py").run()  # the card's query on another page opens nothing
    assert not at.metric and "dostępny w sieci" in shown_text(at)


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


def test_the_projector_shows_turnout_then_the_result_that_agrees_with_the_protocol_and_the_store():
    votes, vote, cards = prepared()
    ballots = [("local_government", [1, 2]), ("local_government", [2]), ("business", [2, 3]), ("ngo", [3]),
               ("ngo", [2, 14])]
    for i, (sector, chosen) in enumerate(ballots):
        votes.cast(vote.id, codes.token_hash(cards[sector][i % 2].token), chosen)
    at = open_page("views/glosowanie.py")
    at.button(key="to_projector").click().run()
    turnout = re.search(r"data-testid='vote-turnout'>([^<]+)<", htmls(at)).group(1)
    assert turnout == "5 z 12" and "vote-ranking" not in htmls(at)  # results hidden while open
    votes.close(vote.id)
    at.run()
    result = votes.result(vote.id)
    shown = re.findall(r"<b>(\d+)\.</b>[^<]*</td><td><div class='vote-bar'><span[^>]*></span></div></td>"
                       r"<td class='n'>(\d+)</td>", htmls(at))
    assert [(int(n), int(v)) for n, v in shown] == [(r.number, r.votes) for r in result.ranking]
    assert shown[0] == ("2", "4")
    assert "nie jest spełniona" not in shown_text(at) and "Zasada 49% spełniona" in shown_text(at)
    at.button(key="leave_projector").click().run()
    [save] = [b for b in at.button if b.label == "Zapisz wynik w magazynie"]
    [chosen] = [m for m in at.multiselect if m.label == "Wybrane do realizacji"]
    chosen.set_value([2])
    save.click().run()
    proposals = open_store().dataset().proposals
    stored = proposals[(proposals["workshop"] == 3) & (proposals["cycle"] == "2018")].set_index("number")
    assert {r.number: r.votes for r in result.ranking} == stored["votes"].to_dict()
    assert stored.loc[2, "status"] == "selected"
    assert [b.kind for b in open_store().history()][-1] == "votes"
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Protokół (HTML)", "Protokół (Excel)"]


def test_a_ballot_confirmed_after_the_vote_closed_is_refused_on_the_phone_and_nothing_is_stored():
    votes, vote, cards = prepared()
    at = phone(cards["ngo"][1].token)
    [c for c in at.checkbox if c.label.startswith("**4.**")][0].check().run()
    at.button(key="ballot_next").click().run()
    votes.close(vote.id)  # the facilitator closes while the phone shows "Twój wybór"
    at.button(key="ballot_confirm").click().run()
    assert not at.exception, at.exception
    assert "Głosowanie jest już zamknięte" in " ".join(e.value for e in at.error)
    assert "Głos oddany" not in shown_text(at) and len(votes.ballots(vote.id)) == 0


def test_the_ballot_stored_is_the_choice_shown_on_the_confirmation():
    votes, vote, cards = prepared()
    at = phone(cards["business"][2].token)
    for n in (3, 9):
        [c for c in at.checkbox if c.label.startswith(f"**{n}.**")][0].check().run()
    at.button(key="ballot_next").click().run()
    assert "Twój wybór" in shown_text(at) and "**3.**" in shown_text(at) and "**9.**" in shown_text(at)
    at.button(key="ballot_confirm").click().run()
    assert "Głos oddany" in shown_text(at)
    assert votes.ballots(vote.id)[["sector", "choices"]].values.tolist() == [["business", "3 9"]]


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
