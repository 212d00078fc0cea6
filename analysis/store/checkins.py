"""Check-ins at the door as the store keeps them: the check-ins, the people checked in, what they are read with.

Each function runs over the connection it is given (a read, or the caller's write transaction); the rules
of a check-in (who may be checked in, when it may open or close) are ``analysis.checkin``'s. The person's
keyed pseudonym is part of ``checkin_people``'s primary key, so a second row of one person is refused by
the database itself: ``add_person`` inserts it unless it is there already. ``give_card`` marks a person as given
their ballot card (a flag, never which card: ``analysis.checkin.cards``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

import sqlalchemy as sa

from analysis.store.engine import insert_new
from analysis.store.per_workshop import Rows
from analysis.store.records import CheckedInRow, CheckInRow
from analysis.store.schema import ROW_TABLES, batches, checkin_people_table, checkins_table, workshops_table

Institutions = list[tuple[str, str, str, int]]  # institution as written, sector, gmina, rows


def _checkin(row: sa.RowMapping) -> CheckInRow:
    return CheckInRow(row["id"], row["cycle"], int(row["workshop"]), row["opened_at"], row["closed_at"], row["clause"],
                      row["keep_until"], row["batch_id"], row["shredded_at"], row["address"])


def _person(row: sa.RowMapping) -> CheckedInRow:
    return CheckedInRow(row["checkin_id"], row["person"], row["institution"], row["sector"], row["gmina"],
                        row["channel"], row["checked_at"], bool(row["has_card"]), row["gender"], row["age_group"])


_ROWS = Rows(checkins_table, _checkin)
all_checkins, one, of_workshop = _ROWS.every, _ROWS.by_id, _ROWS.of_workshop


def scheduled(conn: sa.Connection, cycle: str, workshop: int) -> list[tuple[dt.date | None, bool]]:
    """The workshop's rows in the schedules in force: (its date, whether it is the sample's)."""
    w = workshops_table
    rows = conn.execute(sa.select(w.c.date, batches.c.is_sample).join(batches, batches.c.id == w.c.batch_id)
                        .where(w.c.cycle == str(cycle), w.c.workshop == int(workshop))).all()
    return [(day if isinstance(day, dt.date) else None, bool(sample)) for day, sample in rows]


def insert(conn: sa.Connection, checkin: CheckInRow) -> None:
    conn.execute(checkins_table.insert().values(
        id=checkin.id, cycle=checkin.cycle, workshop=checkin.workshop, opened_at=checkin.opened_at,
        closed_at=checkin.closed_at, clause=checkin.clause, keep_until=checkin.keep_until, batch_id=checkin.batch_id,
        shredded_at=checkin.shredded_at, address=checkin.address))


def reopen(conn: sa.Connection, checkin_id: str, clause: str, keep_until: dt.date, address: str | None) -> None:
    """The check-in open again, its clause and day renewed (and its hall's address, when one is given)."""
    values: dict[str, object] = {"clause": clause, "keep_until": keep_until, "closed_at": None}
    if address:
        values["address"] = address
    conn.execute(checkins_table.update().where(checkins_table.c.id == checkin_id).values(values))


def set_address(conn: sa.Connection, checkin_id: str, address: str) -> None:
    conn.execute(checkins_table.update().where(checkins_table.c.id == checkin_id).values(address=address))


def close(conn: sa.Connection, checkin_id: str, at: dt.datetime, batch_id: str) -> None:
    conn.execute(checkins_table.update().where(checkins_table.c.id == checkin_id)
                 .values(closed_at=at, batch_id=batch_id))


def shredded(conn: sa.Connection, checkin_id: str, at: dt.datetime) -> None:
    conn.execute(checkins_table.update().where(checkins_table.c.id == checkin_id).values(shredded_at=at))


def people(conn: sa.Connection, checkin_id: str, person: str | None = None) -> list[CheckedInRow]:
    """The check-in's people in the order they came (one person's row, given ``person``)."""
    p = checkin_people_table
    query = sa.select(p).where(p.c.checkin_id == str(checkin_id))
    if person is not None:
        query = query.where(p.c.person == person)
    return [_person(r) for r in conn.execute(query.order_by(p.c.checked_at, p.c.person)).mappings()]


def places(conn: sa.Connection, checkin_id: str) -> list[tuple[str, str]]:
    """(sector, gmina) of each person checked in: what a live count reads."""
    p = checkin_people_table
    return [(r.sector, r.gmina) for r in conn.execute(sa.select(p.c.sector, p.c.gmina)
                                                       .where(p.c.checkin_id == str(checkin_id)))]


def add_person(conn: sa.Connection, row: CheckedInRow) -> bool:
    """Insert the person's row unless the database already has it (its primary key); whether it was inserted."""
    t = checkin_people_table
    values = {"checkin_id": row.checkin_id, "person": row.person, "institution": row.institution,
              "sector": row.sector, "gmina": row.gmina, "channel": row.channel, "checked_at": row.checked_at,
              "gender": row.gender, "age_group": row.age_group}
    return conn.execute(insert_new(conn, t).values(values).returning(t.c.person)).first() is not None


def give_card(conn: sa.Connection, checkin_id: str, person: str) -> bool:
    """Mark that the person checked in was given a ballot card, unless they were already: one conditional UPDATE,
    decided by the database (a second one, here or in another process, changes no row); whether it was marked."""
    return _flag_once(conn, checkin_id, person, "has_card")


def give_survey_card(conn: sa.Connection, checkin_id: str, person: str) -> bool:
    """Mark that the person checked in was given a survey card, unless they were already (a conditional UPDATE, as
    ``give_card``); whether it was marked."""
    return _flag_once(conn, checkin_id, person, "has_survey_card")


def _flag_once(conn: sa.Connection, checkin_id: str, person: str, flag: str) -> bool:
    p = checkin_people_table
    marked = conn.execute(p.update().where(p.c.checkin_id == str(checkin_id), p.c.person == person,
                                           p.c[flag].is_(sa.false())).values({flag: True}))
    return marked.rowcount == 1


def earlier_workshops(conn: sa.Connection, persons: Iterable[str], cycle: str, workshop: int) -> Counter[str]:
    """Per person: the other workshops (of any cycle) whose attendance in force has them."""
    a = ROW_TABLES["attendance"]
    wanted = sorted(set(persons))
    if not wanted:
        return Counter()
    seen = conn.execute(sa.select(a.c.person, a.c.cycle, a.c.workshop).distinct().where(
        a.c.person.in_(wanted), a.c.replaced_by.is_(None),
        sa.not_(sa.and_(a.c.cycle == str(cycle), a.c.workshop == int(workshop))))).all()
    return Counter(person for person, _, _ in seen)


def last_place(conn: sa.Connection, person: str, cycle: str, workshop: int) -> tuple[str, str, str] | None:
    """The institution, sector and gmina of the person's latest attendance in force that names an institution (other
    than ``cycle``'s ``workshop``): by the workshop's date, then cycle and number; None when there is none."""
    a, w = ROW_TABLES["attendance"], workshops_table
    day = (sa.select(sa.func.max(w.c.date)).where(w.c.cycle == a.c.cycle, w.c.workshop == a.c.workshop)
           .scalar_subquery())
    row = conn.execute(sa.select(a.c.institution, a.c.sector, a.c.gmina).where(
        a.c.person == person, a.c.replaced_by.is_(None), a.c.institution.is_not(None),
        sa.not_(sa.and_(a.c.cycle == str(cycle), a.c.workshop == int(workshop))))
        .order_by(day.desc().nulls_last(), a.c.cycle.desc(), a.c.workshop.desc()).limit(1)).first()
    return (str(row[0]), str(row[1]), str(row[2])) if row is not None else None


def stored_institutions(conn: sa.Connection) -> Institutions:
    """The institutions of the attendance lists in force, not the sample's, grouped with their sector and gmina."""
    a = ROW_TABLES["attendance"]
    rows = conn.execute(sa.select(a.c.institution, a.c.sector, a.c.gmina, sa.func.count().label("n"))
                        .join(batches, batches.c.id == a.c.batch_id)
                        .where(a.c.replaced_by.is_(None), sa.not_(batches.c.is_sample), a.c.institution.is_not(None))
                        .group_by(a.c.institution, a.c.sector, a.c.gmina))
    return [(str(i), str(s), str(g), int(n)) for i, s, g, n in rows]


def institutions_at_open_checkins(conn: sa.Connection) -> Institutions:
    """The institutions of people checked in at check-ins still open, grouped with their sector and gmina."""
    p, t = checkin_people_table, checkins_table
    rows = conn.execute(sa.select(p.c.institution, p.c.sector, p.c.gmina, sa.func.count().label("n"))
                        .join(t, t.c.id == p.c.checkin_id)
                        .where(t.c.closed_at.is_(None), p.c.institution.is_not(None))
                        .group_by(p.c.institution, p.c.sector, p.c.gmina))
    return [(str(i), str(s), str(g), int(n)) for i, s, g, n in rows]
