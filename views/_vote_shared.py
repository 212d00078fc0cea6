"""What the voting page's three faces (phone, projector, office) share: the vote store, names, the card's look-up.

A card's look-up (a token from its QR code or a typed code) goes through the store's throttle
(``analysis.guard``: wrong codes per browser and address).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from analysis.display import number
from analysis.errors import UserError
from analysis.vocabulary import AREAS, SECTOR_CODES, SECTOR_LABELS
from analysis.voting import codes, hall, tally
from analysis.voting.ballot_box import Card, CardState, Vote, Votes
from views import _access
from views._data import store

CARD = _access.BALLOT_CARD
Found = TypeVar("Found")


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


def hall_help(reached: str, printed: str | None, pointing: str, open_to_all: str, otherwise: str) -> None:
    """Where the hall's phones reach this computer: the address ``printed`` (on the cards, the poster) against
    this computer's addresses now, and a warning while the dashboard listens on this computer alone.
    ``reached``: what a phone opens there ("kartę"); ``pointing``: what holds the printed address ("Karty
    wskazują"); ``open_to_all``: what needs no password; ``otherwise``: what to do when the printed address is
    not one of this computer's."""
    port = int(st.get_option("server.port"))
    found = hall.local_addresses()
    listed = ", ".join(f"`{hall.base_url(a, port)}`" for a in found) or "brak (komputer nie jest w żadnej sieci)"
    text = (f"**Telefony na sali** otworzą {reached} pod adresem z kodu QR"
            + (f" (`{printed.replace(chr(96), '')}`)" if printed else "")
            + f". Adresy tego komputera w sieci teraz: {listed}.")
    if printed and found and not any(printed == hall.base_url(a, port) for a in found):
        text += (f" **{pointing} inny adres niż obecne adresy komputera** — ustaw w hotspocie lub sieci stały "
                 f"adres tego komputera albo {otherwise} pod jednym z adresów powyżej.")
    if _access.shared_on_network():
        st.info(text + f" Panel jest dostępny w sieci: {open_to_all} wymaga hasła biura.", icon=":material/wifi:")
    else:
        st.warning(text + " **Panel słucha teraz tylko na tym komputerze, więc telefony go nie otworzą.** Na sali "
                   f"ustaw hasło biura i uruchom panel poleceniem `{hall.HALL_COMMAND}` "
                   "(szczegóły w podręczniku docs/podrecznik.md, „Głosowanie na warsztacie”).", icon=":material/wifi_off:")


def by_sector(counts: dict[str, int]) -> str:
    """Counts of cards by sector, in the vocabulary's order, and their total ("Przedsiębiorcy 3, … — razem 12")."""
    return (", ".join(f"{SECTOR_LABELS[s]} {number(counts[s])}" for s in SECTOR_CODES if counts.get(s))
            + f" — razem {number(sum(counts.values()))}")


def printed_cards(owner: str, what: str, issue: Callable[[str, int], list[Card]],
                  sheet: Callable[[list[Card], str | None], str], *, form: str, file_key: str,
                  ask_address: bool = False, lost: str = "") -> None:
    """The form making ``what`` ("karty", "karty ankiety") of one sector to print — made by ``issue``, written by
    ``sheet`` (with the hall's address typed into the form when ``ask_address``) — and the download of the sheet
    made last for ``owner`` (a vote's or a survey's id), kept in the session under ``file_key``: the store knows
    only the codes' hashes, so it is offered once. ``lost`` ends the note on saving it."""
    with st.form(form):
        cols = st.columns([2, 1])
        sector = cols[0].selectbox("Sektor kart", SECTOR_CODES, format_func=SECTOR_LABELS.get, placeholder="Wybierz sektor")
        count = cols[1].number_input("Liczba kart", 1, 500, 10)
        address = (st.text_input("Adres panelu na sali (trafi do kodów QR na kartach)", value=phone_address(None),
                                 help="Adres tego komputera w sieci sali lub hotspotu telefonu, z portem panelu.")
                   if ask_address else None)
        if st.form_submit_button(f"Utwórz {what} do druku", icon=":material/print:"):
            try:
                made = issue(sector, int(count))
            except UserError as exc:
                st.error(exc.message, icon=":material/error:")
            else:
                st.session_state[file_key] = (owner, f"{what.replace(' ', '_')}_{SECTOR_LABELS[sector]}_{len(made)}.html",
                                              sheet(made, address))
                st.rerun()
    file = st.session_state.get(file_key)
    if file and file[0] == owner:
        st.download_button(f"Pobierz {what} do druku ({file[1]})", file[2].encode("utf-8"),
                           file_name=file[1].replace(" ", "_"), mime="text/html", icon=":material/download:",
                           type="primary", on_click="ignore")
        st.caption("Zapisz plik teraz i wydrukuj go (A4, skala 100%): magazyn zna tylko skróty kodów, więc tych "
                   "kart nie da się wydrukować drugi raz." + lost)


def find_card(votes_: Votes, text: str) -> CardState:
    """The vote's card of a token or a typed code, through the store's throttle of wrong guesses (``find``)."""
    return find(text, votes_.card)


def find(text: str, lookup: Callable[[codes.Secret], Found]) -> Found:
    """The card of a token or a typed code as ``lookup`` finds it (a vote's card, or any card that opens a survey),
    through the store's throttle of wrong guesses.

    A typo the check character catches is answered at once and counts nowhere (it tells a guesser
    nothing). A token (128 random bits, the QR code) is counted only under its browser: no one
    guesses one, and a phone scanning its card never waits for a neighbour's wrong codes. A typed
    code is counted under the browser and the address (an address waits at most half a minute).
    """
    secret = codes.recognise(text)
    found: list[Found] = []
    refused: list[UserError] = []

    def check() -> bool:
        try:
            found.append(lookup(secret))
        except UserError as exc:
            refused.append(exc)
            return False
        return True

    ok, wait = _access.attempt("code", check, by_address=secret.kind == "code")
    if wait:
        raise codes.too_many_guesses(wait)
    if not ok:
        raise refused[0]
    return found[0]


def by_sector_table(result: tally.Result) -> pd.DataFrame:
    """The result's votes by sector, with Polish column names (the projector's expander, the office's table)."""
    frame = tally.votes_by_sector_frame(result)
    shown = frame.rename(columns={"rank": "Miejsce", "number": "Nr", "workshop": "Warsztat", "title": "Propozycja",
                                  "votes": "Razem", **{s: SECTOR_LABELS[s] for s in result.sectors}})
    return shown.drop(columns=["area"])
