"""What a check-in form may hold: a person's name, an institution, a sector and a gmina, checked.

Every refusal is a ``UserError`` with a Polish sentence that says what to type instead; nothing is
cleaned silently except white space (runs of spaces, spaces at either end), so what the paper list
shows is what the person typed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from analysis.attributes import AGE_GROUP_LABELS, GENDER_LABELS, NOT_GIVEN, gender_code
from analysis.errors import UserError
from analysis.folding import fold
from analysis.vocabulary import GMINA_LABELS, SECTOR_CODES, SECTOR_LABELS, sector_from_text

MAX_NAME = 80  # characters of a name and surname; the longest Polish double names are well under it
MAX_INSTITUTION = 200
MAX_CLAUSE = 20_000
CHANNELS = ("desk", "phone")
GMINA_CHOICES: tuple[str, ...] = tuple(code for code in GMINA_LABELS if code != "unknown")
_SPACES = re.compile(r"\s+")
# letters of any alphabet, and between them a space, a hyphen, an apostrophe or a full stop (abbreviations)
_NAME_MARKS = frozenset(" -'’.")


@dataclass(frozen=True)
class Form:
    """One person's check-in as a form sends it: for which check-in and workshop, who, from where.

    ``sector`` and ``gmina`` are codes of the vocabulary (or None: taken from the institution when the
    partnership knows it); ``channel``: desk | phone; ``gender`` and ``age_group``: optional codes of
    ``analysis.attributes`` (None: not given).
    """

    checkin_id: str
    cycle: str
    workshop: int
    name: str
    institution: str = ""
    sector: str | None = None
    gmina: str | None = None
    consent: bool = False
    channel: str = "desk"
    gender: str | None = None  # optional: a code of ``analysis.attributes`` (None: not given)
    age_group: str | None = None


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)


def _typed(value: object, limit: int, field: str, it: str, shorter: str) -> tuple[str, str | None]:
    """``value`` with its white space made single, and what is wrong with it (None: nothing): that it holds control
    characters, or that it is over ``limit`` characters (with ``shorter``: how to write it shorter). ``field`` names
    it in the sentence ("Imię i nazwisko"), ``it`` is its pronoun ("je")."""
    text = "" if value is None else str(value)
    if _has_control(text.replace("\t", " ")):
        return text, (f"{field} zawiera niewidoczne znaki sterujące (np. z wklejonego tekstu) — wpisz {it} ponownie z "
                      "klawiatury.")
    single = _SPACES.sub(" ", text).strip()
    if len(single) > limit:
        return single, f"{field} ma {len(single)} znaków — najwyżej {limit}. {shorter}"
    return single, None


def clean_name(name: object) -> str:
    """The name and surname as the list will show it (single spaces), or a refusal saying what is wrong."""
    value, wrong = _typed(name, MAX_NAME, "Imię i nazwisko", "je",
                          "Wpisz samo imię i nazwisko (bez tytułów, funkcji i nazwy instytucji).")
    if wrong:
        raise UserError(wrong, "checkin_name_invalid")
    if not value:
        raise UserError("Wpisz imię i nazwisko.", "checkin_name_missing")
    if any(not (ch.isalpha() or ch in _NAME_MARKS) for ch in value):
        raise UserError("Imię i nazwisko może zawierać tylko litery, spacje, łącznik i apostrof — bez cyfr i innych "
                        "znaków. Instytucję wpisz w jej polu.", "checkin_name_invalid")
    words = [w for w in value.split(" ") if sum(ch.isalpha() for ch in w) >= 2]
    if len(words) < 2 or not fold(value):
        raise UserError("Wpisz imię i nazwisko — oba, np. „Anna Kowalska”.", "checkin_name_invalid")
    return value


def clean_institution(institution: object) -> str:
    """The institution as typed (single spaces; empty: none given), or a refusal."""
    value, wrong = _typed(institution, MAX_INSTITUTION, "Nazwa instytucji", "ją", "Wpisz nazwę krócej (np. bez adresu).")
    if wrong:
        raise UserError(wrong, "checkin_institution_invalid")
    if value and not fold(value):
        raise UserError("Nazwa instytucji nie zawiera ani jednej litery ani cyfry — wpisz ją albo zostaw pole "
                        "puste.", "checkin_institution_invalid")
    return value


def sector_code(value: object) -> str | None:
    """A sector code from a code, a label or a synonym ("JST", "NGO"); None for an empty value; refused
    when not recognised."""
    if value is None or not str(value).strip():
        return None
    if str(value) in SECTOR_CODES:
        return str(value)
    found = sector_from_text(str(value))
    if found is None:
        raise UserError("Nie rozpoznano sektora — wybierz go z listy: " + ", ".join(SECTOR_LABELS.values()) + ".",
                        "checkin_sector_invalid")
    return found


def gmina_code(value: object) -> str | None:
    """A gmina code (one of the county's five or ``outside``) from a code or a label; None for an empty value."""
    if value is None or not str(value).strip():
        return None
    if str(value) in GMINA_CHOICES:
        return str(value)
    by_label = {fold(label): code for code, label in GMINA_LABELS.items() if code in GMINA_CHOICES}
    found = by_label.get(fold(value))
    if found is None:
        raise UserError("Nie rozpoznano gminy — wybierz ją z listy: "
                        + ", ".join(GMINA_LABELS[c] for c in GMINA_CHOICES) + ".", "checkin_gmina_invalid")
    return found


def form_gender(value: object) -> str | None:
    """The gender code of a form's choice (a code or a label; None: not given), or a refusal."""
    try:
        return gender_code(value)
    except ValueError:
        raise UserError("Nie rozpoznano płci — wybierz z listy: " + ", ".join(GENDER_LABELS.values())
                        + " albo „Nie podano”.", "checkin_attribute_invalid") from None


def form_age_group(value: object) -> str | None:
    """The age group code of a form's choice (a code or a group's label; None or "Nie podano": not given), or a
    refusal. A form offers the groups only: it never asks for an age."""
    text = "" if value is None else str(value).strip()
    if not text or fold(text) == fold(NOT_GIVEN):
        return None
    if text in AGE_GROUP_LABELS:
        return text
    by_label = {fold(label): code for code, label in AGE_GROUP_LABELS.items()}
    found = by_label.get(fold(text))
    if found is None:
        raise UserError("Nie rozpoznano grupy wieku — wybierz z listy: " + ", ".join(AGE_GROUP_LABELS.values())
                        + " albo „Nie podano”.", "checkin_attribute_invalid")
    return found


def clean_clause(clause: object) -> str:
    """The office's RODO information clause shown on the form; it must say something."""
    value = "" if clause is None else str(clause).strip()
    if not fold(value):
        raise UserError("Wpisz treść klauzuli informacyjnej RODO, którą formularz pokaże osobom rejestrującym się "
                        "(kto przetwarza dane, w jakim celu, jak długo).", "checkin_bad_settings")
    if len(value) > MAX_CLAUSE or _has_control(value.replace("\n", " ").replace("\r", " ").replace("\t", " ")):
        raise UserError(f"Klauzula informacyjna może mieć najwyżej {MAX_CLAUSE} znaków, bez znaków sterujących.",
                        "checkin_bad_settings")
    return value


def check_keep_until(keep_until: dt.date, workshop_day: dt.date | None, today: dt.date) -> dt.date:
    """The day the names are kept until: not before the workshop (nor today), at most five years on."""
    earliest = max(d for d in (workshop_day, today) if d is not None)
    if keep_until < earliest:
        raise UserError(f"Data przechowywania nazwisk ({keep_until:%d.%m.%Y}) nie może być wcześniejsza niż "
                        f"{earliest:%d.%m.%Y} — lista z podpisami musi przetrwać co najmniej warsztat.",
                        "checkin_bad_settings")
    if keep_until > earliest + dt.timedelta(days=5 * 366):
        raise UserError("Nazwiska można przechowywać najwyżej 5 lat — wybierz wcześniejszą datę.",
                        "checkin_bad_settings")
    return keep_until
