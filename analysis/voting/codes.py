"""A ballot card's secrets: a random token (the QR code) and a short code to type, both stored as hashes.

- The token is 128 random bits (``secrets.token_urlsafe(16)``); the QR code opens
  ``<address>/glosowanie?karta=<token>``.
- The short code is 8 characters from an alphabet without look-alikes (no 0/O/Q, 1/I/L, 2/Z, 5/S,
  8/B, V, G) plus a check character (Luhn mod 22): one mistyped character or two neighbours
  swapped are caught as a typo before the store is asked. It is printed as ``ABCD-EFGH-X``.
- The store keeps only SHA-256 hashes of both (``token_hash``, ``code_hash``).
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from analysis.display import counted
from analysis.errors import UserError

ALPHABET = "ACDEFHJKMNPRTUWXY34679"  # 22: Luhn mod N needs an even N
CODE_LENGTH = 8  # random characters; a check character follows
TOKEN_BYTES = 16  # 128 bits
TOKEN_PARAMETER = "karta"
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_SEPARATORS = re.compile(r"[\s\-–—_.]+")

EXAMPLE = "ACDE-FHJK-M"  # the example the phone's page shows; its check character is wrong, so no card has it
PATTERN = "XXXX-XXXX-X"  # the code box's placeholder
MISTYPED = ("Ten kod ma literówkę — sprawdź go na karcie znak po znaku (same wielkie litery i cyfry, bez zera "
            "i litery O) i wpisz jeszcze raz.")
NOT_A_CARD = f"To tylko wzór kodu, nie kod karty — wpisz {CODE_LENGTH + 1} znaków wydrukowanych na Twojej karcie."
ON_CARDS = ("Na kartach są tylko wielkie litery i cyfry bez znaków podobnych do siebie: bez cyfr 0, 1, 2, 5, 8 "
            "i liter B, G, I, L, O, Q, S, V, Z.")


def _wrong_length(code: str) -> UserError:
    n = len(code)
    said = (f"ma {counted(n, 'znak', 'znaki', 'znaków')}, a kod z karty ma {CODE_LENGTH + 1} (np. {EXAMPLE}). "
            "Przepisz go z karty jeszcze raz.")
    if n < CODE_LENGTH + 1:
        return UserError(f"Ten kod jest za krótki: {said}", "code_too_short")
    return UserError(f"Ten kod jest za długi: {said}", "code_too_long")


def _bad_characters(code: str) -> UserError:
    shown = sorted({ch for ch in code if ch not in _INDEX and ch.isalnum()})
    others = any(not ch.isalnum() for ch in code)
    listed = ", ".join(shown) + (" i inne" if others else "") if shown else "inne niż litery i cyfry"
    return UserError(f"Kod zawiera niedozwolone znaki ({listed}). {ON_CARDS} Sprawdź kod na karcie znak po znaku.",
                     "code_bad_characters")


def too_many_guesses(wait: float) -> UserError:
    """The refusal of a card looked up before the throttle's wait is over (``analysis.guard``)."""
    return UserError(f"Zbyt wiele błędnych kodów z tego urządzenia — spróbuj ponownie za {math.ceil(wait)} s.",
                     "too_many_guesses")


UNKNOWN = ("Nie znamy takiej karty. Sprawdź kod na karcie i wpisz go jeszcze raz albo poproś obsługę "
           "warsztatu o pomoc.")


def check_character(code: str) -> str:
    """Luhn mod N over ``ALPHABET``: catches any one wrong character and most swapped neighbours."""
    n = len(ALPHABET)
    total = 0
    factor = 2
    for ch in reversed(code):
        addend = factor * _INDEX[ch]
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_code() -> str:
    """8 random characters and the check character, without separators."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return body + check_character(body)


def shown_code(code: str) -> str:
    """The code as printed on a card: ``ABCD-EFGH-X``."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def token_hash(token: str) -> str:
    return hashlib.sha256(f"partnerstwo-karta:{token}".encode()).hexdigest()


def code_hash(code: str) -> str:
    return hashlib.sha256(f"partnerstwo-kod:{code}".encode()).hexdigest()


def card_url(address: str, token: str) -> str:
    return f"{address.rstrip('/')}/glosowanie?{TOKEN_PARAMETER}={token}"


@dataclass(frozen=True)
class Secret:
    """What a person typed or scanned, recognised: a token or a short code (normalised), as its hash."""

    kind: str  # token | code
    hash: str


def normalise_code(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def recognise(text: str) -> Secret:
    """A card's token (bare, or in the URL a QR scanner types) or its short code; else a Polish refusal.

    Refused here, before any look-up, with what is wrong: an empty text, the page's own example, a code
    of the wrong length (``code_too_short``, ``code_too_long``), with characters no card has
    (``code_bad_characters``) or whose check character does not match (``code_mistyped``).
    """
    given = (text or "").strip()
    if not given:
        raise UserError("Wpisz kod z karty do głosowania (9 znaków, np. ACDE-FHJK-M).", "card_unknown")
    if "://" in given or f"{TOKEN_PARAMETER}=" in given:
        query = urlsplit(given).query if "://" in given else given.split("?", 1)[-1]
        found = parse_qs(query).get(TOKEN_PARAMETER, [""])[0]
        if not _TOKEN.match(found):
            raise UserError(UNKNOWN, "card_unknown")
        return Secret("token", token_hash(found))
    code = normalise_code(given)
    if code in (normalise_code(EXAMPLE), normalise_code(PATTERN)):
        raise UserError(NOT_A_CARD, "code_example")
    if len(code) == CODE_LENGTH + 1 and all(ch in _INDEX for ch in code):
        if check_character(code[:-1]) != code[-1]:
            raise UserError(MISTYPED, "code_mistyped")
        return Secret("code", code_hash(code))
    if _TOKEN.match(given):
        return Secret("token", token_hash(given))
    if len(code) != CODE_LENGTH + 1:  # said first: "12345" is short before its 1, 2 and 5 are wrong
        raise _wrong_length(code)
    raise _bad_characters(code)
