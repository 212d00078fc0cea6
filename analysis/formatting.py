"""Numbers and words the Polish way: 1 234, 12,5%, "1 wiersz / 2 wiersze / 5 wierszy"."""

from __future__ import annotations

import re


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


_UNFIT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\x0b\x0c\x85]")  # vertical tab, form feed, next line: a new line


def printable(text: object, carriage_return: bool = True) -> str:
    """``text`` without the control characters HTML, XML and Excel cannot hold (e.g. BEL from a bad cell).

    Tab and line breaks stay; vertical tab, form feed and NEL become a line feed. Without
    ``carriage_return`` (PowerPoint, which would show it as "_x000D_"), CR LF and CR become a
    line feed too. The one cleaner of every writer (reports, the show, chart labels).
    """
    value = _LINE_BREAKS.sub("\n", _UNFIT.sub("", str(text)))
    return value if carriage_return else value.replace("\r\n", "\n").replace("\r", "\n")
