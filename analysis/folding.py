"""Text folding: the one form in which names, institutions and phrases are compared and keyed.

``fold`` makes "Samorząd gminny", "SAMORZAD-GMINNY" and "samorzad  gminny" one key (lower-case
ASCII, single spaces); ``fold_all`` folds many texts at once for the readers of large files (the
same result, checked by tests, with a few passes over all the bytes instead of one call each).
Pseudonyms are keyed hashes of folded names, so what ``fold`` makes of a text must never change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_EXTRA_FOLDS = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: object) -> str:
    """Lower-case ASCII form of ``text`` with single spaces between words.

    Pseudonyms are keyed hashes of folded names, so this function's output must never change.
    """
    if text is None:
        return ""
    value = str(text)
    quick = value.translate(_LETTER_FOLDS)  # Polish and other Latin letters, one table lookup each
    if quick.isascii():
        return _NON_ALNUM.sub(" ", quick.lower()).strip()
    return _fold_slowly(value)


def fold_all(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]`` for many texts, with a few passes over all of them at once.

    The texts are joined with NUL between them (a character ``fold`` makes a space, so no text
    that holds one is folded this way) and encoded as UTF-8. Each two-byte letter ``fold`` makes one
    ASCII letter becomes it, and the non-breaking space, « and », and the quotes and dashes of
    ``_MARKS``, a space (a character's bytes cannot start inside another's); then one table puts
    ASCII in lower case and makes every other ASCII character but NUL a space. A text that is ASCII
    then is ``fold``'s quick path once its runs of spaces are one space and none is at either end.
    Any other text is folded alone.
    """
    if not texts:
        return []
    try:
        joined = "\x00".join(texts)
    except TypeError:  # not every one is text
        return [fold(t) for t in texts]
    if joined.count("\x00") != len(texts) - 1:  # a text holds NUL itself
        return [fold(t) for t in texts]
    data = joined.encode("utf-8", errors="surrogatepass")
    if not data.isascii():
        data = _two_byte_folds(data)
        if b"\xe2" in data:  # the first byte of each of the marks
            for mark in _MARKS:
                data = data.replace(mark, b" ")
    # one space between words, none at either end of a text (the bytes of other characters are no space)
    data = b" ".join(data.translate(_ASCII_FOLDS).split()).replace(b" \x00", b"\x00").replace(b"\x00 ", b"\x00")
    if data.isascii():
        return data.decode("ascii").split("\x00")
    parts = data.decode("utf-8", errors="surrogatepass").split("\x00")
    return [part if part.isascii() else fold(text) for part, text in zip(parts, texts, strict=True)]


def _fold_slowly(value: str) -> str:
    value = value.translate(_EXTRA_FOLDS)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", value).strip()


# Each Latin letter with a diacritic mapped to what the slow path makes of it, when that is ASCII:
# the same result as the slow path (tested), without normalising every name character by character.
_LETTER_FOLDS = str.maketrans({
    chr(code): folded for code in range(0xC0, 0x250)
    if (folded := "".join(ch for ch in unicodedata.normalize("NFKD", chr(code).translate(_EXTRA_FOLDS))
                          if not unicodedata.combining(ch)).lower()).isascii()
})


# What ``fold`` makes of a two-byte character (UTF-8: a first byte C2–DF, then one of 80–BF) that it
# makes one ASCII letter (ą, ó, é, ü…) or a space (the non-breaking space, « and »), by its two bytes;
# the three-byte quotes, dashes and ellipsis names often have (a space too); and a byte table that
# puts ASCII letters in lower case and makes every other ASCII byte but NUL a space (bytes of other
# characters are left as they are).
_TWO_BYTE_FOLDS = {
    char.encode(): folded.encode() for char, folded in
    [(chr(code), _LETTER_FOLDS.get(code)) for code in range(0x80, 0x250)] + [("\u00a0", " "), ("«", " "), ("»", " ")]
    if isinstance(folded, str) and len(folded) == 1 and folded.isascii()
}
_MARKS = tuple(mark.encode() for mark in "„”“’–—…")


def _two_byte_folds(data: bytes) -> bytes:
    """``data`` (UTF-8) with each character of ``_TWO_BYTE_FOLDS`` replaced by its one byte."""
    import numpy as np

    table = _two_byte_table()
    codes = np.frombuffer(data, dtype=np.uint8)
    firsts = np.flatnonzero((codes >= 0xC2) & (codes <= 0xDF))  # the first of two bytes: a second follows
    folded = table[(codes[firsts].astype(np.intp) << 8) | codes[firsts + 1]]
    known = folded != 0
    if not known.any():
        return data
    out = codes.copy()
    out[firsts[known]] = folded[known]
    keep = np.ones(len(out), dtype=bool)
    keep[firsts[known] + 1] = False
    return out[keep].tobytes()


@lru_cache(maxsize=1)
def _two_byte_table() -> np.ndarray:
    """``_TWO_BYTE_FOLDS`` as a table of 65 536 bytes (0: none) indexed by a character's two bytes."""
    import numpy as np

    table = np.zeros(1 << 16, dtype=np.uint8)
    for pair, folded in _TWO_BYTE_FOLDS.items():
        table[pair[0] << 8 | pair[1]] = folded[0]
    return table


_ASCII_FOLDS = bytes(
    code if code == 0 or code >= 0x80 or chr(code).isdigit() or "a" <= chr(code) <= "z"
    else code + 32 if "A" <= chr(code) <= "Z" else 0x20
    for code in range(256)
)
