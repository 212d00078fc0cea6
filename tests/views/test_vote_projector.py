"""The voting page on the projector (``views/_vote_projector.py``): the live turnout, then the result that
the protocol and the store agree with; its HTML escapes what files wrote."""

from __future__ import annotations

import re

import pytest

from analysis.store import open_store
from analysis.voting import codes
from analysis.voting.ballot_box import Choice, Votes
from tests.helpers import open_page, shown_text
from tests.views.voting import htmls, prepared
from views._vote_projector import ranking_html

pytestmark = pytest.mark.usefixtures("fresh_store")


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


def test_the_projectors_html_shows_a_title_from_a_file_as_text():
    votes = Votes(open_store())
    hostile = "<img src=x onerror=alert(1)> Bon & \x07Co'dalej"
    vote = votes.create("2018", 4, [Choice(0, "2018", 3, 1, hostile, 1), Choice(0, "2018", 3, 2, "Targ", 2)], 1,
                        "http://192.168.1.20:8501")
    cards = votes.issue_cards(vote.id, "ngo", 2)
    votes.open(vote.id)
    votes.cast(vote.id, codes.token_hash(cards[0].token), [1])
    votes.close(vote.id)
    shown = ranking_html(votes.result(vote.id))
    assert "<img" not in shown and "&lt;img src=x onerror=alert(1)&gt; Bon &amp; Co&#39;dalej" in shown
    assert "\x07" not in shown
    rows = re.findall(r"<b>(\d+)\.</b>[^<]*</td><td><div class='vote-bar'><span style='width:([\d.]+)%'></span></div></td>"
                      r"<td class='n'>(\d+)</td>", shown)
    assert rows == [("1", "100.0", "1"), ("2", "0.0", "0")]


def test_a_vote_without_a_card_yet_says_so_instead_of_an_empty_list_of_sectors():
    from analysis.voting import tally
    from views._vote_projector import turnout_html

    empty = turnout_html(tally.turnout({}, {}))
    assert "0 kart" in empty and "Nie wydano jeszcze żadnej karty" in empty and "według sektorów" not in empty
    some = turnout_html(tally.turnout({"ngo": 2}, {"ngo": 1}))
    assert "1 z 2" in some and "według sektorów" in some and "Nie wydano" not in some
