"""Printable ballot cards: one HTML file for A4 paper, eight cards a page, each with its QR code and short code.

The QR codes are drawn here by segno (a pure-Python QR library) as inline SVG: nothing is fetched,
the file prints from any browser without internet. A card names the workshop and the sector it is
for (the registration desk hands a card of the participant's sector), never a person, and carries
no number that could tie it to one.
"""

from __future__ import annotations

import html

import segno

from analysis.display import printable
from analysis.vocabulary import SECTOR_LABELS
from analysis.voting import codes
from analysis.voting.store import Card

CARDS_PER_PAGE = 8  # 2 columns × 4 rows of 105 × 74 mm


def _esc(value: object) -> str:
    return html.escape(printable(str(value)))


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (error correction M: a fold or a smudge still scans)."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=1, border=3, omitsize=True, dark="#000")


def _card(card: Card, address: str, workshop_name: str, max_choices: int) -> str:
    url = codes.card_url(address, card.token)
    return (
        "<div class='card'>"
        f"<div class='head'><b>Karta do głosowania</b><span>Warsztat {_esc(workshop_name)}</span></div>"
        f"<div class='body'><div class='qr'>{qr_svg(url)}</div>"
        "<div class='text'>"
        f"<div class='sector'>{_esc(SECTOR_LABELS.get(card.sector, card.sector))}</div>"
        f"<div class='how'>Zeskanuj kod telefonem i wybierz do {max_choices} propozycji. Bez aparatu: wejdź na "
        f"<b>{_esc(address.rstrip('/'))}/glosowanie</b> i wpisz kod:</div>"
        f"<div class='code'>{_esc(codes.shown_code(card.code))}</div>"
        "<div class='rule'>Jedna karta — jeden głos. Głos jest ostateczny i anonimowy.</div>"
        "</div></div></div>"
    )


def cards_html(cards: list[Card], address: str, workshop_name: str, max_choices: int) -> str:
    """The whole printable document (A4, eight cards a page, dashed lines to cut along)."""
    style = (
        "@page{size:A4;margin:0}*{box-sizing:border-box}"
        "body{margin:0;font-family:Arial,'Liberation Sans',sans-serif;color:#000}"
        ".page{width:210mm;height:297mm;display:grid;grid-template-columns:105mm 105mm;"
        "grid-template-rows:repeat(4,74.25mm);page-break-after:always;break-after:page}"
        ".card{border:0.3mm dashed #777;padding:4mm 5mm;display:flex;flex-direction:column;overflow:hidden}"
        ".head{display:flex;justify-content:space-between;font-size:3.4mm;border-bottom:0.3mm solid #000;"
        "padding-bottom:1.5mm}"
        ".body{display:flex;gap:4mm;margin-top:3mm;flex:1}.qr svg{width:36mm;height:36mm;display:block}"
        ".text{display:flex;flex-direction:column;gap:1.6mm;font-size:3mm;line-height:1.25;flex:1;min-width:0;"
        "overflow-wrap:anywhere}.qr{flex:none}"
        ".sector{font-size:4.2mm;font-weight:bold}.code{font-family:'DejaVu Sans Mono','Courier New',monospace;"
        "font-size:5.6mm;font-weight:bold;letter-spacing:.4mm}.rule{font-size:2.8mm;color:#333}"
        "@media screen{body{background:#ccc}.page{background:#fff;margin:8mm auto;box-shadow:0 0 4mm #888}"
        ".hint{max-width:210mm;margin:6mm auto;font-size:15px}}@media print{.hint{display:none}}"
    )
    pages = []
    for start in range(0, len(cards), CARDS_PER_PAGE):
        chunk = cards[start:start + CARDS_PER_PAGE]
        pages.append("<section class='page'>"
                     + "".join(_card(c, address, workshop_name, max_choices) for c in chunk) + "</section>")
    return ("<!doctype html><html lang='pl'><head><meta charset='utf-8'>"
            f"<title>Karty do głosowania – warsztat {_esc(workshop_name)}</title><style>{style}</style></head><body>"
            f"<p class='hint'>{len(cards)} kart. Drukuj na A4 w skali 100% (bez dopasowania do strony), potem "
            "potnij wzdłuż linii przerywanych. Tego pliku nie da się odtworzyć: magazyn zna tylko skróty kodów — "
            "zachowaj go do wydruku, a po wydrukowaniu usuń.</p>"
            + "".join(pages) + "</body></html>")
