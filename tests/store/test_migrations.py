"""Opening an older store upgrades it (Alembic), keeping every row; a failed upgrade changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from analysis.errors import UserError
from analysis.store import Store, migrate, open_store
from analysis.store.schema import metadata
from tests.stores import KEY, attendance, store_at, upload

# The schema of the stores made before migrations, frozen as that program created it.
V1 = sa.MetaData()
sa.Table("meta", V1, sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False))
sa.Table("batches", V1, sa.Column("id", sa.String(32), primary_key=True), sa.Column("file", sa.Text, nullable=False),
         sa.Column("content_hash", sa.String(64), nullable=False, index=True),
         sa.Column("kind", sa.String(16), nullable=False), sa.Column("sheet", sa.Text, nullable=False),
         sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer),
         sa.Column("rows", sa.Integer, nullable=False), sa.Column("problems", sa.Integer, nullable=False),
         sa.Column("imported_at", sa.DateTime, nullable=False), sa.Column("is_sample", sa.Boolean, nullable=False))


def _rows_of_batch() -> list[sa.Column]:
    return [sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False,
                      index=True),
            sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False)]


sa.Table("workshops", V1, *_rows_of_batch(), sa.Column("date", sa.Date), sa.Column("gmina", sa.Text),
         sa.Column("venue", sa.Text), sa.Column("title", sa.Text))
sa.Table("attendance", V1, *_rows_of_batch(), sa.Column("person", sa.String(40), nullable=False),
         sa.Column("institution", sa.Text), sa.Column("sector", sa.String(32), nullable=False),
         sa.Column("gmina", sa.String(16), nullable=False), sa.Column("role", sa.Text), sa.Column("group", sa.Text),
         sa.Column("replaced_by", sa.String(32), index=True))
sa.Table("proposals", V1, *_rows_of_batch(), sa.Column("number", sa.Integer), sa.Column("group", sa.Text),
         sa.Column("area", sa.Integer), sa.Column("title", sa.Text), sa.Column("description", sa.Text),
         sa.Column("lead", sa.Text), sa.Column("lead_sector", sa.String(32)), sa.Column("partners", sa.Text),
         sa.Column("votes", sa.Integer), sa.Column("status", sa.String(16), nullable=False),
         sa.Column("replaced_by", sa.String(32), index=True))

ROWS = {
    "meta": [{"key": "schema_version", "value": "1"}, {"key": "data_version", "value": "7"},
             {"key": "sample_seeded", "value": "skipped"}],
    "batches": [{"id": "b1", "file": "lista.xlsx", "content_hash": "h1", "kind": "attendance", "sheet": "3 Jabłonna",
                 "cycle": "2018", "workshop": 3, "rows": 3, "problems": 1,
                 "imported_at": dt.datetime(2018, 9, 14, 10, 0), "is_sample": False},
                {"id": "b2", "file": "propozycje.xlsx", "content_hash": "h2", "kind": "proposals", "sheet": "P",
                 "cycle": "2018", "workshop": 3, "rows": 2, "problems": 0,
                 "imported_at": dt.datetime(2018, 9, 14, 11, 0), "is_sample": False},
                {"id": "b3", "file": "harmonogram.xlsx", "content_hash": "h3", "kind": "workshops", "sheet": "H",
                 "cycle": "2018", "workshop": None, "rows": 1, "problems": 0,
                 "imported_at": dt.datetime(2018, 9, 14, 12, 0), "is_sample": False}],
    "attendance": [{"batch_id": "b1", "cycle": "2018", "workshop": 3, "person": f"p{i}", "institution": "OSP Chotomów",
                    "sector": "ngo", "gmina": "jablonna", "role": "", "group": "1", "replaced_by": None}
                   for i in range(3)],
    "proposals": [{"batch_id": "b2", "cycle": "2018", "workshop": 3, "number": n, "group": "1", "area": 2,
                   "title": f"Propozycja {n}", "description": "", "lead": "OSP", "lead_sector": "ngo", "partners": "",
                   "votes": None, "status": "to_vote", "replaced_by": None} for n in (1, 2)],
    "workshops": [{"batch_id": "b3", "cycle": "2018", "workshop": 3, "date": dt.date(2018, 9, 13),
                   "gmina": "jablonna", "venue": "Pałac", "title": "Warsztat 3"}],
}


def make_version_1(url: str) -> None:
    """A store exactly as the program before migrations left it, with data."""
    engine = sa.create_engine(url)
    V1.create_all(engine)
    with engine.begin() as conn:
        for name, rows in ROWS.items():
            conn.execute(V1.tables[name].insert(), rows)
    engine.dispose()


def table_rows(url: str) -> dict[str, list[tuple]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = {}
        for name, rows in ROWS.items():
            columns = [V1.tables[name].c[c] for c in rows[0]]
            found[name] = sorted(tuple(str(v) for v in r) for r in conn.execute(sa.select(*columns)))
        found["tables"] = sorted(sa.inspect(conn).get_table_names())
    engine.dispose()
    return found


def test_a_version_1_store_is_upgraded_keeping_every_row(url):
    make_version_1(url)
    before = table_rows(url)
    store = open_store(url, key=KEY)
    after = table_rows(url)
    for name in ("batches", "attendance", "proposals", "workshops"):
        assert after[name] == before[name] and len(after[name]) == len(ROWS[name])
    assert ("data_version", "7") in after["meta"] and ("schema_version", str(migrate.number(migrate.head()))) in after["meta"]
    assert "problems" in after["tables"] and "alembic_version" in after["tables"]
    with store.engine.connect() as conn:
        assert migrate.revision_of(conn) == migrate.head()
    data = store.dataset()  # the upgraded store works: read, import, undo
    assert len(data.attendance) == 3 and len(data.proposals) == 2 and not store.has_sample()
    outcome = store.import_uploads([upload("nowa.xlsx", attendance(["Anna Nowak"], "warsztat 4"))])
    store.undo(outcome.saved[0].id)
    assert table_rows(url)["attendance"] == before["attendance"]


def test_a_sqlite_store_is_copied_before_it_is_upgraded(tmp_path):
    url = f"sqlite:///{tmp_path / 'partnerstwo.sqlite'}"
    make_version_1(url)
    open_store(url, key=KEY)
    [copy] = tmp_path.glob("partnerstwo.sqlite.kopia-przed-aktualizacja-*")
    old = table_rows(f"sqlite:///{copy}")
    assert "problems" not in old["tables"] and old["attendance"] == table_rows(url)["attendance"]


def test_a_failed_upgrade_leaves_the_store_as_it_was(url):
    make_version_1(url)
    before = table_rows(url)
    store = Store(url, key=KEY)

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def fail_half_way(_conn, _cursor, statement, *_args):
        if "ix_problems_batch_id" in statement:  # after the new table was created
            raise RuntimeError("injected failure in the middle of a migration")

    with pytest.raises(UserError) as refused:
        store.ensure_schema()
    assert refused.value.code == "migration_failed" and "dane są bez zmian" in refused.value.message
    sa.event.remove(store.engine, "before_cursor_execute", fail_half_way)
    assert table_rows(url) == before  # no new table, no version stamp, every row


def test_a_store_newer_than_the_program_is_refused(url):
    store = store_at(url)  # a new store migrated from nothing
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(UserError) as refused:
        Store(url, key=KEY).ensure_schema()
    assert refused.value.code == "store_newer"


def test_a_pre_migration_program_refuses_a_migrated_store(url):
    """Programs from before migrations read meta.schema_version and refuse anything above 1."""
    store = store_at(url)  # a new store migrated from nothing
    with store.engine.connect() as conn:
        version = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
    assert int(version) > 1


def test_the_migrations_build_exactly_the_schema_the_program_uses(url):
    store = store_at(url)  # a new store migrated from nothing
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_the_newest_migration_named_in_the_code_is_alembics_head():
    """A store at ``migrate.HEAD`` is opened without Alembic: a new migration must move it too."""
    assert migrate.HEAD == migrate.head()


def _rule_1_digest(vote_id: str, ballots: list[tuple[str, str, str, str]]) -> str:
    """The digest closing recorded before the secret ballot: the ballot table alone, by card."""
    import hashlib

    lines = [f"vote;{vote_id}"] + [";".join(b) for b in sorted(ballots)]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def test_votes_cast_before_the_secret_ballot_keep_their_counts_and_lose_their_link(url):
    from alembic import command
    from alembic.config import Config

    from analysis.voting import codes, seal
    from analysis.voting.ballot_box import Votes

    opened = dt.datetime(2018, 10, 8, 11, 0)
    tokens = {name: codes.new_token() for name in ("a", "b", "c", "d", "e", "f", "g")}
    cards = {name: codes.token_hash(t) for name, t in tokens.items()}
    sectors = {"a": "ngo", "b": "ngo", "c": "business", "d": "education", "e": "education", "f": "ngo", "g": "ngo"}
    # vote "closed": a, b, c, d voted, e did not; vote "changed": f voted, its ballot edited after closing;
    # vote "open": g voted, the vote still open
    cast = {"closed": [("a", "1 2"), ("b", "2"), ("c", "2 3"), ("d", "3")], "changed": [("f", "1")],
            "open": [("g", "2")]}
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(migrate.MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "0005_gminas")
        for vote_id, of_vote in (("closed", "abcde"), ("changed", "f"), ("open", "g")):
            old = [(cards[c], sectors[c], choices, "phone") for c, choices in cast[vote_id]]
            conn.execute(sa.text("INSERT INTO votes (id, cycle, workshop, max_choices, address, created_at, opened_at, "
                                 "closed_at, digest) VALUES (:id, '2018', 4, 3, 'http://x', :t, :t, :c, :d)"),
                         {"id": vote_id, "t": opened, "c": None if vote_id == "open" else opened + dt.timedelta(hours=1),
                          "d": None if vote_id == "open" else _rule_1_digest(vote_id, old)})
            for position in (1, 2, 3):
                conn.execute(sa.text("INSERT INTO vote_proposals VALUES (:v, :p, '2018', 3, :p, :title, 1)"),
                             {"v": vote_id, "p": position, "title": f"Propozycja {position}"})
            for c in of_vote:
                conn.execute(sa.text("INSERT INTO vote_cards VALUES (:t, :h, :v, :s, :at)"),
                             {"t": cards[c], "h": codes.code_hash(codes.new_code()), "v": vote_id, "s": sectors[c],
                              "at": opened})
            for minute, (c, choices) in enumerate(cast[vote_id]):
                conn.execute(sa.text("INSERT INTO vote_ballots VALUES (:c, :v, :s, :ch, 'phone', :at)"),
                             {"c": cards[c], "v": vote_id, "s": sectors[c], "ch": choices,
                              "at": opened + dt.timedelta(minutes=minute)})
        conn.execute(sa.text("UPDATE vote_ballots SET choices = '3' WHERE vote_id = 'changed'"))
    engine.dispose()

    store = open_store(url, key=KEY, seed_sample=False)
    votes = Votes(store)
    result = votes.result("closed")
    assert {r.position: r.votes for r in result.ranking} == {1: 1, 2: 3, 3: 2}
    assert [(s, i, c) for s, i, c in result.turnout.by_sector] == [("business", 1, 1), ("education", 2, 1),
                                                                   ("ngo", 2, 2)]
    assert {r.position: r.by_sector for r in result.ranking}[2] == {"business": 1, "ngo": 2}
    for name in "abcdefg":
        assert votes.card(codes.Secret("token", cards[name])).used == (name != "e")
    with store.engine.connect() as conn:  # the old table with the card and the time is gone
        assert {c["name"] for c in sa.inspect(conn).get_columns("vote_ballots")} == {
            "id", "vote_id", "sector", "choices", "channel"}
        assert not set(cards.values()) & {str(v) for row in conn.execute(sa.text("SELECT * FROM vote_ballots"))
                                          for v in row}
    for vote_id in ("closed", "changed"):  # the migration's own copy of the seal seals as the program does
        sealed = votes.get(vote_id).seal
        assert sealed is not None
        stored = seal.Seal.from_json(sealed)
        assert stored.made == "migration" and stored.mac is not None
        assert seal.make(votes.record(vote_id), store.seal_key(), made="migration",
                         sealed_at=dt.datetime.fromisoformat(stored.sealed_at), earlier=stored.earlier
                         ).to_json() == sealed
    check = votes.check("closed")
    assert check.ok and check.confirmed == "kluczem magazynu"
    assert any("starszej reguły" in n and "był zgodny" in n for n in check.notes)
    changed = votes.check("changed")  # edited before the upgrade: the earlier digest no longer matched
    assert not changed.matches and any("NIE zgadzała się" in p for p in changed.problems)
    # the open vote goes on: its card cannot vote again, a new card can, the tally is whole
    with pytest.raises(UserError) as refused:
        votes.cast("open", cards["g"], [1])
    assert refused.value.code == "card_used"
    [new] = votes.issue_cards("open", "ngo", 1)
    votes.cast("open", codes.token_hash(new.token), [1, 3])
    assert {r.position: r.votes for r in votes.result("open").ranking} == {1: 1, 2: 1, 3: 1}
    votes.close("open")
    assert votes.check("open").ok


def test_cards_and_check_ins_from_before_the_cards_at_the_door_are_kept_and_the_seal_still_holds(url):
    """A store of migration 0009 (a closed, sealed vote; a check-in with a person) upgraded: every card kept, none
    handed out, no one given a card, no hall address — the closed vote's record and seal as they were."""
    from alembic import command
    from alembic.config import Config

    from analysis.checkin import CheckIns
    from analysis.voting import codes
    from analysis.voting.ballot_box import Votes
    from analysis.voting.tally import Choice
    from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, fill, form

    store = store_at(url)
    fill(store)
    checkins = CheckIns(store)
    checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY, address="http://192.168.1.20:8501")
    checkins.check_in(form(checkin.id, "Maria Zielińska"))
    votes = Votes(store)
    vote_id = votes.create("2026", 2, [Choice(0, "2026", 1, n, f"Propozycja {n}", 1) for n in (1, 2)], 1, "http://x").id
    made = votes.issue_cards(vote_id, "ngo", 3)
    votes.open(vote_id)
    votes.cast(vote_id, codes.token_hash(made[0].token), [2])
    votes.close(vote_id)
    before = (votes.get(vote_id).digest, votes.printed(vote_id), votes.result(vote_id).turnout)
    from analysis.store.engine import write_transaction

    with write_transaction(store.engine, store.is_sqlite, foreign_keys=False) as conn:  # as migrations run
        config = Config()
        config.set_main_option("script_location", str(migrate.MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, "0009_checkin")
    store.engine.dispose()

    again = open_store(url, key=KEY, seed_sample=False)
    votes = Votes(again)
    assert (votes.get(vote_id).digest, votes.printed(vote_id), votes.result(vote_id).turnout) == before
    assert votes.check(vote_id).ok
    [person] = again.checked_in(checkin.id)
    assert not person.has_card and CheckIns(again).get(checkin.id).address is None
    with again.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM vote_cards WHERE handed_out")).scalar() == 0
        if conn.dialect.name == "sqlite":  # rebuilt WITHOUT ROWID: its rows lie in the order of their keys
            sql = conn.execute(sa.text("SELECT sql FROM sqlite_master WHERE name = 'vote_cards'")).scalar()
            assert "WITHOUT ROWID" in sql
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None


def test_surveys_and_check_ins_from_before_the_survey_cards_are_kept_and_no_one_holds_a_survey_card(url):
    """A store of migration 0012 (a survey answered with a ballot card, a person checked in) upgraded: the answer and
    the person kept, no survey card made, no one given one."""
    from alembic import command
    from alembic.config import Config

    from analysis.checkin import CheckIns
    from analysis.store.engine import write_transaction
    from analysis.survey.box import Surveys
    from analysis.voting import codes
    from analysis.voting.ballot_box import Votes
    from analysis.voting.tally import Choice
    from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, fill, form
    from tests.survey.support import scores

    store = store_at(url)
    fill(store)
    checkins = CheckIns(store)
    checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    checkins.check_in(form(checkin.id, "Maria Zielińska"))
    votes = Votes(store)
    vote_id = votes.create("2026", 2, [Choice(0, "2026", 1, 1, "Propozycja 1", 1)], 1, "http://x").id
    [card] = votes.issue_cards(vote_id, "ngo", 1)
    surveys = Surveys(store)
    survey = surveys.open("2026", 2)
    surveys.answer(surveys.card(codes.recognise(card.token)), scores(4), "Dobrze")
    with write_transaction(store.engine, store.is_sqlite, foreign_keys=False) as conn:  # as migrations run
        config = Config()
        config.set_main_option("script_location", str(migrate.MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, "0012_survey")
    store.engine.dispose()

    again = open_store(url, key=KEY, seed_sample=False)
    surveys = Surveys(again)
    assert surveys.count(survey.id) == 1 and surveys.answers(survey.id)["comment"].tolist() == ["Dobrze"]
    assert surveys.card(codes.recognise(card.token)).answered and surveys.cards_made(survey.id) == {}
    assert len(again.checked_in(checkin.id)) == 1
    with again.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM checkin_people WHERE has_survey_card")).scalar() == 0
        assert migrate.revision_of(conn) == migrate.HEAD
