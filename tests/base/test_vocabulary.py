"""Sector words, institution names, areas, gminas and statuses to the vocabulary's codes."""

import pytest

from analysis import folding
from analysis import vocabulary as v


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("JST", "local_government"), ("samorząd gminny", "local_government"), ("SAMORZĄD", "local_government"),
        ("Samorząd (gminy i powiat)", "local_government"), ("stowarzyszenie", "ngo"), ("III sektor", "ngo"),
        ("NGO", "ngo"), ("oświata", "education"), ("OPS", "social_welfare"), ("rolnik", "agriculture"),
        ("przedsiębiorca", "business"), ("Izba gospodarcza", "chamber_of_commerce"), ("cech", "craft_guild"),
        ("rynek pracy", "labour_market"), ("kultura i sport", "culture_sport"), ("zdrowie", "health"),
        ("Inne", "other"), ("samorzad gospodarczy", "chamber_of_commerce"),
        # what office forms write (they used to be flagged although the institution resolved them)
        ("Instytucja edukacyjna", "education"), ("Instytucja kultury / sportu", "culture_sport"),
        ("instytucja kultury", "culture_sport"), ("Instytucja sportowa", "culture_sport"),
        ("instytucja pomocy społecznej", "social_welfare"), ("instytucja ochrony zdrowia", "health"),
        ("jednostka samorządowa", "local_government"), ("instytucja rynku pracy", "labour_market"),
    ],
)
def test_sector_words(written, code):
    assert v.sector_from_text(written) == code


@pytest.mark.parametrize("written", ["", "   ", "xyz", "???"])
def test_unrecognised_sector_words(written):
    assert v.sector_from_text(written) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Urząd Gminy Jabłonna", "local_government"), ("Starostwo Powiatowe w Legionowie", "local_government"),
        ("Piekarnia Kłos sp. z o.o.", "business"), ("Transbud S.A.", "business"), ("PHU Mazur", "business"),
        ("Fundacja Rozwoju", "ngo"), ("Stowarzyszenie Przyjaciół", "ngo"), ("OSP Skrzeszew", "ngo"),
        ("KGW Skierdy", "ngo"), ("Cech Rzemiosł Różnych", "craft_guild"), ("Izba Gospodarcza", "chamber_of_commerce"),
        ("Zespół Szkół nr 3", "education"), ("Przedszkole nr 5", "education"), ("PUP Legionowo", "labour_market"),
        ("WUP w Warszawie", "labour_market"), ("OHP", "labour_market"), ("GOK Nieporęt", "culture_sport"),
        ("MOK Legionowo", "culture_sport"), ("Biblioteka Publiczna", "culture_sport"), ("OSiR", "culture_sport"),
        ("Klub Sportowy Legion", "culture_sport"), ("SP ZOZ w Legionowie", "health"), ("Przychodnia Rodzinna", "health"),
        ("Szpital Powiatowy", "health"), ("GOPS Jabłonna", "social_welfare"), ("MOPS", "social_welfare"),
        ("PCPR w Legionowie", "social_welfare"), ("DPS Wieliszew", "social_welfare"),
        ("Gospodarstwo rolne Nowak", "agriculture"), ("Izba Rolnicza", "agriculture"),
    ],
)
def test_sector_inferred_from_institution(name, code):
    assert v.sector_from_institution(name) == code


def test_institution_that_tells_nothing():
    assert v.sector_from_institution("Jan Kowalski") is None
    assert v.sector_from_institution("") is None


@pytest.mark.parametrize(
    ("written", "area"),
    [
        (1, 1), ("1", 1), ("I", 1), ("II", 2), ("Obszar III", 3), ("IV.", 4), ("obszar 2", 2),
        ("Uszczelnianie lokalnych wycieków", 1), ("uszczelnianie", 1), ("Wsparcie środowiska", 2),
        ("Tworzenie nowych firm, instytucji i organizacji", 3), ("Przyciąganie podmiotów z zewnątrz", 4),
        ("przyciąganie inwestorów", 4),
    ],
)
def test_areas(written, area):
    assert v.area_from_text(written) == area


@pytest.mark.parametrize("written", ["5", "V", "", "coś innego"])
def test_unrecognised_areas(written):
    assert v.area_from_text(written) is None


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Legionowo", "legionowo"), ("JABŁONNA", "jablonna"), ("Jablonna", "jablonna"), ("Chotomów", "jablonna"),
        ("Nieporęt", "nieporet"), ("Serock", "serock"), ("Zegrze", "serock"), ("Wieliszew", "wieliszew"),
        ("Skrzeszew", "wieliszew"), ("gmina Serock", "serock"), ("05-120 Legionowo", "legionowo"),
        ("Warszawa", "outside"), ("Nowy Dwór Mazowiecki", "outside"), ("", "unknown"), (None, "unknown"),
    ],
)
def test_gminas(written, code):
    assert v.gmina_from_text(written) == code


@pytest.mark.parametrize(
    ("written", "code"),
    [("zgłoszona", "submitted"), ("pod głosowanie", "to_vote"), ("Wybrana do realizacji", "selected"),
     ("w realizacji", "in_progress"), ("zrealizowana", "done"), ("odrzucona", "rejected"), ("xyz", None)],
)
def test_statuses(written, code):
    assert v.status_from_text(written) == code


def test_every_sector_has_a_label_and_a_group():
    assert len(v.SECTORS) == 12
    assert {s.group for s in v.SECTORS} == {"public", "business", "civil", "other"}


@pytest.mark.parametrize(("place", "code"), [("Kałuszyn", "wieliszew"), ("Olszewnica Stara", "wieliszew"),
                                             ("Skierdy", "jablonna"), ("Jadwisin", "serock"), ("Józefów", "nieporet")])
def test_villages_belong_to_their_gmina(place, code):
    assert v.gmina_from_text(place) == code


def test_fold_is_the_same_on_its_quick_path_as_on_the_full_one():
    """Pseudonyms are hashes of folded names: the quick path may never fold a name differently."""
    import random

    rng = random.Random(2018)
    alphabet = [chr(c) for c in range(32, 0x250)] + list("ąćęłńóśźżĄĆĘŁŃÓŚŹŻﬁİıßẞ·–—…\u0301\u0308")
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(20_000)]
    samples += [chr(c) for c in range(0x3000)] + ["Żaneta Łęcka-Śliwińska", "  ANNA   nowak ", "Ö\u0308ster"]
    assert [v.fold.__wrapped__(s) for s in samples] == [folding._fold_slowly(s) for s in samples]
    assert v.fold("Żaneta  ŁĘCKA") == "zaneta lecka" and v.fold(None) == ""


def test_folding_and_inferring_many_names_at_once_is_the_same_as_one_by_one():
    """The importer folds and reads the distinct institution names of a list together: same answers."""
    import random

    rng = random.Random(2019)
    alphabet = [chr(c) for c in range(32, 0x250)] + list("ąćęłńóśźżĄĆĘŁŃÓŚŹŻﬁİıßẞ·–—…„”“’«»\u00a0\u0301\u0308\n\t")
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(5_000)]
    hints = [phrase for phrases in v._INSTITUTION_HINTS.values() for phrase in phrases]
    words = [*hints, *(h.upper() for h in hints), *sorted({w for h in hints for w in h.split()}), "Jan", "Jan",
             "nr", "12", "sp.", "z", "o.o.", "S.A.", "„Razem”", "–", "w", "Łódź", "ſ", "İ", "\u00a0"]
    names = [rng.choice([" ", "  ", "-", ". ", ", "]).join(rng.choice(words) for _ in range(rng.randint(0, 7)))
             for _ in range(20_000)]
    names += ["Urząd Gminy Jabłonna", "Piekarnia Kłos sp. z o.o.", "Zespół Szkół nr 3", "Jan Kowalski", ""]
    ascii_samples = ["".join(rng.choice(" -.,aAzZ09ąŁ„–") for _ in range(rng.randint(0, 12))) for _ in range(5_000)]
    for texts in (samples, ascii_samples, names, [*names[:100], None], ["a\x00b", "A  b"], []):
        assert v.fold_all(texts) == [v.fold.__wrapped__(t) for t in texts]
    assert v.sectors_from_institutions(names) == [v.sector_from_institution.__wrapped__(n) for n in names]
    assert v.sectors_from_institutions(["Urząd Gminy 12", "Urząd Gminy Serock", "Jan Kowalski", "Urząd Jana Gminy"]) == [
        "local_government", "local_government", None, None]
