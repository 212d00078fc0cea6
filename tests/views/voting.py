"""What the voting pages' tests share: a prepared vote with cards, a phone opening a card, a ballot cast."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from analysis.store import open_store
from analysis.voting import codes
from analysis.voting.ballot_box import Votes
from tests.helpers import arrive
from tests.stores import sample_ballot


def prepared(max_choices: int = 3, opened: bool = True):
    """The sample store with a vote on the 15 proposals of Jabłonna and cards of three sectors."""
    store = open_store()
    choices = sample_ballot(store)
    votes = Votes(store)
    vote = votes.create("2018", 4, choices, max_choices, "http://192.168.1.20:8501")
    cards = {s: votes.issue_cards(vote.id, s, 4) for s in ("local_government", "business", "ngo")}
    if opened:
        votes.open(vote.id)
    return votes, vote, cards


def phone(token: str | None = None) -> AppTest:
    """A phone opening the vote: with a card's address, or the page alone."""
    return arrive("views/glosowanie.py", **({codes.TOKEN_PARAMETER: token} if token is not None else {}))


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
