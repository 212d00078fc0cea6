"""`python -m analysis checkin list|open|close|export|shred`, and the check-in's numbers in `metrics --json`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analysis.checkin import CheckIns, Form
from analysis.store import open_store
from tests.checkin.support import CLAUSE, schedule


@pytest.fixture
def scheduled(cli, tmp_path) -> tuple:
    """The cli on a data folder whose store has the office's own 2026 schedule (the sample removed)."""
    path = tmp_path / "harmonogram_2026.xlsx"
    path.write_bytes(schedule())
    assert cli("import", str(path)).returncode == 0
    clause = tmp_path / "klauzula.txt"
    clause.write_text(CLAUSE, encoding="utf-8")
    return cli, str(clause)


def _keep() -> str:
    return f"{dt.date.today() + dt.timedelta(days=60):%d.%m.%Y}"


def _check_in(workshop: int, name: str, institution: str, sector: str, gmina: str) -> None:
    checkins = CheckIns(open_store())
    checkin = checkins.of_workshop("2026", workshop)
    assert checkin is not None
    checkins.check_in(Form(checkin.id, "2026", workshop, name, institution, sector, gmina, consent=True))


def test_open_list_count_close_export_and_shred(scheduled, tmp_path):
    cli, clause = scheduled
    done = cli("checkin", "open", "--workshop", "2", "--cycle", "2026", "--keep-until", _keep(), "--clause-file", clause)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Rejestracja na warsztat 2 (cykl 2026) jest otwarta" in done.stdout
    _check_in(2, "Anna Kowalska", "Urząd Gminy Serock", "local_government", "serock")
    _check_in(2, "Jan Nowak", "Fundacja Razem", "ngo", "jablonna")
    _check_in(2, "Ewa Lis", "Urząd Gminy Serock", "local_government", "serock")
    listed = json.loads(cli("checkin", "list", "--json").stdout)["checkins"]
    assert [(c["workshop"], c["state"], c["people"]) for c in listed] == [(2, "open", 3)]
    assert listed[0]["by_sector"] == {"local_government": 2, "ngo": 1}
    assert "Warsztat 2 (cykl 2026): otwarta, 3 osoby" in cli("checkin", "list").stdout
    document = json.loads(cli("metrics", "--cycle", "2026", "--json").stdout)
    assert document["checked_in"] == {"2": {"state": "open", "people": 3, "returning": 0,
                                            "by_sector": {"local_government": 2, "ngo": 1},
                                            "by_gmina": {"jablonna": 1, "serock": 2}}}
    assert "2" not in document["participants"]  # not in the dataset before closing

    closed = cli("checkin", "close", "--workshop", "2")  # the current cycle: 2026
    assert closed.returncode == 0, closed.stdout + closed.stderr
    assert "lista obecności (3 osoby) zapisana w magazynie jako partia" in closed.stdout
    paper = Path(closed.stdout.split("Lista do podpisu: ")[1].strip())
    assert paper.is_file() and paper.is_relative_to(tmp_path / "data")
    after = json.loads(cli("metrics", "--cycle", "2026", "--json").stdout)
    assert after["participants"]["2"] == 3 and after["checked_in"]["2"]["state"] == "closed"
    batches = json.loads(cli("history", "--json").stdout)["batches"]  # imported in one second: order by file name
    assert [(b["workshop"], b["rows"]) for b in batches if b["kind"] == "attendance"] == [(2, 3)]

    paper.unlink()
    exported = cli("checkin", "export", "--workshop", "2")
    assert exported.returncode == 0 and paper.is_file()
    kept = cli("checkin", "shred", "--workshop", "2")
    assert kept.returncode == 1 and "mają być przechowywane do" in kept.stdout and paper.is_file()
    assert "nic nie zniszczono" in cli("checkin", "shred").stdout  # none is due
    shredded = cli("checkin", "shred", "--workshop", "2", "--teraz")
    assert shredded.returncode == 0 and "Zniszczono nazwiska z rejestracji na warsztat 2" in shredded.stdout
    assert not paper.exists() and not paper.parent.exists()
    assert "nazwiska zniszczone" in cli("checkin", "list").stdout
    assert cli("checkin", "export", "--workshop", "2").returncode == 1


@pytest.mark.parametrize(("args", "code", "said"), [
    (["checkin"], 2, "Błędne użycie polecenia checkin"),
    (["checkin", "wszystko"], 2, "Błędne użycie polecenia checkin"),
    (["checkin", "open", "--keep-until", "31.12.2030", "--clause", "x"], 2, "Podaj numer warsztatu"),
    (["checkin", "open", "--workshop", "2", "--clause", "x"], 2, "--keep-until"),
    (["checkin", "open", "--workshop", "2", "--keep-until", "31.12.2030"], 2, "klauzuli"),
    (["checkin", "open", "--workshop", "0", "--keep-until", "31.12.2030", "--clause", "x"], 2, "od 1 do 50"),
    (["checkin", "shred", "--teraz"], 2, "--workshop N"),
    (["checkin", "open", "--workshop", "9", "--keep-until", "31.12.2030", "--clause", "Klauzula"], 1,
     "nie ma warsztatu 9"),
    (["checkin", "open", "--workshop", "2", "--keep-until", "jutro", "--clause", "Klauzula"], 1,
     "Nie rozpoznano daty „jutro”"),
    (["checkin", "open", "--workshop", "2", "--keep-until", "31.12.2030", "--clause-file", "/nie/ma/pliku"], 1,
     "Nie można odczytać klauzuli"),
    (["checkin", "close", "--workshop", "3"], 1, "nie otwarto rejestracji"),
])
def test_wrong_usage_and_refusals_say_what_to_do(scheduled, args, code, said):
    cli, _ = scheduled
    done = cli(*args)
    assert done.returncode == code
    assert said in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert json.loads(cli("checkin", "list", "--json").stdout)["checkins"] == []


def test_a_check_in_closed_with_nobody_stays_open(scheduled):
    cli, clause = scheduled
    assert cli("checkin", "open", "--workshop", "3", "--keep-until", _keep(), "--clause-file", clause).returncode == 0
    done = cli("checkin", "close", "--workshop", "3")
    assert done.returncode == 1 and "Nikt się jeszcze nie zarejestrował" in done.stdout
    assert "otwarta, 0 osób" in cli("checkin", "list").stdout
