"""The definition of every number the dashboard shows, written once, by theme.

Pages show these texts as help where the number appears, and the glossary lists them all;
``metrics`` computes exactly what they say. ``SECTIONS`` holds the entries (key -> term, definition)
under the same theme names as ``analysis.metrics`` and ``analysis.charts``; ``GLOSSARY`` is all of them
in that order.
"""

from __future__ import annotations

SECTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "participation": {  # who comes: workshops, participants, institutions, sectors, gminas
        "workshops_held": (
            "Warsztaty odbyte",
            "Warsztat jest odbyty, gdy jest dla niego lista obecności. Warsztat bez listy, którego termin już minął "
            "albo po którym odbył się już kolejny warsztat, ma status „lista nie wgrana”; pozostałe warsztaty "
            "z harmonogramu są zaplanowane. Pokazujemy odbyte z wszystkich w harmonogramie; warsztaty są zawsze "
            "w kolejności numerów.",
        ),
        "participants": (
            "Uczestnicy warsztatu",
            "Liczba wierszy listy obecności warsztatu: każda osoba obecna na warsztacie liczy się raz. "
            "Uwzględnia filtry gmin i sektorów.",
        ),
        "participants_last": (
            "Uczestnicy ostatniego warsztatu",
            "Uczestnicy ostatniego odbytego warsztatu spośród wybranych; zmiana to różnica względem "
            "poprzedniego odbytego warsztatu.",
        ),
        "unique_participants": (
            "Unikalni uczestnicy cyklu",
            "Liczba różnych osób obecnych na co najmniej jednym z wybranych warsztatów. Osobę rozpoznajemy po "
            "imieniu i nazwisku (bez względu na wielkość liter, spacje i polskie znaki); wiersz bez nazwiska "
            "to osobna osoba.",
        ),
        "institutions": (
            "Instytucje",
            "Liczba różnych nazw instytucji na listach obecności wybranych warsztatów (bez względu na wielkość "
            "liter i polskie znaki); puste komórki nie są liczone.",
        ),
        "sectors_represented": (
            "Reprezentowane sektory",
            "Ile z 11 sektorów partnerstwa (bez kategorii „Inne”) miało na wybranych warsztatach co najmniej "
            "jednego uczestnika.",
        ),
        "sector_share": (
            "Udział sektora",
            "Uczestnicy z danego sektora podzieleni przez wszystkich uczestników tego samego warsztatu "
            "(albo wszystkich warsztatów cyklu); osoba obecna na trzech warsztatach liczy się trzy razy.",
        ),
        "balance": (
            "Równowaga trzech sektorów",
            "Udziały sektora publicznego (samorząd, edukacja, rynek pracy, kultura i sport, zdrowie, pomoc "
            "społeczna), gospodarczego (przedsiębiorcy, izba, cech, rolnicy) i społecznego (organizacje "
            "pozarządowe) wśród uczestników, bez kategorii „Inne”. Indeks równowagi to znormalizowana entropia "
            "tych trzech udziałów: 100% gdy każdy sektor ma jedną trzecią, 0% gdy jest tylko jeden.",
        ),
        "origin": (
            "Skąd przyjechali uczestnicy",
            "Gmina pochodzenia uczestników (z kolumny miejscowości lub gminy) w porównaniu z gminą, która "
            "gościła warsztat. „Spoza powiatu” to miejscowości poza pięcioma gminami powiatu.",
        ),
        "sector_gaps": (
            "Sektory nieobecne lub słabo reprezentowane",
            "Porównanie udziału sektora na ostatnim odbytym warsztacie z jego udziałem na wcześniejszych "
            "warsztatach cyklu: nieobecny — nikt nie przyszedł, choć wcześniej bywali; słabo reprezentowany — "
            "udział spadł poniżej połowy wcześniejszego.",
        ),
        "participants_per_10k": (
            "Uczestnicy na 10 000 mieszkańców",
            "Liczba różnych osób z danej gminy pochodzenia na wybranych warsztatach, podzielona przez liczbę "
            "mieszkańców gminy i pomnożona przez 10 000. Liczba mieszkańców pochodzi z tabeli gmin cyklu (rok i źródło "
            "podane przy liczbie; gdy cykl nie ma własnej, z najnowszej tabeli innego cyklu), wgranej jako plik albo "
            "wpisanej na stronie „Uczestnictwo sektorów”. Osoby spoza powiatu i bez podanej gminy pokazujemy osobno, "
            "bez przeliczenia.",
        ),
        "remaining": (
            "Do końca cyklu",
            "Warsztaty z harmonogramu po ostatnim odbytym (w kolejności numerów; przed pierwszym odbytym — te, "
            "których termin jeszcze nie minął); pierwszy z nich to następny warsztat. Do tego propozycje czekające "
            "na głosowanie (status „pod głosowanie”) — liczone dla całego cyklu, bez względu na filtry.",
        ),
        "attribute_shares": (
            "Płeć i grupa wieku uczestników",
            "Udział kobiet, mężczyzn, osób o innej płci i osób, które płci nie podały — oraz grup wieku (do 29 lat, "
            "30–44, 45–59, 60 lat i więcej) — wśród uczestników każdego odbytego warsztatu (każda osoba liczy się "
            "raz) i wśród różnych osób całego cyklu (osoba liczy się z ostatnią podaną wartością). Dane są "
            "dobrowolne: z listy obecności lub z rejestracji przy wejściu; wiek i rok urodzenia zamieniamy na "
            "grupę, a samego wieku nie zapisujemy. Nigdy nie pokazujemy ich przy osobie. Tajemnica statystyczna: "
            "grupa mniejsza niż próg (domyślnie 3 osoby) ma „<3”, a gdy z sumy dałoby się ją odtworzyć, ukrywamy "
            "też najmniejszą inną grupę („ukryto”), a w ostateczności wszystkie grupy warsztatu. Warsztat, na "
            "którym nikt nie podał danej cechy, nie ma jej udziałów.",
        ),
    },
    "disclosure": {  # what may be shown: small groups suppressed
        "participants_by": (
            "Uczestnicy według instytucji, sektorów i gmin",
            "Liczba uczestników z danej instytucji, sektora lub gminy pochodzenia na każdym odbytym warsztacie "
            "(każda osoba obecna na warsztacie liczy się raz) i liczba różnych osób w całym cyklu. Tajemnica "
            "statystyczna: liczba mniejsza niż próg (domyślnie 3 osoby, ustawienie PARTNERSTWO_MIN_GROUP_SIZE) "
            "nie jest publikowana — w jej miejscu jest „<3”, bo tak mała grupa pozwala rozpoznać osobę. "
            "Raporty nigdy nie mają wiersza na osobę.",
        ),
    },
    "proposals": {  # areas, votes, statuses, from idea to project
        "proposals": (
            "Propozycje projektów",
            "Liczba propozycji projektów zapisanych przez grupy tematyczne na wybranych warsztatach.",
        ),
        "proposals_by_area": (
            "Propozycje według obszarów",
            "Liczba propozycji w każdym z czterech obszarów: 1 Uszczelnianie lokalnych wycieków, 2 Wsparcie "
            "środowiska społeczno-gospodarczego, 3 Tworzenie nowych firm, instytucji i organizacji, "
            "4 Przyciąganie podmiotów z zewnątrz.",
        ),
        "votes": (
            "Głosy",
            "Liczba głosów oddanych na propozycję na warsztacie, na którym była głosowana (propozycje jednego "
            "warsztatu głosowane są na następnym).",
        ),
        "votes_spread": (
            "Rozrzut głosów",
            "Dla propozycji z liczbą głosów, w każdym obszarze i razem: najmniej i najwięcej głosów, mediana, "
            "dolny i górny kwartyl (połowa propozycji ma liczbę głosów między nimi; kwartyle liczone metodą "
            "liniową, jak funkcja KWARTYL.PRZEDZ.ZAMK w Excelu) i średnia.",
        ),
        "status_history": (
            "Historia statusów propozycji",
            "Każdy status, jaki propozycja miała, z datą: pierwszy — zapisany w pliku propozycji, z dniem warsztatu, "
            "na którym ją napisano; potem każda zmiana: późniejszy plik propozycji tego warsztatu (data z kolumny "
            "„Data statusu”, a bez niej dzień importu), zmiana wpisana na stronie „Propozycje projektów” albo zapisany "
            "wynik głosowania. Wcześniejszy status zostaje w historii; obowiązuje zmiana z najpóźniejszą datą.",
        ),
        "status_reached": (
            "Od pomysłu do projektu",
            "Ile propozycji każdego obszaru doszło do etapu „wybrana do realizacji”, „w realizacji” i „zrealizowana”. "
            "Propozycja doszła do etapu, jeśli kiedykolwiek (według historii statusów) miała ten status albo dalszy "
            "z tych trzech — propozycja zrealizowana liczy się więc też jako wybrana i realizowana.",
        ),
        "status_over_time": (
            "Statusy propozycji w czasie",
            "W każdym dniu, w którym zmienił się status którejś z wybranych propozycji: ile propozycji miało wtedy "
            "każdy status (stan na koniec dnia). Propozycja jest liczona od dnia warsztatu, na którym ją napisano.",
        ),
    },
    "people": {  # who comes back: returning, cohorts, flows
        "returning_participants": (
            "Powracający uczestnicy",
            "Osoby obecne na warsztacie, które były już na którymś wcześniejszym warsztacie tego samego cyklu. "
            "Nowi to osoby, które przyszły po raz pierwszy.",
        ),
        "cumulative_unique": (
            "Narastająco: unikalni uczestnicy",
            "Liczba różnych osób, które były na którymkolwiek warsztacie cyklu do danego warsztatu włącznie.",
        ),
        "flow": (
            "Przepływ uczestników",
            "Dla każdej pary kolejnych odbytych warsztatów: ile osób było na obu, ile było tylko na pierwszym "
            "(nie przyszły na kolejny) i ile przyszło na drugi, nie będąc na pierwszym.",
        ),
        "cohort": (
            "Kto wraca: osoby",
            "Dla każdego odbytego warsztatu: ile osób, które na nim były, przyszło na każdy z późniejszych "
            "warsztatów (i jaki to udział w uczestnikach tamtego warsztatu). Osoba obecna na wszystkich warsztatach "
            "liczy się w każdej parze.",
        ),
        "cohort_institutions": (
            "Kto wraca: instytucje",
            "To samo dla instytucji: z instytucji obecnych na warsztacie (przez co najmniej jedną osobę) — ile było "
            "na każdym z późniejszych warsztatów.",
        ),
        "return_rate_by_sector": (
            "Powroty według sektorów",
            "Z osób, które były na którymś z odbytych warsztatów przed ostatnim, udział tych, które przyszły "
            "jeszcze na któryś późniejszy. Sektor osoby to sektor, który podawała najczęściej.",
        ),
    },
    "cooperation": {  # how sectors propose together
        "proposals_multi_sector_2": (
            "Propozycje co najmniej dwóch sektorów",
            "Udział propozycji, których podmiot wiodący i partnerzy należą do co najmniej dwóch różnych sektorów. "
            "Partnerzy to instytucje wpisane w kolumnie „Partnerzy” (oddzielone przecinkiem, średnikiem lub nową "
            "linią); sektor partnera to sektor tej instytucji z list obecności, a gdy jej tam nie ma — sektor "
            "rozpoznany z nazwy. Sektor nierozpoznany („Inne”) nie jest liczony jako osobny sektor. Propozycja bez "
            "partnerów ma jeden sektor (albo żaden).",
        ),
        "proposals_multi_sector_3": (
            "Propozycje co najmniej trzech sektorów",
            "Udział propozycji, których podmiot wiodący i partnerzy należą do co najmniej trzech różnych sektorów "
            "(sektory ustalane tak samo jak dla dwóch sektorów).",
        ),
        "sector_pairs": (
            "Kto z kim proponuje",
            "Macierz sektor × sektor: każda para instytucji wpisanych na jednej propozycji (podmiot wiodący "
            "i partnerzy, każdy z każdym) to jedno powiązanie między ich sektorami. Na przekątnej — powiązania "
            "w obrębie jednego sektora.",
        ),
        "ei_index": (
            "Indeks E-I współpracy sektorów",
            "Indeks E-I (Krackhardt i Stern, 1988): (zewnętrzne − wewnętrzne) / (zewnętrzne + wewnętrzne), gdzie "
            "zewnętrzne to powiązania między różnymi sektorami, a wewnętrzne — w obrębie jednego sektora "
            "(powiązania jak w macierzy „Kto z kim proponuje”, bez sektora „Inne”). Od −1 (tylko w obrębie "
            "sektorów) do +1 (tylko między sektorami); liczony dla propozycji każdego warsztatu.",
        ),
        "blau_index": (
            "Indeks różnorodności Blaua",
            "1 − Σ p², gdzie p to udziały sektorów wśród uczestników warsztatu (bez „Inne”). 0 — wszyscy z jednego "
            "sektora; im bliżej 1, tym bardziej równo rozłożeni między wiele sektorów (przy 11 sektorach najwyżej "
            "1 − 1/11 ≈ 0,91).",
        ),
        "network_density": (
            "Gęstość sieci współpracy instytucji",
            "Instytucje wpisane na propozycjach (podmiot wiodący i partnerzy) to węzły sieci; dwie instytucje łączy "
            "powiązanie, gdy razem napisały co najmniej jedną propozycję (kilka wspólnych propozycji to nadal jedno "
            "powiązanie). Gęstość = 2E / (N(N − 1)), gdzie N to liczba instytucji, a E — liczba powiązań: udział "
            "par instytucji, które współpracowały, wśród wszystkich możliwych par. 0 — nikt z nikim, 1 — każda "
            "instytucja z każdą. Instytucje rozpoznajemy po nazwie (bez względu na wielkość liter i polskie znaki); "
            "podmiot wiodący bez nazwy nie jest węzłem. Przy mniej niż dwóch instytucjach gęstości nie ma.",
        ),
    },
    "invite": {  # whom to invite next
        "invite_sectors": (
            "Sektory do zaproszenia",
            "Przed następnym warsztatem: udział sektora wśród uczestników ostatniego odbytego warsztatu w porównaniu "
            "z odniesieniem — udziałem docelowym ustalonym przez biuro, a gdy go nie ustalono, udziałem sektora "
            "w całym dotychczasowym cyklu. Sektor jest słabo reprezentowany, gdy jego udział spadł poniżej 80% "
            "odniesienia, nieobecny — gdy nikt z niego nie przyszedł. Dla nich „brakuje N osób” to ilu uczestników "
            "z sektora trzeba by więcej na warsztacie tej samej wielkości, by osiągnąć odniesienie (w górę do całej "
            "osoby). Liczone bez filtrów gmin i sektorów; bez kategorii „Inne”.",
        ),
        "invite_gminas": (
            "Gminy do zaproszenia",
            "To samo co dla sektorów, według gminy pochodzenia uczestników: udział gminy na ostatnim odbytym "
            "warsztacie wobec udziału docelowego albo udziału w całym dotychczasowym cyklu (poniżej 80% — słabo "
            "reprezentowana). Wiersze bez gminy nie są brane pod uwagę.",
        ),
        "targets": (
            "Udziały docelowe",
            "Udział sektora lub gminy wśród uczestników, do którego biuro dąży w danym cyklu (od 0 do 100%, razem "
            "najwyżej 100%). Zapisany w magazynie danych; sektor lub gmina bez udziału docelowego porównywane są "
            "z dotychczasowym cyklem.",
        ),
        "invite_institutions": (
            "Instytucje, które przestały przychodzić",
            "Instytucje obecne na co najmniej jednym odbytym warsztacie przed ostatnim, a nieobecne na ostatnim "
            "odbytym warsztacie — z sektorem i gminą, które podawano najczęściej, i warsztatami, na których były. "
            "Lista instytucji, nigdy osób. Nazwy porównujemy bez względu na wielkość liter i polskie znaki.",
        ),
    },
    "cycles": {  # cycle beside cycle
        "cycle_comparison": (
            "Cykl do cyklu",
            "Dwa cykle obok siebie: uczestnicy każdego odbytego warsztatu (według numeru warsztatu w cyklu), udział "
            "sektorów wśród uczestników całego cyklu oraz sumy: warsztaty odbyte, uczestnicy (osoba na trzech "
            "warsztatach liczy się trzy razy), unikalni uczestnicy, instytucje, propozycje i propozycje wybrane do "
            "realizacji. Filtry gmin i sektorów z panelu bocznego dotyczą obu cykli.",
        ),
    },
    "voting": {  # the hall's vote (its protocol)
        "turnout": (
            "Frekwencja głosowania",
            "Karty, którymi oddano głos (telefonem albo na papierze), z kart wydanych na to głosowanie — razem "
            "i w każdym sektorze. Karta należy do sektora, któremu ją wydrukowano (stanowisko rejestracji wydaje "
            "kartę sektora uczestnika); głos zapisuje sektor, nigdy osobę. Jedna karta to jeden głos. Gdy karty "
            "wydaje rejestracja przy wejściu (karta na telefonie albo karta papierowa zeskanowana przy stoliku), "
            "kart wydanych jest tyle, ile naprawdę wręczono (i kart, które zagłosowały bez zeskanowania), a nie "
            "tyle, ile wydrukowano.",
        ),
        "vote_ranking": (
            "Głosy na propozycję",
            "Liczba kart, na których wybrano daną propozycję (każdy głosujący wybiera od jednej do dozwolonej "
            "liczby propozycji, najwyżej raz każdą). Ranking: od największej liczby głosów; przy równej liczbie "
            "— w kolejności numerów propozycji.",
        ),
        "votes_by_sector": (
            "Głosy według sektorów",
            "Głosy na propozycję oddane kartami danego sektora. Suma po sektorach to głosy na propozycję.",
        ),
        "vote_balance": (
            "Równowaga sektorów głosujących (zasada 49%)",
            "Udział kart każdego sektora i całego sektora publicznego wśród oddanych kart. Ostrzeżenie, gdy jeden "
            "sektor albo sektor publiczny jako całość oddał więcej niż 49% kart — tę zasadę stosują lokalne grupy "
            "działania LEADER przy wyborze operacji: żadna grupa interesu, w tym sektor publiczny, nie ma więcej "
            "niż 49% praw głosu (rozporządzenie (UE) nr 1303/2013, art. 32 ust. 2 lit. b), a co najmniej 50% "
            "głosów w decyzjach o wyborze pochodzi od partnerów spoza sektora publicznego (art. 34 ust. 3 lit. b).",
        ),
        "ballot_digest": (
            "Skrót zapisu głosowania (SHA-256)",
            "Skrót SHA-256 całego zapisu głosowania: ustawień, propozycji na karcie (pozycja → propozycja), kart "
            "wydanych według sektorów (skróty kart, które głosowały), godzin otwarcia i zamknięcia oraz oddanych "
            "głosów. Zapisany i zapieczętowany kluczem magazynu przy zamknięciu głosowania; protokół porównuje go "
            "z zapisem w magazynie i mówi, która część zmieniła się później.",
        ),
    },
    "checkin": {  # check-in at the door of a workshop
        "checked_in": (
            "Zarejestrowani przy wejściu",
            "Liczba osób zarejestrowanych przy wejściu na warsztat (przy stoliku albo telefonem): każda osoba "
            "liczy się raz, choćby rejestrowała się dwa razy. Według sektora i gminy instytucji, które podano przy "
            "rejestracji. Po zamknięciu rejestracji te osoby są listą obecności warsztatu.",
        ),
    },
    "survey": {  # the partners' survey at a workshop
        "survey_respondents": (
            "Odpowiedzi w ankiecie partnerów",
            "Liczba kart, którymi wypełniono ankietę partnerów na warsztacie (kartą do głosowania albo kartą z "
            "rejestracji): każda karta liczy się raz, choćby wysłała ankietę dwa razy. Według sektora karty. "
            "Grupa mniejsza niż 3 osoby jest pokazana jako „<3”.",
        ),
        "survey_factor_mean": (
            "Średnia ocena czynnika partnerstwa",
            "Średnia odpowiedzi (od 1 „zdecydowanie się nie zgadzam” do 5 „zdecydowanie się zgadzam”) na "
            "stwierdzenia jednego czynnika: wspólny cel, zaufanie, komunikacja, zasoby, wpływ na decyzje, "
            "dotychczasowe rezultaty — dla wszystkich odpowiedzi i dla każdego sektora. Grupa mniejsza niż 3 osoby "
            "nie ma średniej (jej odpowiedzi zdradzałyby zdanie konkretnych osób). Porównanie z poprzednim cyklem "
            "tylko dla ankiety z tym samym zestawem stwierdzeń.",
        ),
    },
}
GLOSSARY: dict[str, tuple[str, str]] = {key: entry for section in SECTIONS.values() for key, entry in section.items()}


def label(key: str) -> str:
    return GLOSSARY[key][0]


def definition(key: str) -> str:
    return GLOSSARY[key][1]
