"""Optional personal attributes: gender and age group, their codes, Polish labels and synonyms.

A person may give them on an attendance list or at the check-in; they are only ever shown as shares of
a workshop's or a cycle's people (``analysis.metrics.participation.attribute_shares``), never per person.
Not given is stored as nothing (NULL) and shown as "nie podano". An age or a year of birth is turned into
its group when read: the age itself is never kept.

The age groups follow the EU's "young people" cut (under 30: the EU Youth Strategy's 15–29, the Youth
Guarantee's "under 30"), then the working-age bands of 15 years and the 60+ of Statistics Poland.
"""

from __future__ import annotations

import datetime as dt
import re

from analysis.folding import fold

NOT_GIVEN = "Nie podano"  # the label of no answer (stored as NULL)

GENDER_LABELS: dict[str, str] = {"female": "Kobieta", "male": "Mężczyzna", "other": "Inna"}
AGE_GROUP_LABELS: dict[str, str] = {
    "under_30": "do 29 lat", "30_44": "30–44 lata", "45_59": "45–59 lat", "60_plus": "60 lat i więcej",
}
# the attribute's name -> its codes' labels (the order of the tables that show them)
ATTRIBUTES: dict[str, dict[str, str]] = {"gender": GENDER_LABELS, "age_group": AGE_GROUP_LABELS}
ATTRIBUTE_LABELS: dict[str, str] = {"gender": "Płeć", "age_group": "Grupa wieku"}

# a form's choices: "" (not given, the default) and the codes; ``choice_label`` names each
GENDER_CHOICES: tuple[str, ...] = ("", *GENDER_LABELS)
AGE_GROUP_CHOICES: tuple[str, ...] = ("", *AGE_GROUP_LABELS)


def choice_label(code: str) -> str:
    """The Polish label of a form's choice of gender or age group ("": "Nie podano")."""
    return GENDER_LABELS.get(code) or AGE_GROUP_LABELS.get(code) or NOT_GIVEN


_GENDER_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("k", "kobieta", "kobiety", "kobieca", "zenska", "pani", "female", "f", "woman"),
                    "female"),
    **dict.fromkeys(("m", "mezczyzna", "mezczyzni", "meska", "pan", "male", "man"), "male"),
    **dict.fromkeys(("inna", "inne", "inny", "niebinarna", "niebinarny", "other", "x"), "other"),
}
_NOT_GIVEN = frozenset(("nie podano", "nie podaje", "wole nie podawac", "odmowa", "brak", "nie dotyczy",
                        "bd", "b d", "n d", "nd", "nie chce podawac", "prefer not to say"))
_AGE_LABELS_FOLDED = {fold(label): code for code, label in AGE_GROUP_LABELS.items()}
_AGE_RANGE = re.compile(r"^(?:(do|ponizej|<)\s*)?(\d{1,4})(?:\s*(\d{1,4}))?(?:\s*(lat|lata|rok|r))?"
                        r"(?:\s*(i wiecej|i powyzej|plus|\+))?$")


def gender_code(value: object) -> str | None:
    """The gender code of a cell or a form's choice ("K", "kobieta", "Female", a label or a code); None for an
    empty cell or no answer; ``ValueError`` for something that is none of them."""
    folded = fold(value)
    if not folded or folded in _NOT_GIVEN:
        return None
    if str(value) in GENDER_LABELS:
        return str(value)
    found = _GENDER_SYNONYMS.get(folded)
    if found is None:
        raise ValueError(f"not a gender: {value!r}")
    return found


def age_group_of_age(age: int) -> str:
    """The group of an age in years."""
    if age < 30:
        return "under_30"
    if age < 45:
        return "30_44"
    return "45_59" if age < 60 else "60_plus"


def age_group_code(value: object, year: int | None = None) -> str | None:
    """The age group of a cell or a form's choice: a code, a group's label ("30–44", "60 i więcej"), an age
    ("34", 34) or a year of birth (1980, a date of birth; its age is taken at ``year``, the current year when
    None). None for an empty cell or no answer; ``ValueError`` for anything else. The age is not kept."""
    if isinstance(value, (dt.date, dt.datetime)):
        return age_group_of_age((year or dt.date.today().year) - value.year)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if str(value) in AGE_GROUP_LABELS:
        return str(value)
    folded = fold(value)
    if not folded or folded in _NOT_GIVEN:
        return None
    if folded in _AGE_LABELS_FOLDED:
        return _AGE_LABELS_FOLDED[folded]
    date = re.fullmatch(r"(\d{1,2}) (\d{1,2}) (\d{4})|(\d{4}) (\d{1,2}) (\d{1,2})", folded)
    if date:  # a date of birth: its year
        folded = date.group(3) or date.group(4)
    found = _AGE_RANGE.match(folded)
    if found is None:
        raise ValueError(f"not an age group: {value!r}")
    below, low, high, _, plus = found.groups()
    number = int(low)
    if below:  # "do 29", "poniżej 30"
        return age_group_of_age(number if below == "do" else number - 1)
    if high is not None:  # a range: "30 44" (the dash folds to a space) — its lower end's group, if it fits
        group = age_group_of_age(number)
        if age_group_of_age(int(high)) != group:
            raise ValueError(f"a range across groups: {value!r}")
        return group
    if plus:
        return age_group_of_age(number)
    now = year or dt.date.today().year
    if 1900 <= number <= now:  # a year of birth
        return age_group_of_age(now - number)
    if 0 < number < 120:
        return age_group_of_age(number)
    raise ValueError(f"not an age nor a year of birth: {value!r}")
