"""The printable poster of a check-in at the door: one A4 page (``templates/checkin_poster.html``) with the QR
code phones scan to open the check-in form, and the address to type without a camera.

The QR code is drawn as the ballot cards' are (``cards.qr_svg``: segno, inline SVG): nothing is fetched,
the file prints from any browser without internet. The poster names the workshop, never a person.
"""

from __future__ import annotations

from analysis.report.cards import qr_svg
from analysis.report.templating import render, safe


def checkin_poster_html(phone_url: str, page_url: str, workshop_name: str, when: str = "", network: str = "",
                        keep_until: str = "") -> str:
    """The whole printable document: ``phone_url`` in the QR code, ``page_url`` to type, the hall's Wi-Fi
    ``network`` when given, the day the names are kept until."""
    return render("checkin_poster.html", qr=safe(qr_svg(phone_url)), page_url=page_url, workshop_name=workshop_name,
                  when=when, network=network.strip(), keep_until=keep_until)
