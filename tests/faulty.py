"""Stores that hold what a past import or a hand edit could leave: each field empty, unknown or absurd.

A store is a small clean cycle "2026" (1. Serock and 2. Wieliszew held, 3. Legionowo planned; six
people; five proposals; a closed vote and an open one) plus, for one kind of fault, one row per
field of workshops, attendance and proposals in which that field (and only that one) carries the
fault. Rows are written straight into the store's tables, as a hand edit of the database would.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa

from analysis.store import Store
from analysis.store.schema import ROW_TABLES, batches
from analysis.voting.ballot_box import Votes
from analysis.voting.tally import Choice

CYCLE = "2026"
KEY = b"f" * 32
LONG = "Bardzo długi tytuł " * 264  # 5000 characters
FAULTS = ("empty", "unknown", "absurd")

WORKSHOP = {"cycle": CYCLE, "workshop": 1, "date": dt.date(2026, 3, 10), "gmina": "serock", "venue": "Sala",
            "title": "Warsztat"}
PERSON = {"cycle": CYCLE, "workshop": 1, "person": "p-base", "institution": "Fundacja A", "sector": "ngo",
          "gmina": "serock", "role": "prezes", "group": "Grupa 1"}
PROPOSAL = {"cycle": CYCLE, "workshop": 1, "number": 1, "group": "Grupa 1", "area": 1, "title": "Bon lokalny",
            "description": "Opis", "lead": "Fundacja A", "lead_sector": "ngo", "partners": "Firma B", "votes": 3,
            "status": "to_vote"}

# field -> the faulty value of each kind (None: NULL); a field left out cannot hold that fault
# (a NOT NULL column, or nothing unknown to write in a free text)
WORKSHOP_FAULTS = {
    "empty": {"cycle": "", "date": None, "gmina": None, "venue": None, "title": None},
    "unknown": {"cycle": "cykl?", "gmina": "warszawa", "title": "Tytu\u202eł odwrócony\u200b"},
    "absurd": {"workshop": [0, 999, -1], "date": [dt.date(1, 1, 1), dt.date(9999, 12, 31)], "gmina": LONG,
               "venue": LONG, "title": LONG, "cycle": "9" * 32},
}
PERSON_FAULTS = {
    "empty": {"cycle": "", "person": "", "institution": None, "sector": "", "gmina": "", "role": None,
              "group": None},
    "unknown": {"cycle": "2019", "workshop": 7, "sector": "xyz", "gmina": "warszawa", "institution": "Firma\u202e"},
    "absurd": {"workshop": [0, 999], "person": "x" * 40, "institution": LONG, "role": LONG, "group": LONG,
               "sector": "s" * 32, "gmina": "g" * 16},
}
PROPOSAL_FAULTS = {
    "empty": {"cycle": "", "number": None, "group": None, "area": None, "title": None, "description": None,
              "lead": None, "lead_sector": None, "partners": None, "votes": None, "status": ""},
    "unknown": {"cycle": "2019", "workshop": 7, "area": 9, "status": "zatwierdzona", "lead_sector": "xyz",
                "title": "Tytu\u202eł"},
    "absurd": {"workshop": [0, 999], "number": [0, -1, 2**31 - 1, 1], "area": [0, -3], "votes": [-5, 2**31 - 1],
               "title": LONG, "description": LONG, "lead": LONG, "partners": LONG + "; " + LONG, "group": LONG,
               "status": "s" * 16},
}

# what only a hand edit of the SQLite file leaves (SQLite keeps any text in a DATE or INTEGER column)
HAND_EDITS = {
    "unknown": ("UPDATE workshops SET date = 'do ustalenia' WHERE workshop = 3",
                "UPDATE proposals SET votes = 'dużo', area = 'II' WHERE workshop = 1 AND number = 2"),
    "absurd": ("UPDATE workshops SET date = '13.09.2018' WHERE workshop = 3",
               "UPDATE proposals SET votes = 2.5, number = 1.5 WHERE workshop = 1 AND number = 3"),
}


def _faulty_rows(base: dict, faults: dict, first_key: int) -> list[dict]:
    """One row per faulty value; rows of a keyed table get fresh keys so each stays a row of its own."""
    rows = []
    key = first_key
    for field, values in faults.items():
        for value in values if isinstance(values, list) else [values]:
            row = dict(base) | {field: value}
            if "person" in base and field != "person":
                row["person"] = f"p-{field}-{key}"
            if "number" in base and field != "number":
                row["number"] = key
            if "number" not in base and "person" not in base and field != "workshop":
                row["workshop"] = key  # a schedule's row per workshop
            if "date" in base and field == "cycle":
                row["date"] = dt.date(2027, 2, 1)  # a cycle to come: the clean cycle stays the one going on
            key += 1
            rows.append(row)
    return rows


def _batch(conn: sa.Connection, kind: str, rows: list[dict]) -> None:
    batch_id = uuid.uuid4().hex
    conn.execute(batches.insert().values(id=batch_id, file=f"{kind}.xlsx", content_hash=uuid.uuid4().hex, kind=kind,
                                         sheet="Arkusz1", cycle=CYCLE, workshop=None, rows=len(rows), problems=0,
                                         imported_at=dt.datetime(2026, 6, 11, 9, 0), is_sample=False))
    conn.execute(ROW_TABLES[kind].insert(), [{"batch_id": batch_id} | row for row in rows])


def clean_rows() -> dict[str, list[dict]]:
    workshops = [WORKSHOP, WORKSHOP | {"workshop": 2, "date": dt.date(2026, 6, 10), "gmina": "wieliszew"},
                 WORKSHOP | {"workshop": 3, "date": dt.date(2027, 1, 20), "gmina": "legionowo"}]
    sectors = ["ngo", "business", "local_government", "education", "health", "ngo"]
    attendance = [PERSON | {"person": f"p{i}", "sector": s, "workshop": 1 + i % 2} for i, s in enumerate(sectors)]
    proposals = [PROPOSAL | {"workshop": 1 + i // 3, "number": 1 + i % 3, "area": 1 + i % 4} for i in range(5)]
    return {"workshops": workshops, "attendance": attendance, "proposals": proposals}


def build(url: str, fault: str | None) -> Store:
    """The clean cycle at ``url``, with every field's ``fault`` (None: clean) in a row of its own."""
    store = Store(url, key=KEY)
    store.ensure_schema()
    rows = clean_rows()
    if fault is not None:
        rows["workshops"] += _faulty_rows(WORKSHOP, WORKSHOP_FAULTS[fault], 10)
        rows["attendance"] += _faulty_rows(PERSON, PERSON_FAULTS[fault], 10)
        rows["proposals"] += _faulty_rows(PROPOSAL, PROPOSAL_FAULTS[fault], 10)
    with store.engine.begin() as conn:
        for kind, kind_rows in rows.items():
            _batch(conn, kind, kind_rows)
        for statement in HAND_EDITS.get(fault, ()) if store.is_sqlite else ():
            conn.execute(sa.text(statement))
    _votes(store, fault)
    return store


def _votes(store: Store, fault: str | None) -> None:
    """A closed vote at workshop 3 on the cycle's proposals (faulty ones included), then an open one."""
    choices = [Choice(0, CYCLE, 1, 1, "Bon lokalny", 1), Choice(0, CYCLE, 1, 2, "Inkubator", None)]
    if fault == "absurd":
        choices.append(Choice(0, CYCLE, 999, 2**31 - 1, LONG, 9))
    elif fault == "unknown":
        choices.append(Choice(0, CYCLE, 7, 1, "Tytu\u202eł", 9))
    votes = Votes(store)
    closed = votes.create(CYCLE, 3, choices, 2, "http://192.168.1.20:8501")
    cards = votes.issue_cards(closed.id, "ngo", 2) + votes.issue_cards(closed.id, "business", 1)
    votes.open(closed.id)
    from analysis.voting import codes

    for card, positions in zip(cards, [[1], [1, 2], [len(choices)]], strict=True):
        votes.cast(closed.id, codes.token_hash(card.token), positions)
    votes.close(closed.id)
    votes.open(votes.create(CYCLE, 3, choices, 1, "http://192.168.1.20:8501").id)
