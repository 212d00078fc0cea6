"""What a store already holds is shown without invisible bidirectional and zero-width characters
(``display.printable``)."""

from __future__ import annotations

from analysis.display import printable

# --- invisible bidirectional and zero-width characters --------------------------------------------------

INVISIBLE = "\u202e\u200b\u2066\u2069\u200e\u200f\ufeff\u200d\u2060"


def test_what_a_store_already_holds_is_shown_without_them():
    assert printable("Tytu" + INVISIBLE + "ł") == "Tytuł"
