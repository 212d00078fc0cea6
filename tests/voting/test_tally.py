"""A vote's numbers: the 49% rule, and the tallies agreeing in the result, the protocol and the store.

Runs on SQLite and on PostgreSQL (the ``url`` fixture).
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from analysis import report
from analysis.voting import protocol, tally
from tests.voting.support import cast_plan

# --- the 49% rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(("cast", "over"), [
    ({"local_government": 5, "business": 3, "ngo": 2}, ["local_government", "public"]),  # 50% of one sector
    ({"local_government": 3, "education": 2, "business": 3, "ngo": 2}, ["public"]),  # 50% public together
    ({"local_government": 49, "business": 26, "ngo": 25}, []),  # exactly 49%: allowed
    ({"business": 5, "craft_guild": 1, "ngo": 4}, ["business"]),  # a business sector alone above 49%
    ({"local_government": 2, "business": 4, "ngo": 4}, []),
])
def test_the_49_percent_rule_on_hand_made_ballots(cast, over):
    balance = tally.balance(cast)
    assert balance.over == over and balance.ok is (not over)
    sentence = protocol.balance_sentence(balance)
    assert ("nie jest spełniona" in sentence) is bool(over) and "1303/2013" in (sentence if over else tally.LEGAL_BASIS)


# --- tallies agree: projector numbers, protocol, store --------------------------------------------


def test_tallies_in_the_result_protocol_and_store_agree(vote_setup):
    store, votes, vote = vote_setup
    plan = {"local_government": [[1, 2, 3], [1, 4]], "business": [[1, 2], [2], [5, 1, 7]],
            "ngo": [[1], [3, 2], [15]], "education": [[6, 2, 1]]}
    expected = cast_plan(votes, vote, plan)
    votes.close(vote.id)
    result = votes.result(vote.id)
    assert {r.position: r.votes for r in result.ranking if r.votes} == expected
    assert result.ranking[0].position == 1 and result.ranking[0].votes == 6 and result.ranking[1].votes == 5
    assert result.turnout.issued == 13 and result.turnout.cast == 9
    assert dict((s, (i, c)) for s, i, c in result.turnout.by_sector)["business"] == (4, 3)
    first = result.ranking[0]
    assert first.by_sector == {"local_government": 2, "business": 2, "education": 1, "ngo": 1}
    made = protocol.build(votes, vote.id, "4. Legionowo")
    page = report.protocol_html(made)
    assert made.digest_matches and vote.id and made.check.digest in page and "zgodne" in page
    book = load_workbook(io.BytesIO(report.protocol_xlsx(made)))
    rows = list(book["Wynik"].iter_rows(min_row=2, values_only=True))
    assert {r[1]: r[5] for r in rows} == {c.number: expected.get(c.position, 0) for c in votes.choices(vote.id)}
    turnout = list(book["Karty według sektorów"].iter_rows(min_row=2, values_only=True))
    assert turnout[-1][:3] == ("Razem", 13, 9)
    batch = votes.save_result(vote.id, chosen={1, 2})
    proposals = store.dataset().proposals
    proposals = proposals[proposals["cycle"] == "2018"]
    voted = proposals[proposals["workshop"] == 3].set_index("number")
    for choice in votes.choices(vote.id):
        assert voted.loc[choice.number, "votes"] == expected.get(choice.position, 0)
    assert set(voted.index[voted["status"] == "selected"]) == {1, 2}
    assert [b.kind for b in store.history()][-1] == "votes" and votes.saved(vote.id)[1] == {1, 2}
    assert "tak" in [r[6] for r in load_workbook(io.BytesIO(report.protocol_xlsx(protocol.build(
        votes, vote.id, "4. Legionowo"))))["Wynik"].iter_rows(min_row=2, values_only=True)]
    store.undo(batch.id)  # undo: the proposals as imported
    proposals = store.dataset().proposals
    proposals = proposals[proposals["cycle"] == "2018"]
    assert proposals[proposals["workshop"] == 3]["votes"].isna().all()
    assert set(proposals[proposals["workshop"] == 3]["status"]) == {"to_vote"}
    assert votes.saved(vote.id) == (None, set())
