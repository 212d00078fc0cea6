"""How things are shown, in one place: names, numbers the Polish way, text made safe per target.

- names: the partnership's, a workshop's ("3. Jabłonna");
- numbers and words the Polish way: 1 234, 12,5%, "1 wiersz / 2 wiersze / 5 wierszy", +8;
- text from uploaded files made safe for each place it is shown, all through one control-character
  cleaner (``printable``): Streamlit's markdown (``markdown_text``), plotly's labels (``plot_text``),
  HTML (``html_text``), PowerPoint (``slide_text``), a figure's JSON (``printable_json``);

Colours are in ``palette``. Nothing here computes a number (``metrics`` does) or draws a chart (``charts`` does).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from analysis.vocabulary import GMINA_LABELS

if TYPE_CHECKING:
    import pandas as pd

# no pandas or numpy imported at the top: the CLI's reading path imports this module before pandas

PARTNERSHIP = "Partnerstwo lokalne na rzecz ożywienia gospodarczego w powiecie legionowskim"
OFFICE = "Starostwo Powiatowe w Legionowie"  # who makes the reports: the printed evaluation's footer names it


# --- names ------------------------------------------------------------------------------------------


def workshop_names(schedule: pd.DataFrame) -> dict[int, str]:
    """"3. Jabłonna" for each workshop of a schedule (``metrics.View.schedule``, ``Dataset.workshops``)."""
    return {int(w): f"{int(w)}. {GMINA_LABELS.get(str(g), str(g))}"
            for w, g in zip(schedule["workshop"], schedule["gmina"], strict=True)}


def workshop_name(schedule: pd.DataFrame, cycle: str, workshop: int) -> str:
    """"5. Nieporęt": workshop ``workshop`` of ``cycle`` named from that cycle's own schedule (``schedule``
    holds every cycle's: ``Dataset.workshops`` or ``Store.schedule``); "5." when the cycle has no such row.
    The vote's picker, its cards, the phone, the projector and the office page all name a workshop here."""
    wanted, number = str(cycle), int(workshop)
    name = f"{number}."
    # a plain look through the few rows (no frame filtered: a phone's every script run names its workshop); the
    # last row of the workshop wins, as in ``workshop_names``
    for c, w, g in zip(schedule["cycle"], schedule["workshop"], schedule["gmina"], strict=True):
        if str(c) == wanted and int(w) == number:
            name = f"{number}. {GMINA_LABELS.get(str(g), str(g))}"
    return name


# --- numbers and words the Polish way ---------------------------------------------------------------


def number(value: float | int, decimals: int = 0) -> str:
    """A number with a space between thousands and a decimal comma: 12 345,6; rounded half up as a reader
    rounds the number as written (0.625 → 0,63; 2.675 → 2,68), not half to even on its binary value."""
    written = Decimal(repr(float(value)))
    if written.is_finite():
        written = written.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{written:,.{decimals}f}"
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def percent(share: float, decimals: int = 0) -> str:
    """A share (0.125) as a Polish percentage: 12,5%."""
    return f"{number(share * 100, decimals)}%"


def percent_points(share: float) -> float:
    """A share (0.125) as the number an editor of percentages shows: 12.5 (one decimal)."""
    return round(share * 100, 1)


def share_of_points(points: float) -> float:
    """A number typed into an editor of percentages (12.5) as a share: 0.125."""
    return float(points) / 100


def share(value: float | None) -> str:
    """A share as a percentage, with a decimal below 10% (1,4% and 0,6% are not both "1%"); "—" for none."""
    try:
        number_ = float(value) if value is not None else float("nan")
    except TypeError:  # pandas' NA
        number_ = float("nan")
    if number_ != number_:  # NaN: no share
        return "—"
    return percent(number_, 1 if 0 < abs(number_) < 0.1 else 0)


def signed(value: int) -> str:
    """A change with its sign: +8, 0, -3."""
    return f"+{number(value)}" if value > 0 else number(value)


def plural(count: int, one: str, few: str, many: str) -> str:
    """The Polish form of a noun after ``count``: 1 wiersz, 2 wiersze, 5 wierszy, 22 wiersze."""
    if count == 1:
        return one
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return few
    return many


def counted(count: int, one: str, few: str, many: str) -> str:
    return f"{number(count)} {plural(count, one, few, many)}"


def figure_source(source: object, year: object) -> str:
    """Where a gmina's residents come from, as every page and report says it: "GUS BDL, rok 2023";
    "rok 2023" or "GUS BDL" when one of them is not known, "" when neither is."""
    said = source.strip() if isinstance(source, str) else ""
    try:  # None and pandas' NA are a TypeError, NaN a ValueError: no year
        when = f"rok {int(year)}"  # type: ignore[call-overload]
    except (TypeError, ValueError):
        when = ""
    return ", ".join(part for part in (said, when) if part)


def cell_text(value: object, share: bool = False) -> str:
    """A table cell as text: a share as a percentage, other numbers the Polish way, nothing for a gap."""
    import numpy as np
    import pandas as pd

    # pandas-stubs' isna has no overload for a plain object; pandas itself takes any value
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | np.integer | np.floating) and share:
        return percent(float(value), 1)
    if isinstance(value, float | np.floating):
        return number(float(value), 1)
    return number(int(value)) if isinstance(value, int | np.integer) else str(value)


# --- text from files, made safe for each target -----------------------------------------------------

# characters no report format can hold (XML 1.0 forbids most C0 controls, lone surrogates and
# U+FFFE/U+FFFF; HTML calls C0/C1 controls parse errors), and the invisible bidirectional and zero-width
# characters the importer removes too (an RTL override turns the rest of a title backwards); tab, line
# feed and carriage return stay
_UNFIT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\x0b\x0c\x85]")  # vertical tab, form feed, next line: a new line


def printable(text: object, carriage_return: bool = True) -> str:
    """``text`` without the control characters HTML, XML and Excel cannot hold (e.g. BEL from a bad cell).

    Tab and line breaks stay; vertical tab, form feed and NEL become a line feed. Without
    ``carriage_return`` (PowerPoint, which would show it as "_x000D_"), CR LF and CR become a
    line feed too. The one cleaner under every escaper below and every writer.
    """
    value = _LINE_BREAKS.sub("\n", _UNFIT.sub("", str(text)))
    return value if carriage_return else value.replace("\r\n", "\n").replace("\r", "\n")


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def markdown_text(text: object) -> str:
    """Text from a file, made inert for Streamlit's markdown (no links, emphasis or HTML out of it)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", printable(text))


def plot_text(text: object) -> str:
    """Text from a file, made inert for plotly (which reads a few HTML tags in labels)."""
    return printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plot_lines(label: str, width: int) -> str:
    """A plotly label (already made inert) in lines of about ``width`` characters, split between words.

    Its own line breaks (``<br>``) stay; a word longer than ``width`` keeps a line of its own.
    """
    lines: list[str] = []
    for part in label.split("<br>"):
        line = ""
        for word in part.split(" "):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "<br>".join(lines)


def html_text(value: object) -> str:
    """Text for HTML, in an element or an attribute: a name like ``<script>`` is shown literally."""
    import html  # here: the command line's check writes no HTML

    return html.escape(printable(value), quote=True)


def css_string(value: object) -> str:
    """Text as a quoted CSS string (``content: …`` of a page's margin box): every character but letters, digits,
    spaces and a few signs written as a CSS escape (six hex digits and the space that ends it), so nothing closes
    the string or the ``<style>`` element."""
    text = " ".join(printable(value).split())
    return '"' + "".join(c if c.isalnum() or c in " .,:;-–·()/" else f"\\{ord(c):06x} " for c in text) + '"'


def slide_text(value: object) -> str:
    """Text for PowerPoint: printable, each line break a line feed."""
    return printable(value, carriage_return=False)


def printable_json(value: object) -> object:
    """Every string of a figure's JSON cleaned (category labels, hover texts, titles)."""
    import numpy as np

    def clean(part: object) -> object:
        if isinstance(part, str):
            return printable(part)
        if isinstance(part, dict):
            return {k: clean(v) for k, v in part.items()}
        if isinstance(part, list | tuple):
            return [clean(v) for v in part]
        if isinstance(part, np.ndarray) and part.dtype.kind in "OUS":
            return clean(part.tolist())
        return part

    return clean(value)
