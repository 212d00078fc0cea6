from __future__ import annotations

import functools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa

if TYPE_CHECKING:
    from analysis.store import Store

# compiled bytecode is kept (in __pycache__, which git ignores) even where the shell sets PYTHONDONTWRITEBYTECODE:
# else every test process and every process a test starts (a dashboard server, a command, a racing store)
# compiles the project and the tests again
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
    sys.dont_write_bytecode = False

# the tests never depend on a developer's own limit, data folder, database or password
os.environ.pop("PARTNERSTWO_MAX_UPLOAD_MB", None)
os.environ.pop("PARTNERSTWO_MIN_GROUP_SIZE", None)
for name in ("DATABASE_URL", "PARTNERSTWO_PASSWORD", "PARTNERSTWO_PSEUDONYM_KEY", "PARTNERSTWO_PASSWORD_FOR_VIEWING"):
    os.environ.pop(name, None)
os.environ["PARTNERSTWO_DATA_DIR"] = tempfile.mkdtemp(prefix="partnerstwo-tests-")

# nor on a developer's own .streamlit/secrets.toml
from analysis import config  # noqa: E402

config.SECRETS_FILES = ()

# nor on where pytest is started from: Streamlit reads .streamlit/config.toml of the working folder,
# and without it the server would listen on every interface (editing off without a password)
from streamlit import config as streamlit_config  # noqa: E402

streamlit_config.get_option("server.address")  # parse the config files now, so they do not override this later
streamlit_config.set_option("server.address", "localhost")

from tests import apptest_speed  # noqa: E402

apptest_speed.install()

# the sample's files are read once per test process, not again for every new store a test opens (a store that
# was never seeded reads them before it looks whether it needs them): the same files give the same uploads,
# which the import only reads; tests/base/test_sample.py reads the files itself
from analysis.store import sample_cycle  # noqa: E402

sample_cycle.read = functools.cache(sample_cycle.read)

ROOT = Path(__file__).resolve().parents[1]


BROWSER_TESTS = ROOT / "tests" / "browser"
POSTGRES_FIXTURES = {"postgres_store_url", "shared_postgres_url"}
STORE_FIXTURES = ("url", "migrated_url", "sample_url")  # each on SQLite and on PostgreSQL
# tests that take many seconds on their own (a real process each, every command or page on every kind of
# faulty store, three processes racing): ``-m "not slow"`` leaves them out while working on something else
SLOW_TESTS = {
    "test_every_command_runs_on_a_store_with_faulty_fields",
    "test_every_page_opens_on_a_store_with_faulty_fields_in_every_cycle",
    "test_a_fresh_store_opened_by_three_processes_at_once_is_made_and_seeded_once",
    "test_one_file_imported_twice_at_once_is_stored_once",
    "test_two_lists_of_one_workshop_at_once_ask_instead_of_both_saving",
    "test_two_processes_on_one_postgresql_share_the_count",
    "test_damaged_files_in_a_real_process_end_with_an_exit_code_not_a_crash",
    "test_the_cli_and_the_dashboard_read_the_key_from_the_same_secrets_file",
    "test_sample_generator_is_deterministic",
    "test_guessers_on_this_computer_are_held_to_a_few_tries_a_minute_and_an_honest_session_waits_at_most_30_s",
    "test_the_quick_looks_at_first_and_last_bytes_miss_no_white_space_and_no_total_line",
    "test_a_command_runs_as_a_real_process",
}


# seconds each test file took in a whole run (``pytest --store-durations`` renews it): the files run longest first,
# so that the workers end together instead of one waiting for the other's last long file
DURATIONS = ROOT / "tests" / "durations.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--store-durations", action="store_true",
                     help="write each test file's seconds of this run to tests/durations.json (the order files run in)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The lanes (pytest.ini's markers), given by where a test lies and what it uses, not by hand:
    ``browser`` for everything under tests/browser/, ``postgres`` for a test on the PostgreSQL store
    (the PostgreSQL twin of a STORE_FIXTURES fixture, or a PostgreSQL fixture), ``slow`` for a test
    named in SLOW_TESTS (by its function's name, so that it follows the test when its file moves).
    Then the files in the order they run: longest first (DURATIONS; a file not in it, as long as the median),
    each file's tests in their own order (every worker of ``-n`` sorts alike: the order is the collection's)."""
    seconds = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.exists() else {}
    middle = statistics.median(seconds.values()) if seconds else 0.0
    first_seen = {}
    for index, item in enumerate(items):
        first_seen.setdefault(_file_of(item), index)
    items.sort(key=lambda item: (-seconds.get(_file_of(item), middle), first_seen[_file_of(item)]))
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and "postgresql" in (callspec.params.get(name) for name in STORE_FIXTURES)
        if on_postgres or POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
        if getattr(item, "originalname", item.name) in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)



def _file_of(item: pytest.Item) -> str:
    return item.path.relative_to(ROOT).as_posix()


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """``--store-durations``: each file's seconds (set-up, call and tear-down of its tests) to DURATIONS."""
    if not config.getoption("store_durations") or hasattr(config, "workerinput"):
        return
    seconds: dict[str, float] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            if isinstance(report, pytest.TestReport):
                path = report.nodeid.split("::", 1)[0]
                seconds[path] = seconds.get(path, 0.0) + report.duration
    ordered = dict(sorted(((path, round(value, 1)) for path, value in seconds.items()), key=lambda kv: -kv[1]))
    DURATIONS.write_text(json.dumps(ordered, indent=1) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"test files' seconds written to {DURATIONS.relative_to(ROOT)}")

@pytest.fixture
def cli(sample_folder_template, tmp_path, monkeypatch):
    """`python -m analysis ARGS` on its own data folder, run in this process (tests/commands.py): a new folder as
    the first command leaves it (the sample cycle seeded; a copy of the one seeded once per test process)."""
    from tests import commands

    shutil.copytree(sample_folder_template, tmp_path / "data", dirs_exist_ok=True)
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return commands.run


@pytest.fixture(scope="session")
def sample_folder_template(tmp_path_factory) -> Path:
    """A data folder whose store holds the sample cycle, seeded once per test process."""
    from analysis.store import open_store

    folder = tmp_path_factory.mktemp("sample-folder")
    previous = os.environ.get("PARTNERSTWO_DATA_DIR")
    os.environ["PARTNERSTWO_DATA_DIR"] = str(folder)
    try:
        store = open_store()  # exactly what the dashboard does on a new data folder
        store.engine.dispose()  # the last connection closed: SQLite folds its WAL into the file
    finally:
        if previous is None:
            os.environ.pop("PARTNERSTWO_DATA_DIR", None)
        else:
            os.environ["PARTNERSTWO_DATA_DIR"] = previous
    return folder


@pytest.fixture
def sample_folder(sample_folder_template, tmp_path, monkeypatch) -> Path:
    """PARTNERSTWO_DATA_DIR on a new data folder as the dashboard leaves it when it first opens one
    (the sample cycle seeded, the pseudonym key made): a copy of one seeded folder, not a new seeding.
    It is ``tmp_path / "data"``, the folder the ``cli`` fixture gives the command line (the same copy)."""
    folder = tmp_path / "data"
    shutil.copytree(sample_folder_template, folder, dirs_exist_ok=True)
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(folder))
    return folder


def postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("TEST_DATABASE_URL is not set under CI: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server (set TEST_DATABASE_URL)")
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    """A new, empty store on SQLite and on PostgreSQL (each test runs on both)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    yield from _postgres_database()


@pytest.fixture
def sqlite_url(tmp_path):
    """A new, empty store on SQLite only: for a test whose subject is not the store (what is read back
    from it is the same on both; tests/store/ and the vote run on both)."""
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def postgres_store_url():
    """A new, empty PostgreSQL database, for what only PostgreSQL does."""
    yield from _postgres_database()


def _postgres_database(template: str | None = None):
    """A new PostgreSQL database (a copy of ``template``, a database of this server, when given); dropped after."""
    base = postgres_url()
    schema_db = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    copy_of = f' TEMPLATE "{template}"' if template else ""
    for attempt in range(20):  # another test process may be copying template1 at this moment
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{schema_db}"{copy_of}'))
            break
        except sa.exc.OperationalError:
            if attempt == 19:
                raise
            time.sleep(0.5)
    yield base.rsplit("/", 1)[0] + "/" + schema_db
    # FORCE cannot end an autovacuum worker without pg_signal_backend (.ci/run grants it); one that
    # is busy on the database for a moment is waited out, and a database left behind is only a warning.
    for attempt in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{schema_db}" WITH (FORCE)'))
            break
        except (sa.exc.OperationalError, sa.exc.ProgrammingError) as error:
            if attempt == 19:
                warnings.warn(f"test database {schema_db} left behind: {error}", stacklevel=1)
            time.sleep(0.5)
    admin.dispose()


@pytest.fixture(scope="module")
def shared_postgres_url():
    """A new, empty PostgreSQL database for a whole test module (several servers on one database)."""
    yield from _postgres_database()


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory):
    """``template(kind, backend, fill=None)``: the URL of a store made once per test process, kind and backend
    ("sqlite", "postgresql"), for ``migrated_url``, ``sample_url`` and ``store_copy`` to copy (never opened by a
    test): "migrated", a new store at the program's schema holding nothing; "sample", a new store holding the
    sample cycle (key ``tests.stores.KEY``), as ``open_store`` leaves one; any other kind, a migrated store that
    ``fill(store)`` filled (the first call of a kind gives it)."""
    from analysis.store import open_store
    from tests.stores import KEY

    made: dict[tuple[str, str], str] = {}
    databases = []

    def template(kind: str, backend: str, fill: Callable[[Store], object] | None = None) -> str:
        if (kind, backend) not in made:
            if backend == "sqlite":
                url = f"sqlite:///{tmp_path_factory.mktemp(kind) / 'template.sqlite'}"
            else:
                databases.append(_postgres_database())
                url = next(databases[-1])
            store = open_store(url, key=KEY, seed_sample=kind == "sample")
            if kind not in ("migrated", "sample"):
                assert fill is not None, f"the store template {kind!r} needs a fill"
                fill(store)
            store.engine.dispose()  # no connection left: SQLite folds its WAL into the file, PostgreSQL may copy it
            made[kind, backend] = url
        return made[kind, backend]

    yield template
    for database in databases:
        next(database, None)  # dropped


def _copy_of(template: str, tmp_path: Path):
    """Yield the URL of a new store that is a copy of the store at ``template`` (SQLite: a copied file;
    PostgreSQL: ``CREATE DATABASE ... TEMPLATE``, dropped afterwards)."""
    if template.startswith("sqlite"):
        target = tmp_path / "copy.sqlite"
        shutil.copyfile(sa.engine.make_url(template).database, target)
        yield f"sqlite:///{target}"
        return
    yield from _postgres_database(template=sa.engine.make_url(template).database)


@pytest.fixture
def store_copy(store_templates, tmp_path):
    """``copy(kind, backend, fill=None)``: the URL of a new store, a copy of the template ``kind`` made once per
    test process (``store_templates``), dropped after the test."""
    copies = []

    def copy(kind: str, backend: str, fill: Callable[[Store], object] | None = None) -> str:
        folder = tmp_path / f"store_copy_{len(copies)}"
        folder.mkdir()
        copies.append(_copy_of(store_templates(kind, backend, fill), folder))
        return next(copies[-1])

    yield copy
    for made in copies:
        next(made, None)


@pytest.fixture(scope="session")
def sample_dataset(store_templates):
    """The sample's dataset (2018 and 2019) as a new store holds it, read once per test process (never changed:
    a dataset is read-only, and what is computed of it is kept with it as the program keeps it)."""
    from analysis.store import Store
    from tests.stores import KEY

    store = Store(store_templates("sample", "sqlite"), key=KEY)
    dataset = store.dataset()
    store.engine.dispose()
    return dataset


@pytest.fixture(params=["sqlite", "postgresql"])
def sample_url(request, store_templates, tmp_path):
    """A new store holding the sample cycle (key ``tests.stores.KEY``), as ``open_store`` leaves a new one, on
    SQLite and on PostgreSQL: a copy of one seeded once per test process (``store_templates``)."""
    yield from _copy_of(store_templates("sample", request.param), tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_url(request, store_templates, tmp_path):
    """A new store at the program's schema, holding nothing, on SQLite and on PostgreSQL: a copy of one migrated
    once per test process (``store_templates``; tests/store/test_migrations.py migrates them from nothing)."""
    yield from _copy_of(store_templates("migrated", request.param), tmp_path)
