"""The domain's vocabulary: sectors, areas, gminas, statuses and their synonyms.

Every other module imports codes and Polish labels from here; nothing else spells them.
Matching works on *folded* text (lower case, no diacritics, punctuation as spaces), so
"Samorząd gminny", "SAMORZAD-GMINNY" and "samorzad  gminny" are one key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from analysis.folding import fold, fold_all

# --- sectors ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sector:
    code: str
    label: str
    group: str  # public | business | civil | other


SECTORS: tuple[Sector, ...] = (  # code, label, group; two a line
    Sector("local_government", "Samorząd (gminy i powiat)", "public"), Sector("business", "Przedsiębiorcy", "business"),
    Sector("chamber_of_commerce", "Izba gospodarcza", "business"), Sector("craft_guild", "Cech rzemiosł", "business"),
    Sector("education", "Edukacja", "public"), Sector("labour_market", "Instytucje rynku pracy", "public"),
    Sector("ngo", "Organizacje pozarządowe", "civil"), Sector("culture_sport", "Kultura i sport", "public"),
    Sector("health", "Zdrowie", "public"), Sector("social_welfare", "Pomoc i opieka społeczna", "public"),
    Sector("agriculture", "Rolnicy", "business"), Sector("other", "Inne", "other"),
)
SECTOR_CODES: tuple[str, ...] = tuple(s.code for s in SECTORS)
SECTOR_LABELS: dict[str, str] = {s.code: s.label for s in SECTORS}
SECTOR_GROUPS: dict[str, str] = {s.code: s.group for s in SECTORS}
SECTOR_GROUP_LABELS: dict[str, str] = {
    "public": "Sektor publiczny",
    "business": "Sektor gospodarczy",
    "civil": "Sektor społeczny",
    "other": "Inne",
}

# Words people type in a sector cell. Each phrase is folded; a cell matches when the phrase
# occurs in it as whole words, and the longest matching phrase wins.
_SECTOR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "local_government": (
        "samorzad", "samorzad gminny", "samorzad powiatowy", "samorzad lokalny",
        "samorzad terytorialny", "jst", "jednostka samorzadu terytorialnego", "gmina",
        "powiat", "urzad gminy", "urzad miasta", "starostwo", "administracja publiczna",
        "administracja samorzadowa", "administracja", "wladze lokalne", "rada gminy",
        "rada powiatu", "sektor publiczny", "i sektor", "publiczny", "jednostka samorzadowa",
        "samorzadowa", "instytucja samorzadowa", "urzad",
    ),
    "business": (
        "przedsiebiorca", "przedsiebiorcy", "przedsiebiorstwo", "firma", "biznes",
        "sektor prywatny", "sektor gospodarczy", "ii sektor", "dzialalnosc gospodarcza",
        "msp", "mikroprzedsiebiorstwo", "spolka", "handel", "uslugi", "prywatny",
        "gospodarczy",
    ),
    "chamber_of_commerce": (
        "izba gospodarcza", "izba", "izba handlowa", "izba przemyslowo handlowa",
        "samorzad gospodarczy",
    ),
    "craft_guild": ("cech", "cech rzemiosl", "cech rzemiosl roznych", "rzemioslo", "rzemieslnik"),
    "education": (
        "edukacja", "oswiata", "szkola", "szkolnictwo", "przedszkole", "uczelnia",
        "szkolnictwo zawodowe", "placowka oswiatowa", "nauka", "oswiata i wychowanie",
        "instytucja edukacyjna", "edukacyjna", "edukacyjny", "instytucja oswiatowa", "oswiatowa", "oswiatowy",
        "placowka edukacyjna", "szkoly",
    ),
    "labour_market": (
        "rynek pracy", "instytucje rynku pracy", "instytucja rynku pracy", "pup", "wup",
        "ohp", "urzad pracy", "agencja zatrudnienia", "posrednictwo pracy",
    ),
    "ngo": (
        "ngo", "organizacja pozarzadowa", "organizacje pozarzadowe", "stowarzyszenie",
        "fundacja", "iii sektor", "trzeci sektor", "sektor spoleczny", "osp",
        "ochotnicza straz pozarna", "kgw", "kolo gospodyn wiejskich", "spoleczny",
        "organizacja spoleczna", "spoldzielnia socjalna", "ekonomia spoleczna",
    ),
    "culture_sport": (
        "kultura", "sport", "kultura i sport", "kultura sport", "rekreacja", "biblioteka",
        "dom kultury", "gok", "mok", "osir", "klub sportowy", "turystyka", "instytucja kultury",
        "kultury", "sportu", "sportowa", "sportowy", "kulturalna", "kulturalny", "instytucja sportowa",
        "instytucja kultury sportu", "kultura sport rekreacja",
    ),
    "health": (
        "zdrowie", "ochrona zdrowia", "sluzba zdrowia", "zoz", "sp zoz", "szpital",
        "przychodnia", "opieka zdrowotna", "medycyna", "ochrony zdrowia", "instytucja ochrony zdrowia",
        "medyczna", "medyczny", "zdrowia",
    ),
    "social_welfare": (
        "pomoc spoleczna", "opieka spoleczna", "pomoc i opieka spoleczna", "ops", "gops",
        "mops", "pcpr", "dps", "integracja spoleczna", "opieka", "polityka spoleczna",
        "pomocy spolecznej", "instytucja pomocy spolecznej", "pomoc spoleczna i opieka",
    ),
    "agriculture": (
        "rolnik", "rolnicy", "rolnictwo", "gospodarstwo rolne", "rolniczy", "sadownik",
        "ogrodnik", "hodowca",
    ),
    "other": ("inne", "inny", "inna", "pozostale", "osoba prywatna", "mieszkaniec",
              "osoba fizyczna", "media", "prasa"),
}

# Words in an institution's name that tell its sector (used when the sector cell is empty or
# unrecognised). Checked as whole folded phrases; the longest match wins.
_INSTITUTION_HINTS: dict[str, tuple[str, ...]] = {
    "local_government": (
        "urzad gminy", "urzad miasta", "urzad miasta i gminy", "urzad miejski", "starostwo",
        "starostwo powiatowe", "gmina", "powiat", "rada gminy", "rada miejska", "rada powiatu",
        "wojt", "burmistrz", "prezydent miasta", "starosta", "zarzad powiatu", "ug", "um",
        "umig", "zarzad drog powiatowych", "zdp", "zgk",
        "zaklad gospodarki komunalnej", "przedsiebiorstwo wodociagow",
    ),
    "business": (
        "sp z o o", "sp zoo", "spolka z ograniczona odpowiedzialnoscia", "s a",
        "spolka akcyjna", "sp k", "sp j", "spolka jawna", "spolka komandytowa", "s c",
        "spolka cywilna", "phu", "p h u", "fhu", "f h u", "ppuh", "phup", "firma",
        "przedsiebiorstwo", "zaklad", "uslugi", "handel", "biuro rachunkowe", "hotel",
        "restauracja", "piekarnia", "apteka", "bank", "kancelaria", "studio", "salon",
        "warsztat samochodowy", "transport", "budownictwo", "consulting", "group", "ltd",
        "gmbh", "hurtownia", "sklep", "deweloper",
    ),
    "chamber_of_commerce": ("izba", "izba gospodarcza", "izba przemyslowo handlowa",
                            "izba handlowa", "izba rzemiosla"),
    "craft_guild": ("cech", "cech rzemiosl", "cech rzemiosl roznych", "cech rzemiosl i przedsiebiorczosci"),
    "education": (
        "zespol szkol", "szkola", "szkola podstawowa", "liceum", "technikum", "gimnazjum",
        "przedszkole", "zlobek", "uczelnia", "uniwersytet", "politechnika", "akademia",
        "wyzsza szkola", "centrum ksztalcenia", "ckziu", "poradnia psychologiczno pedagogiczna",
        "bursa", "zso", "zsz", "sp nr", "lo",
    ),
    "labour_market": (
        "pup", "wup", "ohp", "urzad pracy", "powiatowy urzad pracy", "wojewodzki urzad pracy",
        "ochotnicze hufce pracy", "agencja pracy", "agencja zatrudnienia", "centrum integracji spolecznej",
        "cis", "klub integracji spolecznej", "kis",
    ),
    "ngo": (
        "fundacja", "stowarzyszenie", "osp", "ochotnicza straz pozarna", "kgw",
        "kolo gospodyn wiejskich", "towarzystwo", "zwiazek", "klub seniora", "uniwersytet trzeciego wieku",
        "utw", "harcerstwo", "zhp", "druzyna harcerska", "spoldzielnia socjalna", "parafia",
        "caritas", "lokalna grupa dzialania", "lgd", "rotary", "lions",
    ),
    "culture_sport": (
        "gok", "mok", "gminny osrodek kultury", "miejski osrodek kultury", "osrodek kultury",
        "dom kultury", "centrum kultury", "biblioteka", "biblioteka publiczna", "muzeum",
        "osir", "osrodek sportu", "osrodek sportu i rekreacji", "klub sportowy", "ks", "uks",
        "luks", "mks", "gks", "akademia pilkarska", "teatr", "kino", "galeria",
    ),
    "health": (
        "sp zoz", "zoz", "spzoz", "przychodnia", "szpital", "nzoz", "centrum medyczne",
        "osrodek zdrowia", "poradnia", "gabinet", "stacja pogotowia", "pogotowie", "hospicjum",
        "sanepid", "stacja sanitarno epidemiologiczna",
    ),
    "social_welfare": (
        "gops", "mops", "ops", "pcpr", "dps", "dom pomocy spolecznej", "osrodek pomocy spolecznej",
        "gminny osrodek pomocy spolecznej", "miejski osrodek pomocy spolecznej",
        "powiatowe centrum pomocy rodzinie", "srodowiskowy dom samopomocy", "sds",
        "dom dziecka", "placowka opiekunczo wychowawcza", "warsztat terapii zajeciowej", "wtz",
        "dzienny dom senior", "dom seniora",
    ),
    "agriculture": (
        "gospodarstwo rolne", "gospodarstwo", "rolnik", "gospodarstwo ogrodnicze",
        "gospodarstwo sadownicze", "hodowla", "pasieka", "ferma", "ksiegowosc rolna",
        "izba rolnicza", "ardr", "modr", "osrodek doradztwa rolniczego",
    ),
}


@dataclass(frozen=True)
class _PhraseIndex:
    """Folded phrases -> codes, looked up by the word n-grams of a text."""

    codes: dict[str, str]
    longest: int  # words in the longest phrase


def _phrase_index(table: dict[str, tuple[str, ...]]) -> _PhraseIndex:
    codes: dict[str, str] = {}
    for code, phrases in table.items():
        for phrase in phrases:
            codes.setdefault(fold(phrase), code)
    return _PhraseIndex(codes, max(len(p.split()) for p in codes))


_SECTOR_INDEX = _phrase_index(_SECTOR_SYNONYMS)
_INSTITUTION_INDEX = _phrase_index(_INSTITUTION_HINTS)
_SECTOR_BY_LABEL = {fold(s.label): s.code for s in SECTORS} | {fold(s.code): s.code for s in SECTORS}


def _longest_match(folded: str, index: _PhraseIndex) -> str | None:
    """The code of the longest phrase of ``index`` that occurs in ``folded`` as whole words."""
    if not folded:
        return None
    words = folded.split()
    best: str | None = None
    for size in range(min(index.longest, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            code = index.codes.get(phrase)
            if code is not None and (best is None or len(phrase) > len(best)):
                best = phrase
        if best is not None and size <= len(best.split()):
            break
    return index.codes[best] if best is not None else None


@lru_cache(maxsize=65536)
def sector_from_text(text: object) -> str | None:
    """Sector code for what a person wrote in a sector cell, or None if unrecognised."""
    folded = fold(text)
    if not folded:
        return None
    if folded in _SECTOR_BY_LABEL:
        return _SECTOR_BY_LABEL[folded]
    return _longest_match(folded, _SECTOR_INDEX)


@lru_cache(maxsize=65536)
def sector_from_institution(name: object) -> str | None:
    """Sector code inferred from an institution's name, or None when the name does not tell."""
    return _longest_match(fold(name), _INSTITUTION_INDEX)


# every word of the institution hints (a phrase made of other words is never among them), and NUL between two names
_INSTITUTION_WORDS_AND_NUL = frozenset(word for phrase in _INSTITUTION_INDEX.codes for word in phrase.split()) | {"\x00"}


def sectors_from_institutions(names: list[str]) -> list[str | None]:
    """``[sector_from_institution(n) for n in names]`` for many (distinct) names at once.

    Only a run of the hints' words can be a hint, so each name's other words are written as "|"
    and the longest match is looked for once per such pattern, in its runs of hint words only:
    "Urząd Gminy 123" and "Urząd Gminy Serock" are both "urzad gminy |". The phrases found, their
    words and their order are those ``_longest_match`` finds in the name, and so is the answer.
    The words of all the names are looked at in one list, with NUL between two names.
    """
    if not names:
        return []
    words = _INSTITUTION_WORDS_AND_NUL
    tokens = "\x00".join(fold_all(names)).replace("\x00", " \x00 ").split()
    patterns = (" ".join([w if w in words else "|" for w in tokens])
                .replace(" \x00", "\x00").replace("\x00 ", "\x00").split("\x00"))
    found = {pattern: _longest_match_in_runs(pattern, _INSTITUTION_INDEX) for pattern in set(patterns)}
    return [found[pattern] for pattern in patterns]


def _longest_match_in_runs(pattern: str, index: _PhraseIndex) -> str | None:
    """``_longest_match`` of a name whose words no phrase has are "|": the phrases of the most words
    that occur, the longest of them, the first of those."""
    runs = [run.split() for run in pattern.split("|")]
    for size in range(min(index.longest, max(len(run) for run in runs)), 0, -1):
        best: str | None = None
        for run in runs:
            for start in range(len(run) - size + 1):
                phrase = " ".join(run[start:start + size])
                if phrase in index.codes and (best is None or len(phrase) > len(best)):
                    best = phrase
        if best is not None:
            return index.codes[best]
    return None


# --- areas of proposals -----------------------------------------------------------------------

AREAS: dict[int, str] = {
    1: "Uszczelnianie lokalnych wycieków",
    2: "Wsparcie środowiska społeczno-gospodarczego",
    3: "Tworzenie nowych firm, instytucji i organizacji",
    4: "Przyciąganie podmiotów z zewnątrz",
}
AREA_SHORT_LABELS: dict[int, str] = {
    1: "1. Uszczelnianie wycieków",
    2: "2. Wsparcie środowiska",
    3: "3. Nowe podmioty",
    4: "4. Przyciąganie z zewnątrz",
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_AREA_KEYWORDS: tuple[tuple[str, int], ...] = (
    ("uszczelnian", 1), ("wyciek", 1), ("wsparcie srodowiska", 2), ("srodowiska spoleczno", 2),
    ("wsparcie", 2), ("tworzenie", 3), ("nowych firm", 3), ("nowe firmy", 3), ("przyciagan", 4),
    ("z zewnatrz", 4), ("inwestor", 4),
)


@lru_cache(maxsize=4096)
def area_from_text(text: object) -> int | None:
    """Area number 1–4 from "1", "I", "Obszar II", a full or partial title; else None."""
    folded = fold(text)
    if not folded:
        return None
    for code, title in AREAS.items():
        if folded == fold(title) or folded.endswith(fold(title)):
            return code
    stripped = folded.removeprefix("obszar ").strip()
    first = stripped.split()[0] if stripped else ""
    if first.isdigit() or first in _ROMAN:
        number = int(first) if first.isdigit() else _ROMAN[first]
        return number if number in AREAS else None
    for keyword, code in _AREA_KEYWORDS:
        if keyword in folded:
            return code
    return None


# --- gminas -----------------------------------------------------------------------------------

GMINAS: dict[str, str] = {
    "legionowo": "Legionowo",
    "jablonna": "Jabłonna",
    "nieporet": "Nieporęt",
    "serock": "Serock",
    "wieliszew": "Wieliszew",
}
GMINA_LABELS: dict[str, str] = GMINAS | {"outside": "Spoza powiatu", "unknown": "Nie podano"}
GMINA_CODES: tuple[str, ...] = tuple(GMINA_LABELS)
# The county's and its gminas' codes in the TERYT register (TERC: województwo, powiat, gmina, and the kind
# of gmina: 1 urban, 2 rural, 3 urban-rural; 4 and 5 are the town and the rural area of an urban-rural one)
COUNTY_TERYT = "1408"
GMINA_TERYT: dict[str, str] = {
    "1408011": "legionowo",
    "1408022": "jablonna",
    "1408032": "nieporet",
    "1408043": "serock",
    "1408052": "wieliszew",
}

# The localities (TERYT SIMC: the town, villages, sołectwa) of each gmina of the county, and a few
# places around it that are surely outside it: the one list a place of origin is matched against.
# Only names known to belong there: a village missing here is reported on import (``locality_unknown``)
# and the office adds it on the import page (the store's ``localities``). A name two gminas share
# ("Janówek": Janówek Drugi is Jabłonna's, Janówek Pierwszy Wieliszew's) is listed only in full.
LOCALITIES: dict[str, tuple[str, ...]] = {
    "legionowo": ("Legionowo",),
    "jablonna": (
        "Jabłonna", "Boża Wola", "Chotomów", "Dąbrowa Chotomowska", "Janówek Drugi", "Janówek II", "Rajszew",
        "Skierdy", "Suchocin", "Trzciany", "Wólka Górska",
    ),
    "nieporet": (
        "Nieporęt", "Aleksandrów", "Beniaminów", "Białobrzegi", "Izabelin", "Józefów", "Kąty Węgierskie",
        "Michałów-Grabina", "Rembelszczyzna", "Rynia", "Stanisławów", "Stanisławów Pierwszy", "Stanisławów I",
        "Stanisławów Drugi", "Stanisławów II", "Wola Aleksandra", "Wólka Radzymińska", "Zegrze Południowe",
    ),
    "serock": (
        "Serock", "Bolesławowo", "Borowa Góra", "Cupel", "Dębe", "Dębinki", "Dosin", "Gąsiorowo", "Guty", "Izbica",
        "Jachranka", "Jadwisin", "Kania Nowa", "Kania Polska", "Karolino", "Łacha", "Ludwinowo Dębskie",
        "Ludwinowo Zegrzyńskie", "Marynino", "Nowa Wieś", "Skubianka", "Stanisławowo", "Stasi Las", "Szadki",
        "Święcienica", "Wierzbica", "Wola Kiełpińska", "Wola Smolana", "Zabłocie", "Zalesie Borowe", "Zegrze",
        "Zegrzynek",
    ),
    "wieliszew": (
        "Wieliszew", "Janówek Pierwszy", "Janówek I", "Kałuszyn", "Komornica", "Krubin", "Łajski", "Michałów-Reginów",
        "Olszewnica Nowa", "Olszewnica Stara", "Poddębie", "Sikory", "Skrzeszew", "Topolina",
    ),
    "outside": (
        "Warszawa", "Nowy Dwór Mazowiecki", "Zakroczym", "Czosnów", "Pomiechówek", "Nasielsk", "Pułtusk", "Wyszków",
        "Radzymin", "Marki", "Ząbki", "Zielonka", "Kobyłka", "Wołomin", "Łomianki",
    ),
}
# words before a locality's name that are not part of it: "gm. Nieporęt", "wieś Skierdy", "os. Piaski"
_PLACE_PREFIXES = frozenset(("gmina", "gm", "miejska", "wiejska", "miasto", "m", "i", "ug", "um", "umig", "wies",
                             "solectwo", "osiedle", "os", "miejscowosc", "miejsc", "kolonia", "kol", "gminy"))


def locality_key(text: object) -> str:
    """A place of origin as it is matched: folded, without the words before its name ("gm.", "wieś"...)
    and without numbers (a postal code): "wieś Kąty Węgierskie" and "05-126 KĄTY WĘGIERSKIE" are one key."""
    words = [w for w in fold(text).split() if not w.isdigit()]
    while len(words) > 1 and words[0] in _PLACE_PREFIXES:
        words.pop(0)
    return " ".join(words)


_LOCALITY_INDEX: dict[str, str] = {locality_key(place): code for code, places in LOCALITIES.items() for place in places}
_LOCALITY_WORDS = max(len(key.split()) for key in _LOCALITY_INDEX)
_COUNTY = ("powiat legionowski", "powiat", "starostwo powiatowe", "starostwo powiatowe w legionowie")


def gmina_of_place(text: object, places: Mapping[str, str] | None = None) -> str | None:
    """The gmina code of a place of origin (one of the five, ``outside`` or, for an empty cell or the
    county itself, ``unknown``); None when the place is not recognised. ``places`` are the office's own
    pairs (``locality_key`` -> code), which win over the list; the whole text is looked up first, then
    its runs of words ("05-120 Legionowo, ul. Piłsudskiego 1")."""
    key = locality_key(text)
    if not key:
        return "unknown"
    if places and key in places:
        return places[key]
    if key in _LOCALITY_INDEX:
        return _LOCALITY_INDEX[key]
    if key in _COUNTY:
        return "unknown"
    words = key.split()
    for size in range(min(_LOCALITY_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            if places and phrase in places:
                return places[phrase]
            if phrase in _LOCALITY_INDEX:
                return _LOCALITY_INDEX[phrase]
    return None


@lru_cache(maxsize=16384)
def gmina_from_text(text: object) -> str:
    """Gmina code for a place: one of the county's five, ``outside`` (also when not recognised) or ``unknown``."""
    return gmina_of_place(text) or "outside"


# Forms in which a host gmina is named in titles: "warsztat w Jabłonnie", "Serocku".
_GMINA_FORMS: dict[str, str] = {
    "legionowo": "legionowo", "legionowie": "legionowo", "legionowa": "legionowo",
    "jablonna": "jablonna", "jablonnie": "jablonna", "jablonny": "jablonna",
    "nieporet": "nieporet", "nieporecie": "nieporet", "nieporetu": "nieporet",
    "serock": "serock", "serocku": "serock", "serocka": "serock",
    "wieliszew": "wieliszew", "wieliszewie": "wieliszew", "wieliszewa": "wieliszew",
}


def gmina_name_in(text: object) -> str | None:
    """The host gmina named in a free text (a sheet name, a title line), or None."""
    return next((_GMINA_FORMS[word] for word in fold(text).split() if word in _GMINA_FORMS), None)


# --- statuses of proposals --------------------------------------------------------------------

STATUSES: dict[str, str] = {
    "submitted": "zgłoszona",
    "to_vote": "pod głosowanie",
    "selected": "wybrana do realizacji",
    "in_progress": "w realizacji",
    "done": "zrealizowana",
    "rejected": "odrzucona",
}
_STATUS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "submitted": ("zgloszona", "zgloszony", "zgloszone", "nowa", "nowy", "propozycja", "zlozona"),
    "to_vote": ("pod glosowanie", "do glosowania", "glosowanie", "na glosowanie", "oczekuje na glosowanie"),
    "selected": ("wybrana do realizacji", "wybrana", "wybrany", "przyjeta", "przyjety", "zaakceptowana",
                 "do realizacji", "zatwierdzona"),
    "in_progress": ("w realizacji", "realizowana", "w trakcie", "w trakcie realizacji", "realizacja"),
    "done": ("zrealizowana", "zrealizowany", "zakonczona", "wykonana", "zrobiona"),
    "rejected": ("odrzucona", "odrzucony", "niewybrana", "nie wybrana", "odlozona", "wycofana"),
}
_STATUS_INDEX = _phrase_index(_STATUS_SYNONYMS)
_STATUS_BY_TEXT = {fold(label): code for code, label in STATUSES.items()} | {code: code for code in STATUSES}


@lru_cache(maxsize=1024)
def status_from_text(text: object) -> str | None:
    folded = fold(text)
    if not folded:
        return None
    return _STATUS_BY_TEXT.get(folded) or _longest_match(folded, _STATUS_INDEX)


# --- kinds of tables --------------------------------------------------------------------------

KIND_LABELS: dict[str, str] = {
    "attendance": "lista obecności",
    "proposals": "propozycje projektów",
    "workshops": "harmonogram warsztatów",
    "votes": "wynik głosowania",
    "gminas": "tabela gmin (liczba mieszkańców)",
    "status": "zmiana statusu propozycji",
    "locality": "miejscowość przypisana do gminy",
}
