"""A cycle made by hand for the evaluation report's tests, and the cycle before it; every number counted by hand.

Cycle "2022": three workshops, all held — 1. Serock (1 June), 2. Wieliszew (1 July), 3. Jabłonna (1 September).

    person  institution              sector            gmina      workshops
    p1      Urząd Gminy Serock       local_government  serock     1 2 3
    p2      Fundacja Alfa            ngo               serock     1 2
    p3      Firma Beta sp. z o.o.    business          legionowo  1 3
    p4      Szkoła Podstawowa nr 1   education         jablonna   2 3
    p5      Firma Beta sp. z o.o.    business          legionowo  3        (the same institution as p3)
    p6      Stowarzyszenie Gamma     ngo               outside    1

Participation: workshop 1: p1 p2 p3 p6 = 4; workshop 2: p1 p2 p4 = 3; workshop 3: p1 p3 p4 p5 = 4.
Unique participants 6; institutions 5 (Urząd, Alfa, Beta, Szkoła, Gamma); sectors represented 4 of 11
(samorząd, organizacje pozarządowe, przedsiębiorcy, edukacja).
Per 10 000 residents (gmina table of 2022, "GUS BDL", year 2021): Serock p1 p2 = 2 of 14 000 → 1,4;
Legionowo p3 p5 = 2 of 54 000 → 0,4 (0.370…); Jabłonna p4 = 1 of 21 000 → 0,5 (0.476…); outside 1 (no rate).

Returning: workshop 1: 0 returning, 4 new; workshop 2: p1 p2 returning (2), p4 new (1); workshop 3: p1 p3 p4
returning (3), p5 new (1).
Cohorts, people: 1 → 2: of 4, p1 p2 came (2); 1 → 3: p1 p3 (2); 2 → 3: of 3, p1 p4 (2).
Cohorts, institutions: at 1: Urząd Alfa Beta Gamma (4); at 2: Urząd Alfa Szkoła (3); at 3: Urząd Beta Szkoła.
1 → 2: Urząd Alfa (2); 1 → 3: Urząd Beta (2); 2 → 3: Urząd Szkoła (2).
Blau (sectors of the participants): workshop 1: 1 samorząd, 2 ngo, 1 business → 1 − (1/16 + 4/16 + 1/16) =
0.625; workshop 2: one each of three → 1 − 3/9 = 0.667; workshop 3: 1 samorząd, 2 business, 1 education → 0.625.

Proposals (lead sector written):
    P1  workshop 1 nr 1 area 1  lead Fundacja Alfa (ngo), partners Urząd Gminy Serock; Firma Beta sp. z o.o.
        → sectors ngo, samorząd, business: 3                                                   selected
    P2  workshop 1 nr 2 area 2  lead Firma Beta sp. z o.o. (business), no partners → 1          rejected
    P3  workshop 2 nr 1 area 3  lead Szkoła Podstawowa nr 1 (education), partner Urząd → 2       to vote
    P4  workshop 2 nr 2 area 4  lead Stowarzyszenie Gamma (ngo), partner Fundacja Alfa → 1 (ngo)  in progress
At least 2 sectors: P1 P3 = 2 of 4 (50%); at least 3: P1 = 1 of 4 (25%).
Ties between members of a proposal: P1 ngo–samorząd, ngo–business, samorząd–business (3 external); P3
education–samorząd (external); P4 ngo–ngo (internal). E-I = (4 − 1) / 5 = 0.6; workshop 1: 3/3 = 1.0;
workshop 2: (1 − 1) / 2 = 0.0.
Network of institutions: nodes Alfa, Urząd, Beta, Szkoła, Gamma (N = 5); ties Alfa–Urząd, Alfa–Beta,
Urząd–Beta (P1), Szkoła–Urząd (P3), Gamma–Alfa (P4): E = 5; density 2·5 / (5·4) = 0.5.
From idea to project: selected or further: P1, P4 = 2; in progress or further: P4 = 1; done: 0.

Cycle "2021" (the one before): one workshop, 1. Legionowo, two people of two institutions (Urząd Gminy
Serock, Fundacja Alfa), one proposal of both: unique participants 2, proposals 1.

The partners' survey (``SURVEYS``; the set "partnerstwo-1": 12 statements, two per factor; a respondent's
"base" answer to every statement, its two trust statements apart):

    2022, workshop 3 (Jabłonna)   sector            base  trust   open answer
      r1                          local_government  4     4 4     "Więcej spotkań w gminach."
      r2                          local_government  5     5 5
      r3                          local_government  3     2 3
      r4                          ngo               4     5 5
      r5                          ngo               2     2 2     "Lepsza informacja po warsztatach."
      r6                          ngo               3     3 3     "   " (blank: no answer)
      r7                          business          5     5 5
      r8                          business          2     2 2     "Zaprosić szkoły."
    2021, workshop 1 (Legionowo): local_government 3; ngo 3; ngo 4 (every statement, trust too).

2022: respondents 8. Every factor but trust: (4+5+3+4+2+3+5+2) / 8 = 28 / 8 = 3.50; local government
(4+5+3) / 3 = 4.00; ngo (4+2+3) / 3 = 3.00; business 2 respondents: no mean, shown "<3".
Trust: all (8+10+5+10+4+6+10+4) / 16 = 57 / 16 = 3.5625 → 3.56; local government (8+10+5) / 6 = 23 / 6 = 3.83;
ngo (10+4+6) / 6 = 20 / 6 = 3.33. Open answers 3 (the blank one is none), listed alphabetically:
"Lepsza informacja…", "Więcej spotkań…", "Zaprosić szkoły."
2021: respondents 3, every factor (3+3+4) / 3 = 3.33; local government 1 and ngo 2: no means ("<3").
Beside: Wspólny cel 3.33 → 3.50, Zaufanie 3.33 → 3.56.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.dataset import Dataset, dataset_frames

PEOPLE = {  # person: (institution, sector, gmina, workshops attended)
    "p1": ("Urząd Gminy Serock", "local_government", "serock", (1, 2, 3)),
    "p2": ("Fundacja Alfa", "ngo", "serock", (1, 2)),
    "p3": ("Firma Beta sp. z o.o.", "business", "legionowo", (1, 3)),
    "p4": ("Szkoła Podstawowa nr 1", "education", "jablonna", (2, 3)),
    "p5": ("Firma Beta sp. z o.o.", "business", "legionowo", (3,)),
    "p6": ("Stowarzyszenie Gamma", "ngo", "outside", (1,)),
}
# the batches a store would list for these data (``Batch.as_dict``): the files every number names
SOURCES = [
    {"file": f, "sheet": "Arkusz1", "kind": k, "cycle": c, "workshop": w, "rows": r, "imported_at": "2022-09-02T10:00:00"}
    for f, k, c, w, r in [
        ("harmonogram_2022.xlsx", "workshops", "2022", None, 3),
        ("lista_1_serock.xlsx", "attendance", "2022", 1, 4),
        ("lista_2_wieliszew.xlsx", "attendance", "2022", 2, 3),
        ("lista_3_jablonna.xlsx", "attendance", "2022", 3, 4),
        ("propozycje_2022.xlsx", "proposals", "2022", 1, 2),
        ("gminy_bdl_2021.csv", "gminas", "2022", None, 3),
        ("lista_2021.xlsx", "attendance", "2021", 1, 2),
        ("propozycje_2021.xlsx", "proposals", "2021", 1, 1),
    ]
]


# cycle -> (workshop, [(sector, base, trust, open answer)]): the hand-made survey above
SURVEYS = {
    "2022": (3, [("local_government", 4, (4, 4), "Więcej spotkań w gminach."), ("local_government", 5, (5, 5), ""),
                 ("local_government", 3, (2, 3), ""), ("ngo", 4, (5, 5), ""),
                 ("ngo", 2, (2, 2), "Lepsza informacja po warsztatach."), ("ngo", 3, (3, 3), "   "),
                 ("business", 5, (5, 5), ""), ("business", 2, (2, 2), "Zaprosić szkoły.")]),
    "2021": (1, [("local_government", 3, (3, 3), ""), ("ngo", 3, (3, 3), ""), ("ngo", 4, (4, 4), "")]),
}


def fill_surveys(store):
    """The hand-made surveys answered in ``store`` with the surveys' own cards (no vote at their workshops);
    the store's ``Surveys``."""
    from analysis.survey.box import Surveys
    from analysis.survey_statements import PARTNERSHIP_2018
    from analysis.voting import codes

    surveys = Surveys(store)
    for cycle, (workshop, answers) in SURVEYS.items():
        survey = surveys.open(cycle, workshop)
        for sector, base, trust, comment in answers:
            [card] = surveys.issue_cards(survey.id, sector, 1)
            scores = {s.key: base for s in PARTNERSHIP_2018.statements}
            scores["trust_1"], scores["trust_2"] = trust
            surveys.answer(surveys.card(codes.recognise(card.token)), scores, comment)
        surveys.close(survey.id)
    return surveys


def evaluation_cycle() -> Dataset:
    """Both cycles as one dataset, seen on 15 September 2022 (the cycle 2022 is the current one)."""
    workshops = pd.DataFrame({
        "cycle": ["2021", "2022", "2022", "2022"], "workshop": pd.array([1, 1, 2, 3], dtype="Int64"),
        "date": [dt.date(2021, 6, 1), dt.date(2022, 6, 1), dt.date(2022, 7, 1), dt.date(2022, 9, 1)],
        "gmina": ["legionowo", "serock", "wieliszew", "jablonna"], "venue": [""] * 4, "title": [""] * 4,
    })
    rows = [("2022", w, person, institution, sector, gmina, "", "")
            for person, (institution, sector, gmina, visits) in PEOPLE.items() for w in visits]
    rows += [("2021", 1, "q1", "Urząd Gminy Serock", "local_government", "serock", "", ""),
             ("2021", 1, "q2", "Fundacja Alfa", "ngo", "serock", "", "")]
    attendance = pd.DataFrame(rows, columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role",
                                             "group"])
    attendance["workshop"] = attendance["workshop"].astype("Int64")
    proposals = pd.DataFrame({
        "cycle": ["2022"] * 4 + ["2021"], "workshop": pd.array([1, 1, 2, 2, 1], dtype="Int64"),
        "number": pd.array([1, 2, 1, 2, 1], dtype="Int64"), "group": ["Grupa 1"] * 5,
        "area": pd.array([1, 2, 3, 4, 1], dtype="Int64"),
        "title": ["Bon lokalny", "Piekarnia szkolna", "Klasa zawodowa", "Festyn organizacji", "Targ"],
        "description": [""] * 5,
        "lead": ["Fundacja Alfa", "Firma Beta sp. z o.o.", "Szkoła Podstawowa nr 1", "Stowarzyszenie Gamma",
                 "Fundacja Alfa"],
        "lead_sector": ["ngo", "business", "education", "ngo", "ngo"],
        "partners": ["Urząd Gminy Serock; Firma Beta sp. z o.o.", "", "Urząd Gminy Serock", "Fundacja Alfa",
                     "Urząd Gminy Serock"],
        "votes": pd.array([9, 2, None, 5, None], dtype="Int64"),
        "status": ["selected", "rejected", "to_vote", "in_progress", "submitted"],
    })
    gminas = pd.DataFrame({"cycle": ["2022"] * 3, "gmina": ["serock", "legionowo", "jablonna"],
                           "population": pd.array([14000, 54000, 21000], dtype="Int64"),
                           "year": pd.array([2021] * 3, dtype="Int64"), "source": ["GUS BDL"] * 3})
    return dataset_frames(workshops, attendance, proposals, as_of=dt.date(2022, 9, 15), gminas=gminas)
