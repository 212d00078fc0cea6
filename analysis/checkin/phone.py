"""Self check-in on a phone: the address a poster's QR code opens, and what a phone's form is told.

A phone in the hall opens ``<address>/rejestracja?wejscie=<check-in>`` (the poster's QR code) or types
``<address>/rejestracja``; the page shows it only the check-in form (``views/_checkin_phone.py``), under
the hall's rules of the vote (no menu, no data, no password).
"""

from __future__ import annotations

import math
from urllib.parse import quote

from analysis.errors import UserError

PAGE = "rejestracja"
PARAMETER = "wejscie"  # ?wejscie=<check-in id>: the check-in whose form the phone opens
NOT_OPEN = ("Rejestracja na warsztat nie jest teraz otwarta. Poczekaj chwilę — ta strona sama pokaże formularz, "
            "gdy biuro otworzy rejestrację — albo zgłoś się do stolika organizatorów.")
SCAN = "Trwa rejestracja na kilka warsztatów. Zeskanuj kod QR z plakatu przy wejściu albo wybierz warsztat:"


def page_url(address: str) -> str:
    """The short address to type: the check-in form of the workshop whose check-in is open."""
    return f"{address.rstrip('/')}/{PAGE}"


def phone_url(address: str, checkin_id: str) -> str:
    """The address a poster's QR code holds: that check-in's form."""
    return f"{page_url(address)}?{PARAMETER}={quote(str(checkin_id), safe='')}"


def too_many(wait: float) -> UserError:
    """The refusal of one more person checked in from a browser that checked in several just now
    (``analysis.guard.CHECKINS_BY_BROWSER``)."""
    minutes = max(1, math.ceil(wait / 60))
    return UserError("Z tego telefonu zarejestrowano przed chwilą kilka osób — tej osoby nie zapisano. Zarejestruj "
                     f"ją przy stoliku organizatorów albo spróbuj ponownie z tego telefonu za {minutes} min.",
                     "checkin_too_many")
