"""Numbers and words the Polish way: 1 234, 12,5%, "1 wiersz / 2 wiersze / 5 wierszy"."""

from __future__ import annotations


def number(value: float | int, decimals: int = 0) -> str:
    """A number with a space between thousands and a decimal comma: 12 345,6."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def percent(share: float, decimals: int = 0) -> str:
    """A share (0.125) as a Polish percentage: 12,5%."""
    return f"{number(share * 100, decimals)}%"


def plural(count: int, one: str, few: str, many: str) -> str:
    """The Polish form of a noun after ``count``: 1 wiersz, 2 wiersze, 5 wierszy, 22 wiersze."""
    if count == 1:
        return one
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return few
    return many


def counted(count: int, one: str, few: str, many: str) -> str:
    return f"{number(count)} {plural(count, one, few, many)}"


_UNPRINTABLE = {c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
                                  *range(0xD800, 0xE000), 0xFFFE, 0xFFFF)}


def printable(text: object) -> str:
    """Text without the control characters HTML and XML cannot hold (tab and line breaks stay)."""
    return str(text).translate(_UNPRINTABLE)
