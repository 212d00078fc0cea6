"""What the survey tests share: a store with a vote prepared at a workshop, cards issued, answers given."""

from __future__ import annotations

from analysis.store import open_store
from analysis.survey.box import Surveys
from analysis.survey_statements import PARTNERSHIP_2018
from analysis.voting import codes
from analysis.voting.ballot_box import Card, Votes
from tests.stores import KEY
from tests.voting.support import ADDRESS, waiting


def prepared(url: str, cycle: str = "2018", workshop: int = 4):
    """The sample store, a vote prepared at the workshop (its cards open the survey), the surveys."""
    store = open_store(url, key=KEY)
    votes = Votes(store)
    vote = votes.create(cycle, workshop, waiting(store), 3, ADDRESS)
    return store, votes, vote, Surveys(store)


def scores(base: int, trust: tuple[int, int] | None = None) -> dict[str, int]:
    """Every statement answered ``base``, the two trust statements ``trust`` when given."""
    found = {s.key: base for s in PARTNERSHIP_2018.statements}
    if trust is not None:
        found["trust_1"], found["trust_2"] = trust
    return found


def answer_with(surveys: Surveys, card: Card, given: dict[str, int], comment: str = "") -> None:
    surveys.answer(surveys.card(codes.recognise(card.token)), given, comment)


def answer_at_barrier(url: str, token: str, barrier) -> str:
    """A server process: the card found, then at the barrier with the other process, the answer sent."""
    from analysis.errors import UserError

    store = open_store(url, key=KEY, seed_sample=False)
    surveys = Surveys(store)
    card = surveys.card(codes.recognise(token))
    barrier.wait(timeout=120)
    try:
        surveys.answer(card, scores(4))
        return "stored"
    except UserError as exc:
        return exc.code
    finally:
        store.engine.dispose()
