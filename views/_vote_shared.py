"""What the voting page's three faces (phone, projector, office) share: the vote store, names, the card's look-up.

A card's look-up (a token from its QR code or a typed code) goes through the store's throttle
(``analysis.guard``: wrong codes per browser and address).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import UserError
from analysis.vocabulary import AREAS, SECTOR_LABELS
from analysis.voting import codes, hall, tally
from analysis.voting.ballot_box import CardState, Vote, Votes
from views import _access
from views._data import store

CARD = _access.BALLOT_CARD


def votes() -> Votes:
    return Votes(store())


def workshop_name(vote: Vote) -> str:
    return votes().workshop_name(vote)


def area_label(area: int | None) -> str:
    return f"Obszar {area} · {AREAS[area]}" if area in AREAS else "bez obszaru"


def phone_address(vote: Vote | None = None) -> str:
    """The address phones open: the vote's (printed on its cards), else this computer's first local one."""
    if vote is not None and vote.address:
        return vote.address.rstrip("/")
    found = hall.local_addresses()
    return hall.base_url(found[0] if found else "localhost", int(st.get_option("server.port")))


def find_card(votes_: Votes, text: str) -> CardState:
    """The card of a token or a typed code, through the store's throttle of wrong guesses.

    A typo the check character catches is answered at once and counts nowhere (it tells a guesser
    nothing). A token (128 random bits, the QR code) is counted only under its browser: no one
    guesses one, and a phone scanning its card never waits for a neighbour's wrong codes. A typed
    code is counted under the browser and the address (an address waits at most half a minute).
    """
    secret = codes.recognise(text)
    found: dict[str, object] = {}

    def check() -> bool:
        try:
            found["card"] = votes_.card(secret)
        except UserError as exc:
            found["error"] = exc
            return False
        return True

    ok, wait = _access.attempt("code", check, by_address=secret.kind == "code")
    if wait:
        raise codes.too_many_guesses(wait)
    if not ok:
        error = found["error"]
        assert isinstance(error, UserError)
        raise error
    card = found["card"]
    assert isinstance(card, CardState)
    return card


def by_sector_table(result: tally.Result) -> pd.DataFrame:
    """The result's votes by sector, with Polish column names (the projector's expander, the office's table)."""
    frame = tally.votes_by_sector_frame(result)
    shown = frame.rename(columns={"rank": "Miejsce", "number": "Nr", "workshop": "Warsztat", "title": "Propozycja",
                                  "votes": "Razem", **{s: SECTOR_LABELS[s] for s in result.sectors}})
    return shown.drop(columns=["area"])
