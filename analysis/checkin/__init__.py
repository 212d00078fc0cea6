"""Check-in at the door of a workshop: the attendance list born clean, with no name in the store.

- ``form``: what a check-in form may hold (``Form``; name, institution, sector, gmina checked).
- ``desk``: a check-in's life (``CheckIns``): open, check people in, close into an attendance batch,
  the paper list, shredding; known institutions and their suggestions.
- ``names``: the names' files in the data folder (journal, the paper list) and their shredding.
- ``phone``: the addresses a phone checks in at (the poster's QR code), and its limit of people per browser.
- ``cards``: the ballot card that comes with the check-in (on the phone, or a printed one at the desk): one per
  person, with nothing in the store that says whose it is.

The names below are loaded when first asked for, so that ``phone`` (which the pages' first moments read,
before pandas and the store are imported: ``views/_startup.py``) costs nothing more than itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.checkin.desk import (
        STATE_LABELS,
        CheckIn,
        CheckIns,
        Closed,
        Places,
        Recognised,
        Registered,
        Suggestion,
        guessed_sector,
        places_frame,
        suggest,
    )
    from analysis.checkin.form import CHANNELS, GMINA_CHOICES, MAX_NAME, Form, clean_name

_WHERE = {**dict.fromkeys(("STATE_LABELS", "CheckIn", "CheckIns", "Closed", "Places", "Recognised", "Registered",
                           "Suggestion", "guessed_sector", "places_frame", "suggest"), "analysis.checkin.desk"),
          **dict.fromkeys(("CHANNELS", "GMINA_CHOICES", "MAX_NAME", "Form", "clean_name"), "analysis.checkin.form")}

__all__ = ["CHANNELS", "GMINA_CHOICES", "MAX_NAME", "STATE_LABELS", "CheckIn", "CheckIns", "Closed", "Form", "Places",
           "Recognised", "Registered", "Suggestion", "clean_name", "guessed_sector", "places_frame", "suggest"]


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'analysis.checkin' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
