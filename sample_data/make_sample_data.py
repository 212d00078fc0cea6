"""Makes the illustrative 2018 cycle as the spreadsheets a county office would upload.

Deterministic: the same people, institutions and proposals on every run (a fixed seed).
Every person is invented. Run from the project's root:

    python sample_data/make_sample_data.py

Files written beside this script:
- harmonogram_2018.xlsx            the five workshops (a title row above the table)
- lista_obecnosci_1_serock.xlsx    attendance in Serock: title rows, merged cells, Lp., Podpis,
                                    a "Łącznie obecnych" line
- lista_obecnosci_2_wieliszew.csv  a registration form's export (UTF-8 with BOM, semicolons,
                                    first and last name in separate columns)
- lista_obecnosci_3_jablonna.xlsx  attendance in Jabłonna on 13 September 2018 (about 100
                                    people), with an instructions sheet the importer skips
- propozycje_2018.xlsx             proposals, one sheet per workshop; the 15 written in
                                    Jabłonna await the vote in Legionowo; partners (none to
                                    three) from the lists and from outside them
- gminy_2018.xlsx                  residents of the five gminas (illustrative round figures)
- cykl_2019/                       a second cycle (jointly with the county of Nowy Dwór
                                    Mazowiecki): schedule, three lists, proposals, gmina table;
  cykl_2019/pozniej/               a later proposals file of 2019 with changed statuses and
                                    their days ("Data statusu"), imported in place of the first
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
SEED = 2018
FIXED_TIME = dt.datetime(2018, 9, 14, 10, 0, 0)

WORKSHOPS = [
    (1, dt.date(2018, 5, 24), "Serock", "Hala widowiskowo-sportowa w Serocku, ul. Pułtuska 47",
     "Diagnoza: lokalne zasoby i wycieki"),
    (2, dt.date(2018, 6, 21), "Wieliszew", "Gminny Ośrodek Kultury w Wieliszewie, ul. Modlińska 1",
     "Wsparcie przedsiębiorców i instytucji"),
    (3, dt.date(2018, 9, 13), "Jabłonna", "Pałac w Jabłonnie, ul. Modlińska 105",
     "Propozycje projektów w grupach tematycznych"),
    (4, dt.date(2018, 10, 8), "Legionowo", "Ratusz w Legionowie, ul. Piłsudskiego 41",
     "Głosowanie nad propozycjami z Jabłonny"),
    (5, dt.date(2018, 11, 15), "Nieporęt", "Urząd Gminy Nieporęt, Plac Wolności 1",
     "Plan działań partnerstwa na kolejny rok"),
]

FIRST_NAMES_F = ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
                 "Elżbieta", "Joanna", "Magdalena", "Monika", "Beata", "Dorota", "Aleksandra", "Justyna",
                 "Renata", "Iwona", "Grażyna", "Halina", "Jolanta", "Urszula", "Marta", "Natalia"]
FIRST_NAMES_M = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Marcin", "Jan",
                 "Grzegorz", "Józef", "Łukasz", "Adam", "Zbigniew", "Jerzy", "Tadeusz", "Mariusz",
                 "Dariusz", "Wojciech", "Rafał", "Jacek", "Sławomir", "Robert", "Mirosław", "Kamil"]
# (masculine, feminine) surname forms; invented combinations of common Polish surnames
SURNAMES = [("Nowak", "Nowak"), ("Wójcik", "Wójcik"), ("Kowalczyk", "Kowalczyk"), ("Woźniak", "Woźniak"),
            ("Mazur", "Mazur"), ("Krawczyk", "Krawczyk"), ("Kaczmarek", "Kaczmarek"), ("Zając", "Zając"),
            ("Król", "Król"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"), ("Majewski", "Majewska"),
            ("Olszewski", "Olszewska"), ("Jaworski", "Jaworska"), ("Pawlak", "Pawlak"), ("Walczak", "Walczak"),
            ("Górecki", "Górecka"), ("Rutkowski", "Rutkowska"), ("Michalak", "Michalak"), ("Sikora", "Sikora"),
            ("Ostrowski", "Ostrowska"), ("Baran", "Baran"), ("Duda", "Duda"), ("Szewczyk", "Szewczyk"),
            ("Tomaszewski", "Tomaszewska"), ("Pietrzak", "Pietrzak"), ("Marciniak", "Marciniak"),
            ("Wróblewski", "Wróblewska"), ("Zalewski", "Zalewska"), ("Jakubowski", "Jakubowska"),
            ("Sadowski", "Sadowska"), ("Zawadzki", "Zawadzka"), ("Chmielewski", "Chmielewska"),
            ("Borkowski", "Borkowska"), ("Czarnecki", "Czarnecka"), ("Sawicki", "Sawicka"),
            ("Sokołowski", "Sokołowska"), ("Urbański", "Urbańska"), ("Kubiak", "Kubiak"), ("Maciejewski", "Maciejewska")]


@dataclass(frozen=True)
class Institution:
    name: str
    sector_written: str  # what the office typed in the sector column ("" = left empty)
    place: str  # locality written in the "Miejscowość" column
    sector: str  # the sector code it stands for (used only to plan proportions)


INSTITUTIONS: list[Institution] = [
    Institution("Starostwo Powiatowe w Legionowie", "JST", "Legionowo", "local_government"),
    Institution("Urząd Miasta Legionowo", "samorząd gminny", "Legionowo", "local_government"),
    Institution("Urząd Gminy Jabłonna", "Samorząd", "Jabłonna", "local_government"),
    Institution("Urząd Miasta i Gminy Serock", "JST", "Serock", "local_government"),
    Institution("Urząd Gminy Wieliszew", "", "Wieliszew", "local_government"),
    Institution("Urząd Gminy Nieporęt", "samorząd", "Nieporęt", "local_government"),
    Institution("Rada Powiatu Legionowskiego", "samorząd powiatowy", "Legionowo", "local_government"),
    Institution("Piekarnia Złoty Kłos sp. z o.o.", "przedsiębiorca", "Serock", "business"),
    Institution("PHU Mazowsze Stal", "", "Legionowo", "business"),
    Institution("Transbud Legionowo S.A.", "firma", "Legionowo", "business"),
    Institution("Biuro Rachunkowe Bilans", "przedsiębiorca", "Jabłonna", "business"),
    Institution("Hotel nad Zalewem sp. z o.o.", "", "Zegrze", "business"),
    Institution("Zakład Stolarski Dąb s.c.", "przedsiębiorca", "Wieliszew", "business"),
    Institution("Ogrody Chotomów sp. j.", "biznes", "Chotomów", "business"),
    Institution("Kancelaria Doradztwa Gospodarczego", "przedsiębiorca", "Nieporęt", "business"),
    Institution("Legionowska Izba Gospodarcza", "izba gospodarcza", "Legionowo", "chamber_of_commerce"),
    Institution("Cech Rzemiosł Różnych w Legionowie", "cech", "Legionowo", "craft_guild"),
    Institution("Zespół Szkół nr 2 w Legionowie", "oświata", "Legionowo", "education"),
    Institution("Szkoła Podstawowa w Chotomowie", "oświata", "Chotomów", "education"),
    Institution("Zespół Szkół w Serocku", "", "Serock", "education"),
    Institution("Przedszkole Samorządowe w Jabłonnie", "edukacja", "Jabłonna", "education"),
    Institution("Szkoła Podstawowa w Skrzeszewie", "szkoła", "Skrzeszew", "education"),
    Institution("Powiatowy Urząd Pracy w Legionowie", "rynek pracy", "Legionowo", "labour_market"),
    Institution("Wojewódzki Urząd Pracy w Warszawie", "WUP", "Warszawa", "labour_market"),
    Institution("OHP Hufiec Pracy w Legionowie", "", "Legionowo", "labour_market"),
    Institution("Stowarzyszenie Przyjaciół Ziemi Serockiej", "stowarzyszenie", "Serock", "ngo"),
    Institution("Fundacja Rozwoju Gminy Wieliszew", "NGO", "Wieliszew", "ngo"),
    Institution("OSP Jabłonna", "III sektor", "Jabłonna", "ngo"),
    Institution("Koło Gospodyń Wiejskich w Skierdach", "", "Skierdy", "ngo"),
    Institution("Stowarzyszenie Nieporęt Aktywnie", "organizacja pozarządowa", "Nieporęt", "ngo"),
    Institution("Uniwersytet Trzeciego Wieku w Legionowie", "NGO", "Legionowo", "ngo"),
    Institution("Gminny Ośrodek Kultury w Nieporęcie", "kultura", "Nieporęt", "culture_sport"),
    Institution("Biblioteka Publiczna Gminy Jabłonna", "", "Jabłonna", "culture_sport"),
    Institution("Ośrodek Sportu i Rekreacji w Legionowie", "sport", "Legionowo", "culture_sport"),
    Institution("Klub Sportowy Zalew Serock", "kultura i sport", "Serock", "culture_sport"),
    Institution("SP ZOZ w Legionowie", "zdrowie", "Legionowo", "health"),
    Institution("Przychodnia Zdrowia w Serocku", "", "Serock", "health"),
    Institution("GOPS w Jabłonnie", "OPS", "Jabłonna", "social_welfare"),
    Institution("MOPS w Legionowie", "pomoc społeczna", "Legionowo", "social_welfare"),
    Institution("PCPR w Legionowie", "", "Legionowo", "social_welfare"),
    Institution("Dom Pomocy Społecznej w Wieliszewie", "opieka społeczna", "Wieliszew", "social_welfare"),
    Institution("Gospodarstwo rolne w Skierdach", "rolnik", "Skierdy", "agriculture"),
    Institution("Gospodarstwo sadownicze w Olszewnicy", "rolnik", "Olszewnica Stara", "agriculture"),
    Institution("Gospodarstwo ogrodnicze w Kałuszynie", "rolnictwo", "Kałuszyn", "agriculture"),
    Institution("Mieszkanka gminy", "inne", "Nieporęt", "other"),
]
# realistic shares of a workshop's ~100 participants
SECTOR_WEIGHTS = {
    "local_government": 20, "business": 18, "chamber_of_commerce": 3, "craft_guild": 3, "education": 12,
    "labour_market": 6, "ngo": 14, "culture_sport": 7, "health": 4, "social_welfare": 6, "agriculture": 5,
    "other": 2,
}
ROLES = ["dyrektor", "kierownik", "specjalista", "prezes", "radny", "właściciel", "nauczyciel", "członek zarządu",
         "sołtys", "wójt", "burmistrz", "pracownik", "koordynator"]
GROUPS = ["Grupa 1", "Grupa 2", "Grupa 3", "Grupa 4", "Grupa 5"]


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    institution: Institution
    role: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def make_people(rng: random.Random) -> list[Person]:
    """A pool of invented people, each tied to one institution, in the sectors' proportions."""
    people: list[Person] = []
    used: set[str] = set()
    by_sector: dict[str, list[Institution]] = {}
    for inst in INSTITUTIONS:
        by_sector.setdefault(inst.sector, []).append(inst)
    for sector, weight in SECTOR_WEIGHTS.items():
        for _ in range(round(weight * 1.5)):
            female = rng.random() < 0.55
            while True:
                first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
                male_form, female_form = rng.choice(SURNAMES)
                last = female_form if female else male_form
                if f"{first} {last}" not in used:
                    used.add(f"{first} {last}")
                    break
            people.append(Person(first, last, rng.choice(by_sector[sector]), rng.choice(ROLES)))
    # the guest from the voivodeship labour office is in the pool for sure
    wup = next(i for i in INSTITUTIONS if i.name.startswith("Wojewódzki"))
    people.append(Person("Bożena", "Kalinowska", wup, "dyrektor"))
    return people


def attendance_plan(rng: random.Random, people: list[Person]) -> dict[int, list[Person]]:
    """Who came to workshops 1-3: a core that returns, and others who come once or twice."""
    guest = people[-1]
    others = people[:-1]
    rng.shuffle(others)
    core = others[:48]
    rest = others[48:]
    plan = {1: list(core[:44]), 2: list(core[4:46]), 3: list(core[2:48])}
    sizes = {1: 86, 2: 93, 3: 101}
    for number in (1, 2, 3):
        pool = [p for p in rest if p not in plan[number]]
        rng.shuffle(pool)
        plan[number].extend(pool[: sizes[number] - len(plan[number]) - (1 if number == 3 else 0)])
    plan[3].append(guest)  # the guest from outside the county came to Jabłonna
    for number in plan:
        rng.shuffle(plan[number])
    return plan


# --- writing ----------------------------------------------------------------------------------

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def _new_workbook() -> Workbook:
    wb = Workbook()
    wb.properties.creator = "Starostwo Powiatowe w Legionowie"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def _write_table(ws: Worksheet, title_lines: list[str], header: list[str], rows: list[list[object]], widths: list[int]) -> int:
    """Title lines merged across the table, then a bordered header and rows; returns the header row."""
    for index, line in enumerate(title_lines, start=1):
        ws.cell(row=index, column=1, value=line).font = Font(bold=index == 1, size=14 if index == 1 else 11)
        ws.merge_cells(start_row=index, start_column=1, end_row=index, end_column=len(header))
        ws.cell(row=index, column=1).alignment = Alignment(horizontal="center")
    header_row = len(title_lines) + (2 if title_lines else 1)
    for col, text in enumerate(header, start=1):
        cell = ws.cell(row=header_row, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, values in enumerate(rows, start=header_row + 1):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=value)
            cell.border = BORDER
            if isinstance(value, dt.date):
                cell.number_format = "DD.MM.YYYY"
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    return header_row


def write_schedule(path: Path) -> None:
    wb = _new_workbook()
    ws = wb.active
    ws.title = "Harmonogram"
    rows = [[n, date, gmina, venue, title] for n, date, gmina, venue, title in WORKSHOPS]
    _write_table(ws, ["Harmonogram warsztatów partnerstwa lokalnego – cykl 2018"],
                 ["Nr", "Data", "Gmina", "Miejsce", "Temat"], rows, [6, 12, 14, 52, 46])
    wb.save(path)


def write_attendance_serock(path: Path, people: list[Person]) -> None:
    wb = _new_workbook()
    ws = wb.active
    ws.title = "Lista obecności"
    rows = [[i, p.full, p.institution.name, p.institution.sector_written, p.institution.place, ""]
            for i, p in enumerate(people, start=1)]
    rows += [[len(rows) + i, "", "", "", "", ""] for i in range(1, 5)]  # empty pre-numbered lines
    header_row = _write_table(
        ws,
        ["Partnerstwo lokalne na rzecz ożywienia gospodarczego w powiecie legionowskim",
         "Lista obecności – warsztat 1, Serock, 24 maja 2018 r."],
        ["Lp.", "Imię i nazwisko", "Instytucja / organizacja", "Reprezentowany sektor", "Miejscowość", "Podpis"],
        rows, [6, 28, 44, 24, 18, 22],
    )
    ws.cell(row=header_row + len(rows) + 1, column=1, value=f"Łącznie obecnych: {len(people)}").font = Font(bold=True)
    wb.save(path)


def write_attendance_wieliszew(path: Path, people: list[Person], rng: random.Random) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Sygnatura czasowa", "Warsztat", "Imię", "Nazwisko", "Nazwa instytucji", "Sektor",
                     "Gmina", "Adres e-mail"])
    base = dt.datetime(2018, 6, 11, 9, 0)
    for index, p in enumerate(people):
        stamp = base + dt.timedelta(minutes=97 * index + rng.randint(0, 90))
        email = f"{p.first[0].lower()}.{p.last.lower()}@example.org".translate(str.maketrans("ąćęłńóśźż", "acelnoszz"))
        writer.writerow([stamp.strftime("%Y-%m-%d %H:%M:%S"), "Warsztat 2 – Wieliszew", p.first, p.last,
                         p.institution.name, p.institution.sector_written, p.institution.place, email])
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def write_attendance_jablonna(path: Path, people: list[Person], rng: random.Random) -> None:
    wb = _new_workbook()
    ws = wb.active
    ws.title = "Lista"
    rows = [[i, p.last, p.first, p.institution.name, p.institution.sector_written, p.institution.place,
             p.role, rng.choice(GROUPS), ""] for i, p in enumerate(people, start=1)]
    header_row = _write_table(
        ws,
        ["Partnerstwo lokalne na rzecz ożywienia gospodarczego w powiecie legionowskim",
         "Warsztat 3 – Jabłonna, 13 września 2018 r., Pałac w Jabłonnie",
         "Lista obecności"],
        ["Lp.", "Nazwisko", "Imię", "Instytucja", "Sektor", "Gmina", "Funkcja", "Grupa tematyczna", "Podpis"],
        rows, [6, 18, 14, 44, 22, 18, 18, 16, 20],
    )
    ws.cell(row=header_row + len(rows) + 1, column=1, value="Razem").font = Font(bold=True)
    ws.cell(row=header_row + len(rows) + 1, column=2, value=len(people)).font = Font(bold=True)
    info = wb.create_sheet("Instrukcja")
    for r, line in enumerate([
        "Jak wypełnić listę obecności",
        "1. Każdy uczestnik wpisuje się w osobnym wierszu.",
        "2. W kolumnie „Sektor” wpisz sektor, który reprezentujesz (np. samorząd, przedsiębiorca, NGO).",
        "3. Lista jest przekazywana do Starostwa Powiatowego w Legionowie po warsztacie.",
    ], start=1):
        info.cell(row=r, column=1, value=line)
    info.column_dimensions["A"].width = 100
    wb.save(path)


PROPOSALS = {
    1: [
        (1, "1", "Lokalny bon zakupowy dla mieszkańców", "Urząd Miasta i Gminy Serock", 34, "wybrana do realizacji"),
        (1, "I", "Targ lokalnych producentów w Serocku", "Stowarzyszenie Przyjaciół Ziemi Serockiej", 29,
         "w realizacji"),
        (2, "Obszar 1", "Zamówienia publiczne otwarte dla lokalnych firm", "Starostwo Powiatowe w Legionowie", 22,
         "odrzucona"),
        (2, "2", "Doradztwo dla małych firm rodzinnych", "Legionowska Izba Gospodarcza", 31, "wybrana do realizacji"),
        (3, "II", "Sieć współpracy szkół zawodowych z pracodawcami", "Zespół Szkół nr 2 w Legionowie", 27,
         "w realizacji"),
        (3, "Wsparcie środowiska społeczno-gospodarczego", "Wspólna promocja rękodzieła i KGW",
         "Koło Gospodyń Wiejskich w Skierdach", 18, "odrzucona"),
        (4, "3", "Inkubator przedsiębiorczości w Legionowie", "Powiatowy Urząd Pracy w Legionowie", 36,
         "wybrana do realizacji"),
        (4, "III", "Spółdzielnia socjalna usług opiekuńczych", "PCPR w Legionowie", 24, "zgłoszona"),
        (5, "4", "Punkt obsługi inwestora w powiecie", "Starostwo Powiatowe w Legionowie", 33, "wybrana do realizacji"),
        (5, "IV", "Wspólna oferta terenów inwestycyjnych", "Urząd Gminy Nieporęt", 21, "odrzucona"),
        (1, "Uszczelnianie lokalnych wycieków", "Kawiarenka lokalnych smaków w bibliotece",
         "Biblioteka Publiczna Gminy Jabłonna", 12, "odrzucona"),
        (2, "Przyciąganie podmiotów z zewnątrz", "Turystyczna marka Zalewu Zegrzyńskiego",
         "Hotel nad Zalewem sp. z o.o.", 30, "w realizacji"),
    ],
    2: [
        (1, "1", "Katalog lokalnych dostawców dla urzędów i szkół", "Urząd Gminy Wieliszew", 38,
         "wybrana do realizacji"),
        (1, "1", "Stołówki szkolne zaopatrywane przez lokalnych rolników", "Gospodarstwo rolne w Skierdach", 35,
         "wybrana do realizacji"),
        (2, "2", "Akademia cyfrowa dla rzemieślników", "Cech Rzemiosł Różnych w Legionowie", 26, "odrzucona"),
        (2, "2", "Mentoring seniorów biznesu dla młodych firm", "Legionowska Izba Gospodarcza", 29,
         "wybrana do realizacji"),
        (3, "2", "Wolontariat pracowniczy w organizacjach pozarządowych", "Fundacja Rozwoju Gminy Wieliszew", 17,
         "odrzucona"),
        (3, "2", "Program wsparcia opiekunów osób zależnych", "MOPS w Legionowie", 23, "wybrana do realizacji"),
        (4, "3", "Klub młodego przedsiębiorcy w szkołach średnich", "Zespół Szkół w Serocku", 28,
         "wybrana do realizacji"),
        (4, "3", "Mikrogranty na start dla absolwentów", "Powiatowy Urząd Pracy w Legionowie", 31, "odrzucona"),
        (5, "3", "Przedszkole przyzakładowe dla strefy usług", "Przedszkole Samorządowe w Jabłonnie", 14,
         "odrzucona"),
        (5, "4", "Powiatowe centrum konferencyjne nad Zalewem", "Urząd Miasta i Gminy Serock", 19, "odrzucona"),
        (1, "4", "Oferta dla firm logistycznych przy drodze S7", "Starostwo Powiatowe w Legionowie", 27,
         "wybrana do realizacji"),
        (2, "4", "Festiwal sportów wodnych jako magnes dla inwestorów", "Klub Sportowy Zalew Serock", 16,
         "odrzucona"),
        (3, "1", "Lokalna waluta czasu w Wieliszewie", "Stowarzyszenie Nieporęt Aktywnie", 11, "odrzucona"),
        (4, "2", "Wspólne szkolenia BHP dla małych firm", "Zakład Stolarski Dąb s.c.", 20, "odrzucona"),
    ],
    3: [
        (1, "Uszczelnianie lokalnych wycieków", "Lokalne produkty w sklepikach szkolnych", "GOPS w Jabłonnie"),
        (1, "Uszczelnianie lokalnych wycieków", "Wspólne zakupy energii przez gminy powiatu",
         "Starostwo Powiatowe w Legionowie"),
        (1, "Uszczelnianie lokalnych wycieków", "Mapa lokalnych usług i rzemiosła", "Cech Rzemiosł Różnych w Legionowie"),
        (1, "Uszczelnianie lokalnych wycieków", "Klauzule społeczne w przetargach gmin", "Urząd Gminy Jabłonna"),
        (2, "Wsparcie środowiska społeczno-gospodarczego", "Punkt doradztwa dla rolników chcących przetwarzać",
         "Gospodarstwo ogrodnicze w Kałuszynie"),
        (2, "Wsparcie środowiska społeczno-gospodarczego", "Centrum organizacji pozarządowych w Legionowie",
         "Uniwersytet Trzeciego Wieku w Legionowie"),
        (2, "Wsparcie środowiska społeczno-gospodarczego", "Staże w lokalnych firmach dla uczniów",
         "Szkoła Podstawowa w Chotomowie"),
        (2, "Wsparcie środowiska społeczno-gospodarczego", "Profilaktyka zdrowia w zakładach pracy",
         "SP ZOZ w Legionowie"),
        (3, "Tworzenie nowych firm, instytucji i organizacji", "Inkubator kuchni – wspólna przetwórnia",
         "Koło Gospodyń Wiejskich w Skierdach"),
        (3, "Tworzenie nowych firm, instytucji i organizacji", "Spółdzielnia socjalna przy DPS",
         "Dom Pomocy Społecznej w Wieliszewie"),
        (3, "Tworzenie nowych firm, instytucji i organizacji", "Coworking w Chotomowie", "Ogrody Chotomów sp. j."),
        (4, "Przyciąganie podmiotów z zewnątrz", "Pakiet powitalny dla nowych inwestorów",
         "Urząd Miasta Legionowo"),
        (4, "Przyciąganie podmiotów z zewnątrz", "Szlak rowerowy wokół Zalewu Zegrzyńskiego",
         "Ośrodek Sportu i Rekreacji w Legionowie"),
        (4, "Przyciąganie podmiotów z zewnątrz", "Targi pracy z pracodawcami z Warszawy",
         "Powiatowy Urząd Pracy w Legionowie"),
        (5, "Przyciąganie podmiotów z zewnątrz", "Film promocyjny powiatu dla inwestorów",
         "Gminny Ośrodek Kultury w Nieporęcie"),
    ],
}
# partners written on proposals: institutions of the attendance lists, and three that were never on a
# list (the sector of two shows in their names; "Nadleśnictwo Jabłonna" stays unknown: "Inne")
PARTNERS = ["Starostwo Powiatowe w Legionowie", "Powiatowy Urząd Pracy w Legionowie", "Legionowska Izba Gospodarcza",
            "Cech Rzemiosł Różnych w Legionowie", "Zespół Szkół nr 2 w Legionowie", "Fundacja Rozwoju Gminy Wieliszew",
            "Stowarzyszenie Przyjaciół Ziemi Serockiej", "Piekarnia Złoty Kłos sp. z o.o.", "MOPS w Legionowie",
            "Gminny Ośrodek Kultury w Nieporęcie", "Gospodarstwo rolne w Skierdach", "SP ZOZ w Legionowie",
            "Urząd Gminy Jabłonna", "Transbud Legionowo S.A.",
            "Bank Spółdzielczy w Legionowie", "Lokalna Grupa Działania Zalew Zegrzyński", "Nadleśnictwo Jabłonna"]
PARTNER_SEPARATORS = [", ", "; ", "\n"]  # as offices write them: commas, semicolons, one per line


def write_proposals(path: Path, rng: random.Random) -> None:
    wb = _new_workbook()
    wb.remove(wb.active)
    names = {1: "1 Serock", 2: "2 Wieliszew", 3: "3 Jabłonna"}
    for workshop, items in PROPOSALS.items():
        ws = wb.create_sheet(names[workshop])
        rows = []
        for number, item in enumerate(items, start=1):
            group, area, title, lead = item[:4]
            votes, status = (item[4], item[5]) if len(item) > 4 else (None, "pod głosowanie")
            chosen = [p for p in rng.sample(PARTNERS, rng.choice([0, 1, 2, 2, 3])) if p != lead]
            partners = rng.choice(PARTNER_SEPARATORS).join(chosen)
            description = f"{title}: działanie zaproponowane przez grupę {group} w obszarze „{area}”."
            rows.append([number, f"Grupa {group}", area, title, description, lead, partners, votes, status])
        date = WORKSHOPS[workshop - 1][1].strftime("%d.%m.%Y")
        _write_table(
            ws,
            [f"Propozycje projektów – warsztat {workshop}, {WORKSHOPS[workshop - 1][2]}, {date}"],
            ["Nr", "Grupa", "Obszar", "Tytuł propozycji", "Opis", "Podmiot wiodący", "Partnerzy", "Liczba głosów",
             "Status"],
            rows, [5, 10, 30, 46, 60, 40, 50, 10, 22],
        )
    wb.save(path)


# --- the gmina table and the second cycle (2019, jointly with the county of Nowy Dwór Mazowiecki) ------

# Residents of the county's gminas: ILLUSTRATIVE round figures, marked as such in the table's source.
GMINA_POPULATION = {"Legionowo": 54_000, "Jabłonna": 21_000, "Nieporęt": 15_000, "Serock": 14_000,
                    "Wieliszew": 15_500}
ILLUSTRATIVE = "dane ilustracyjne"


def write_gminas(path: Path, year: int, growth: float) -> None:
    wb = _new_workbook()
    ws = wb.active
    ws.title = "Gminy"
    rows = [[gmina, round(population * growth / 100) * 100, year, ILLUSTRATIVE]
            for gmina, population in GMINA_POPULATION.items()]
    _write_table(ws, [f"Gminy partnerstwa – liczba mieszkańców ({ILLUSTRATIVE}, rok {year})"],
                 ["Gmina", "Liczba mieszkańców", "Rok", "Źródło"], rows, [16, 20, 8, 24])
    wb.save(path)


CYCLE_2019 = HERE / "cykl_2019"  # a second cycle: its own schedule, lists, proposals and gmina table
LATER_2019 = CYCLE_2019 / "pozniej"  # a later proposals file of the 2019 cycle: statuses changed since
WORKSHOPS_2019 = [
    (1, dt.date(2019, 4, 11), "Legionowo", "Ratusz w Legionowie, ul. Piłsudskiego 41",
     "Partnerstwo z powiatem nowodworskim: diagnoza"),
    (2, dt.date(2019, 5, 23), "Nieporęt", "Urząd Gminy Nieporęt, Plac Wolności 1", "Wsparcie firm i organizacji"),
    (3, dt.date(2019, 6, 27), "Serock", "Hala widowiskowo-sportowa w Serocku, ul. Pułtuska 47",
     "Propozycje projektów w grupach tematycznych"),
    (4, dt.date(2019, 9, 19), "Jabłonna", "Pałac w Jabłonnie, ul. Modlińska 105", "Głosowanie nad propozycjami"),
    (5, dt.date(2019, 10, 24), "Wieliszew", "Gminny Ośrodek Kultury w Wieliszewie, ul. Modlińska 1",
     "Plan działań na kolejny rok"),
]
# the partner county's institutions (their places lie outside the county: "Spoza powiatu")
PARTNER_INSTITUTIONS = [
    Institution("Starostwo Powiatowe w Nowym Dworze Mazowieckim", "JST", "Nowy Dwór Mazowiecki", "local_government"),
    Institution("Urząd Miejski w Nasielsku", "samorząd", "Nasielsk", "local_government"),
    Institution("Powiatowy Urząd Pracy w Nowym Dworze Mazowieckim", "rynek pracy", "Nowy Dwór Mazowiecki",
                "labour_market"),
    Institution("Stowarzyszenie Razem dla Zakroczymia", "stowarzyszenie", "Zakroczym", "ngo"),
    Institution("Przetwórnia Owoców Pomiechówek sp. z o.o.", "przedsiębiorca", "Pomiechówek", "business"),
]
PROPOSALS_2019 = {  # group, area, title, lead, votes at the next workshop, status after that vote
    1: [
        (1, 1, "Wspólna marka produktów dwóch powiatów", "Legionowska Izba Gospodarcza", 31, "wybrana do realizacji"),
        (1, 1, "Lokalne zamówienia w szpitalach powiatowych", "SP ZOZ w Legionowie", 18, "odrzucona"),
        (2, 2, "Doradca eksportowy dla małych firm", "Powiatowy Urząd Pracy w Legionowie", 27,
         "wybrana do realizacji"),
        (2, 2, "Sieć świetlic wiejskich z zajęciami dla seniorów", "Koło Gospodyń Wiejskich w Skierdach", 22,
         "wybrana do realizacji"),
        (3, 3, "Spółdzielnia energetyczna gmin nad Narwią", "Urząd Miejski w Nasielsku", 29, "wybrana do realizacji"),
        (4, 4, "Strefa inwestycyjna przy drodze S7", "Starostwo Powiatowe w Nowym Dworze Mazowieckim", 24,
         "odrzucona"),
    ],
    2: [
        (1, 1, "Kiermasz rękodzieła w Nieporęcie", "Stowarzyszenie Nieporęt Aktywnie", 19, "wybrana do realizacji"),
        (2, 2, "Szkolenia cyfrowe dla rolników", "Gospodarstwo sadownicze w Olszewnicy", 25, "wybrana do realizacji"),
        (3, 3, "Inkubator usług opiekuńczych", "PCPR w Legionowie", 14, "odrzucona"),
        (3, 3, "Klub młodych przedsiębiorców dwóch powiatów", "Zespół Szkół nr 2 w Legionowie", 23,
         "wybrana do realizacji"),
        (4, 4, "Szlak kajakowy Narwi i Bugu", "Klub Sportowy Zalew Serock", 20, "odrzucona"),
    ],
    3: [
        (1, 1, "Lokalny bon turystyczny", "Urząd Miasta i Gminy Serock", None, "pod głosowanie"),
        (2, 2, "Grupowe zamówienia dla organizacji pozarządowych", "Fundacja Rozwoju Gminy Wieliszew", None,
         "pod głosowanie"),
        (3, 3, "Centrum usług wspólnych dla firm", "Przetwórnia Owoców Pomiechówek sp. z o.o.", None,
         "pod głosowanie"),
        (4, 4, "Oferta dla inwestorów z branży logistycznej", "Urząd Gminy Jabłonna", None, "pod głosowanie"),
    ],
}
# later statuses of the 2019 proposals (workshop, number): (status, the day it was set)
LATER_STATUSES_2019 = {
    (1, 1): ("w realizacji", dt.date(2019, 11, 15)),
    (1, 3): ("zrealizowana", dt.date(2020, 6, 30)),
    (1, 4): ("w realizacji", dt.date(2020, 2, 3)),
    (1, 5): ("w realizacji", dt.date(2020, 3, 16)),
    (2, 2): ("zrealizowana", dt.date(2020, 9, 30)),
    (2, 4): ("w realizacji", dt.date(2020, 1, 20)),
}
SIZES_2019 = {1: 72, 2: 80, 3: 77}


def attendance_plan_2019(rng: random.Random, people: list[Person]) -> dict[int, list[Person]]:
    """Who came in 2019: half of 2018's people again, and the partner county's guests."""
    pool = list(people[:-1])
    rng.shuffle(pool)
    guests = [Person(rng.choice(FIRST_NAMES_F), rng.choice(SURNAMES)[1], inst, rng.choice(ROLES))
              for inst in PARTNER_INSTITUTIONS for _ in range(2)]
    core = pool[:40]
    plan: dict[int, list[Person]] = {}
    for number, size in SIZES_2019.items():
        others = [p for p in pool[40:] if rng.random() < 0.5]
        chosen = core[number * 3: 40 - number] + guests[: 4 + 2 * number] + others
        plan[number] = chosen[:size]
        rng.shuffle(plan[number])
    return plan


def write_attendance_2019(path: Path, number: int, people: list[Person]) -> None:
    wb = _new_workbook()
    ws = wb.active
    ws.title = "Lista"
    _, date, gmina, venue, _ = WORKSHOPS_2019[number - 1]
    rows = [[i, p.full, p.institution.name, p.institution.sector_written, p.institution.place, ""]
            for i, p in enumerate(people, start=1)]
    _write_table(ws, ["Partnerstwo lokalne powiatu legionowskiego i nowodworskiego",
                      f"Lista obecności – warsztat {number}, {gmina}, {date:%d.%m.%Y} r."],
                 ["Lp.", "Imię i nazwisko", "Instytucja / organizacja", "Reprezentowany sektor", "Miejscowość",
                  "Podpis"], rows, [6, 28, 44, 24, 22, 22])
    wb.save(path)


def write_proposals_2019(path: Path, later: bool) -> None:
    """The 2019 proposals; ``later``: the same proposals of workshops 1 and 2 with their later statuses and
    the day each was set (a later file the office uploads in place of the earlier one)."""
    wb = _new_workbook()
    wb.remove(wb.active)
    for workshop, items in PROPOSALS_2019.items():
        if later and workshop == 3:
            continue
        ws = wb.create_sheet(f"{workshop} {WORKSHOPS_2019[workshop - 1][2]}")
        rows = []
        for number, (group, area, title, lead, votes, status) in enumerate(items, start=1):
            row: list[object] = [number, f"Grupa {group}", area, title, lead, votes, status]
            if later:
                status, day = LATER_STATUSES_2019.get((workshop, number), (status, None))
                row[-1] = status
                row.append(day)
            rows.append(row)
        header = ["Nr", "Grupa", "Obszar", "Tytuł propozycji", "Podmiot wiodący", "Liczba głosów", "Status"]
        _write_table(ws, [f"Propozycje projektów – warsztat {workshop}, {WORKSHOPS_2019[workshop - 1][2]}"
                          + (" (stan na 30.09.2020)" if later else "")],
                     header + (["Data statusu"] if later else []), rows, [5, 10, 8, 48, 44, 10, 22, 14])
    wb.save(path)


def write_cycle_2019(people: list[Person]) -> dict[int, list[Person]]:
    rng = random.Random(SEED + 1)  # its own stream: the 2018 files stay exactly as they were
    CYCLE_2019.mkdir(exist_ok=True)
    LATER_2019.mkdir(exist_ok=True)
    wb = _new_workbook()
    ws = wb.active
    ws.title = "Harmonogram"
    _write_table(ws, ["Harmonogram warsztatów – cykl 2019, partnerstwo z powiatem nowodworskim"],
                 ["Nr", "Data", "Gmina", "Miejsce", "Temat"], [list(w) for w in WORKSHOPS_2019], [6, 12, 14, 52, 46])
    wb.save(CYCLE_2019 / "harmonogram_2019.xlsx")
    plan = attendance_plan_2019(rng, people)
    for number, persons in plan.items():
        gmina = WORKSHOPS_2019[number - 1][2].lower().translate(str.maketrans("ąćęłńóśźż", "acelnoszz"))
        write_attendance_2019(CYCLE_2019 / f"lista_obecnosci_{number}_{gmina}_2019.xlsx", number, persons)
    write_proposals_2019(CYCLE_2019 / "propozycje_2019.xlsx", later=False)
    write_proposals_2019(LATER_2019 / "propozycje_2019_stan_2020.xlsx", later=True)
    write_gminas(CYCLE_2019 / "gminy_2019.xlsx", 2019, 1.01)
    return plan


def main() -> None:
    rng = random.Random(SEED)
    people = make_people(rng)
    plan = attendance_plan(rng, people)
    write_schedule(HERE / "harmonogram_2018.xlsx")
    write_attendance_serock(HERE / "lista_obecnosci_1_serock.xlsx", plan[1])
    write_attendance_wieliszew(HERE / "lista_obecnosci_2_wieliszew.csv", plan[2], rng)
    write_attendance_jablonna(HERE / "lista_obecnosci_3_jablonna.xlsx", plan[3], rng)
    write_proposals(HERE / "propozycje_2018.xlsx", rng)
    write_gminas(HERE / "gminy_2018.xlsx", 2018, 1.0)
    for number, persons in plan.items():
        print(f"warsztat {number}: {len(persons)} uczestników")
    for number, persons in write_cycle_2019(people).items():
        print(f"cykl 2019, warsztat {number}: {len(persons)} uczestników")


if __name__ == "__main__":
    main()
