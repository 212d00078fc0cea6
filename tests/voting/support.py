"""What the vote tests share: the sample store, the proposals waiting for the vote, refusals, casting a plan."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import CODES, UserError
from analysis.store import open_store
from analysis.voting import codes
from analysis.voting.ballot_box import Choice, Votes
from tests.stores import KEY

ADDRESS = "http://192.168.1.20:8501"


def sample_store(url: str):
    """The sample cycle (15 proposals of Jabłonna waiting for the vote in Legionowo)."""
    return open_store(url, key=KEY)


def waiting(store) -> list[Choice]:
    proposals = store.dataset().proposals
    proposals = proposals[proposals["cycle"] == "2018"]  # the sample's cycle 2018 (2019 is there too)
    rows = proposals[(proposals["status"] == "to_vote") & (proposals["workshop"] < 4)]
    return [Choice(0, str(c), int(w), int(n), str(t), None if pd.isna(a) else int(a))
            for c, w, n, t, a in zip(rows["cycle"], rows["workshop"], rows["number"], rows["title"], rows["area"],
                                     strict=True)]


def ballots_stored(votes: Votes, vote_id: str) -> int:
    return len(votes.ballots(vote_id))


def refused(call, code: str) -> str:
    with pytest.raises(UserError) as caught:
        call()
    assert caught.value.code == code and code in CODES
    return caught.value.message


def cast_plan(votes: Votes, vote, plan: dict[str, list[list[int]]]) -> dict[int, int]:
    """Cards issued per sector (one left unused in each), the vote opened, each card's ballot cast;
    the expected votes per position."""
    expected: dict[int, int] = {}
    for sector, ballots in plan.items():
        issued = votes.issue_cards(vote.id, sector, len(ballots) + 1)
        if not votes.get(vote.id).opened_at:
            votes.open(vote.id)
        for card, chosen in zip(issued, ballots, strict=False):
            votes.cast(vote.id, codes.token_hash(card.token), chosen)
            for p in chosen:
                expected[p] = expected.get(p, 0) + 1
    return expected
