"""What the check-in tests share: a store with a 2026 schedule and the list of its first workshop."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from analysis.checkin import CheckIns, Form
from analysis.reading.importer import read_files
from analysis.store import Store, Upload, content_hash
from tests import fixtures as fx
from tests.stores import store_at

CLAUSE = ("Administratorem danych jest Starostwo Powiatowe w Legionowie. Dane (imię, nazwisko, instytucja) "
          "przetwarzamy w celu sporządzenia listy obecności warsztatu i przechowujemy do daty podanej na liście.")
KEEP_UNTIL = dt.date(2026, 12, 31)
TODAY = dt.date(2026, 10, 1)


def schedule() -> bytes:
    return fx.xlsx_bytes({"Harmonogram": [
        ["Harmonogram warsztatów – cykl 2026"], ["Nr", "Data", "Gmina", "Miejsce", "Temat"],
        [1, dt.date(2026, 9, 10), "Serock", "Hala", "Pierwszy"],
        [2, dt.date(2026, 10, 8), "Legionowo", "Ratusz", "Drugi"],
        [3, dt.date(2026, 11, 5), "Jabłonna", "Pałac", "Trzeci"]]})


def first_list(workshop: int = 1) -> bytes:
    return fx.xlsx_bytes({"Lista": [
        [f"Lista obecności – warsztat {workshop}"], ["Lp.", "Imię i nazwisko", "Instytucja", "Sektor", "Gmina"],
        [1, "Anna Kowalska", "Urząd Gminy Serock", "JST", "Serock"],
        [2, "Jan Nowak", "Fundacja Razem", "NGO", "Jabłonna"],
        [3, "Ewa Wiśniewska", "Urząd Gminy Serock", "JST", "Serock"]]})


def upload(store: Store, name: str, data: bytes, workshop: int | None = None) -> Upload:
    [result] = read_files([(name, data)], workshop=workshop, calendar=store.calendar())
    return Upload(name, content_hash(data), result)


def fill(store: Store) -> None:
    """The 2026 schedule and the first workshop's list."""
    store.import_uploads([upload(store, "harmonogram.xlsx", schedule())])
    store.import_uploads([upload(store, "lista_1.xlsx", first_list(), workshop=1)])


def prepared(url: str) -> tuple[Store, CheckIns]:
    """A store with the 2026 schedule and the first workshop's list, and its check-ins."""
    store = store_at(url)
    fill(store)
    return store, CheckIns(store)


def form(checkin_id: str, name: str, institution: str = "Urząd Gminy Serock", workshop: int = 2,
         **given: object) -> Form:
    values: dict = {"sector": None, "gmina": None, "consent": True, "channel": "desk"} | given
    return Form(checkin_id, "2026", workshop, name, institution, **values)


def rows(store: Store, table: str = "checkin_people") -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() or 0)
