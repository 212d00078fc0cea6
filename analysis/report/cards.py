"""Printable cards — a vote's ballot cards, and a survey's own cards at a workshop without a vote: one HTML file
for A4 paper (``templates/cards.html``), eight cards a page, each with its QR code and short code.

The QR codes are drawn here by segno (a pure-Python QR library) as inline SVG: nothing is fetched,
the file prints from any browser without internet. A card names the workshop and the sector it is
for (the registration desk hands a card of the participant's sector), never a person, and carries
no number that could tie it to one.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

from analysis.report.templating import render, safe
from analysis.survey.box import card_survey_url
from analysis.vocabulary import SECTOR_LABELS
from analysis.voting import codes
from analysis.voting.ballot_box import Card

CARDS_PER_PAGE = 8  # 2 columns × 4 rows of 105 × 74 mm


@dataclass(frozen=True)
class Printed:
    """One card as the sheet prints it."""

    qr: Markup  # the QR code of the card's address, inline SVG
    sector: str
    code: str  # the short code, in groups


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (error correction M: a fold or a smudge still scans)."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=1, border=3, omitsize=True, dark="#000")


def _sheet(cards: list[Card], urls: list[str], address: str, workshop_name: str, **words: str) -> str:
    printed = [Printed(safe(qr_svg(url)), SECTOR_LABELS.get(card.sector, card.sector), codes.shown_code(card.code))
               for card, url in zip(cards, urls, strict=True)]
    pages = [printed[start:start + CARDS_PER_PAGE] for start in range(0, len(printed), CARDS_PER_PAGE)]
    return render("cards.html", count=len(cards), pages=pages, workshop_name=workshop_name,
                  address=address.rstrip("/"), **words)


def cards_html(cards: list[Card], address: str, workshop_name: str, max_choices: int) -> str:
    """The vote's ballot cards: the whole printable document (A4, eight cards a page, dashed lines to cut along)."""
    return _sheet(cards, [codes.card_url(address, c.token) for c in cards], address, workshop_name,
                  title="Karty do głosowania", heading="Karta do głosowania",
                  how=f"Zeskanuj kod telefonem i wybierz do {max_choices} propozycji.",
                  rule="Jedna karta — jeden głos. Głos jest ostateczny i anonimowy.")


def survey_cards_html(cards: list[Card], address: str, workshop_name: str) -> str:
    """A survey's own cards (a workshop without a vote), printed like the ballot cards; the QR code opens the
    survey (``/glosowanie?karta=…&ankieta=1``)."""
    return _sheet(cards, [card_survey_url(address, c.token) for c in cards], address, workshop_name,
                  title="Karty ankiety partnerów", heading="Ankieta partnerów",
                  how="Zeskanuj kod telefonem i oceń współpracę w partnerstwie (kilka minut).",
                  rule="Jedna karta — jedna ankieta. Ankieta jest anonimowa.")
