"""The voting page on a voter's phone (``views/_vote_phone.py``): a card opens its own ballot, votes once,
is told why not."""

from __future__ import annotations

import pytest

from analysis import guard
from analysis.voting import codes
from tests.helpers import shown_text
from tests.views.voting import phone, prepared, vote_on

pytestmark = pytest.mark.usefixtures("fresh_store")


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
