"""Printable ballot cards: a local QR code and the code of each card."""

from __future__ import annotations

import re

from analysis.report import cards
from analysis.voting import codes
from tests.voting.support import ADDRESS, refused, waiting


def test_printable_cards_hold_a_local_qr_code_and_the_code_of_each_card(vote_setup):
    store, votes, vote = vote_setup
    issued = votes.issue_cards(vote.id, "culture_sport", 10)
    page = cards.cards_html(issued, ADDRESS, "4. Legionowo", 3)
    assert page.count("<svg") == 10 and page.count("class='page'") == 2  # eight cards a page
    for card in issued:
        assert codes.shown_code(card.code) in page
    assert "Kultura i sport" in page and "size:A4" in page
    assert not re.search(r"(src|href)=['\"]?https?:", page)  # nothing fetched when printed
    refused(lambda: votes.issue_cards(vote.id, "not_a_sector", 1), "vote_bad_settings")
    refused(lambda: votes.create("2018", 4, [], 3, ADDRESS), "vote_no_proposals")
    refused(lambda: votes.create("2018", 4, waiting(store)[:2], 3, ADDRESS), "vote_bad_settings")
