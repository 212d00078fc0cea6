"""The hall through the real running dashboard: people check in at the door, then vote with the cards given; the desk.

    python benchmarks/hall_speed.py [--people 150] [--at-once 30] [--browser-phones 2] [--desk 5] [--limit 900]
                                    [--postgres [URL]]

For each store (SQLite; then PostgreSQL with ``--postgres``, a new database on the server it names, by
default ``TEST_DATABASE_URL``) it starts the dashboard on 127.0.0.1 (a free port, a fresh data folder,
the project's .streamlit/config.toml) as ``vote_speed.py`` does. A new store starts with the sample
cycle; the office then imports the 2018 cycle's spreadsheets (the sample's files) as its own lists —
which removes the sample, as the first real import does, since a check-in opens only for a real
workshop — opens the check-in of workshop 4 (Legionowo) through the domain (``CheckIns.open``) and
prepares the vote on Jabłonna's 15 proposals for that workshop. A projector (Chromium, 1280×720) shows
``/glosowanie?rzutnik=1``: the check-in's live count above the vote.

People come in waves of ``--at-once`` and check in on their phones at ``/rejestracja?wejscie=<id>``
(the poster's QR code): ``--browser-phones`` of each wave are Chromium pages (390×844), the rest
websocket clients (``benchmarks/ws_client.py``) sending what the frontend sends, a script run per
field as on a phone: the name, the institution (a known one brings its sector and gmina), for a new
institution its sector and gmina, the consent — then the whole wave presses "Zarejestruj się" at one
moment. Three in five are returning people (names on the 2018 lists, typed as they are there; the
store knows them by the keyed pseudonym of the folded name), the rest new, one in three of them from
a new institution. One in ten taps twice, one in ten loses the connection at the moment it submits
and sends the form again from a new session: one row each (the second form told "already on the list"
when the first reached the server).

Measured: submit → stored (the store polled every 50 ms for the person's pseudonym) and submit → the
projector's count reaching the person's place in the order the rows were stored; lost (submitted,
never stored), doubled (rows beyond one per person), returning people recognised ("Witamy ponownie").

Then the vote, as the hall goes on: the office opens the vote prepared for the workshop (``Votes.open``) and
the phones vote with the ballot cards they were given at check-in — the token of each phone's card read from
its answer (a websocket client: the link to its card in what the server sent; a Chromium phone: the link on
its page), one card per person, none for a person whose answer (and card) went with a dropped connection —
through ``vote_speed.Voters(url).vote(tokens, phones, at_once, deadline)``: the same waves of ``--at-once``,
the same Chromium phones, every fifth card opened again and refused, while the projector shows both the
check-in's count and the vote's turnout. Measured as ``vote_speed.py`` measures it: ballots cast, lost,
double-counted, confirm → "Głos oddany" (the ballot is stored before the phone is answered) and → the
projector's turnout.

Last, the desk (``/rejestracja``, Chromium 1280×720): ``--desk`` returning people typed at 5 characters
a second, keyboard only — the name, Enter (the page says "Witamy ponownie" and fills in the institution of
their latest workshop), Enter — each with its keystrokes, seconds of typing and seconds until the page says
"Zarejestrowano" with the form emptied for the next person.

Targets (2-core machine): check-in lost and doubled 0, p95 submit → stored ≤ 1 s, → projector ≤ 2 s; the
vote's own (``vote_speed.py``): lost and double-counted 0, p95 confirm → "Głos oddany" ≤ 2 s, → projector
≤ 2 s; a returning person at the desk in ≤ 6 s of typing. Each printed with its verdict. Bounded: at most 300
people, 40 at once, 20 at the desk, ``--limit`` seconds per store for the check-in and the vote together.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import os
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.serving import (  # noqa: E402 - the project's root on the path first
    CHROMIUM,
    CHROMIUM_ARGS,
    DESK,
    PHONE,
    ProjectorWatch,
    Wave,
    cpu_seconds,
    free_port,
    fresh_store,
    load,
    percentile,
    served,
    spread,
)
from benchmarks.vote_speed import TURNOUT, Cast, Voters, vote_on_jablonna  # noqa: E402

CYCLE, WORKSHOP = "2018", 4  # Legionowo, 8 October 2018: the vote on Jabłonna's proposals
COUNT = ("() => { const e = document.querySelector(\"[data-testid='checkin-count']\");"
         " return e ? parseInt(e.innerText.replace(/\\s/g, ''), 10) : null; }")
ANSWERS = ("Zarejestrowano", "Jesteś już na liście")  # the phone's answer: stored now, or before
ALREADY = ANSWERS[1]
CARD_LINK = "Otwórz moją kartę do głosowania"  # the phone's answer: the link to its ballot card
TYPING = 0.2  # seconds per keystroke at the desk: 5 characters a second
FIRST_NAMES = ("Aleksandra", "Bartosz", "Celina", "Damian", "Edyta", "Filip", "Grażyna", "Hubert", "Iwona", "Jarosław",
               "Kinga", "Leszek", "Monika", "Norbert", "Olga", "Przemysław", "Renata", "Sławomir", "Teresa", "Wiesław")
SURNAMES = ("Adamczyk", "Borkowski", "Cieślak", "Dziedzic", "Fijałkowski", "Gajewski", "Hryniewicz", "Jaworski",
            "Kołodziej", "Lis", "Maciejewski", "Nawrocki", "Orzechowski", "Pawlak", "Rutkowski", "Sobczak", "Tomczyk",
            "Urbański", "Wróbel", "Zieliński")
NEW_INSTITUTIONS = (("Fundacja Nowe Horyzonty", "ngo", "nieporet"), ("Pracownia Stolarska Dąb", "business", "serock"),
                    ("Stowarzyszenie Razem dla Wieliszewa", "ngo", "wieliszew"),
                    ("Przedszkole Niepubliczne Słoneczko", "education", "jablonna"),
                    ("Biuro Rachunkowe Saldo", "business", "legionowo"), ("Klub Seniora Pogodna Jesień", "other", "outside"))


@dataclass
class Person:
    """One person at the door: who, from where, how they check in, and what happened."""

    name: str
    institution: str  # as the form is given it (a known one: as the partnership writes it)
    sector: str | None  # chosen on the form: only for a new institution
    gmina: str | None
    returning: bool
    retry: str = ""  # "" | "double tap" | "reconnect"
    in_browser: bool = False
    submitted: float | None = None  # epoch of the (first) press of "Zarejestruj się"
    answered: float | None = None  # when the phone showed its answer
    welcomed: bool = False  # "Witamy ponownie"
    again_told: bool = False  # a reconnect's second answer: "already on the list"
    token: str | None = None  # the ballot card's token the phone was given with its answer


@dataclass
class Door:
    """The check-in's run on one store: the people, what the store and the projector showed, errors."""

    url: str
    checkin_id: str
    people: list[Person] = field(default_factory=list)
    stored_at: dict[str, float] = field(default_factory=dict)  # pseudonym -> epoch first seen in the store
    errors: list[str] = field(default_factory=list)


def crowd(count: int, known: dict[str, str], rng: random.Random) -> list[Person]:
    """``count`` people: three in five returning (names of the 2018 lists), the rest new, one in three of them from a
    new institution; one in ten taps twice, one in ten reconnects."""
    from analysis.folding import fold

    returning_names = list(known)
    rng.shuffle(returning_names)
    institutions = sorted(set(known.values()))
    taken = {fold(name) for name in known}
    new_names = [f"{first} {last}" for first, last in itertools.product(FIRST_NAMES, SURNAMES)
                 if fold(f"{first} {last}") not in taken]
    rng.shuffle(new_names)
    people = []
    for i in range(count):
        if i % 5 < 3 and returning_names:
            name = returning_names.pop()
            people.append(Person(name, known[name], None, None, True))
        elif i % 3 == 0:
            institution, sector, gmina = NEW_INSTITUTIONS[i % len(NEW_INSTITUTIONS)]
            people.append(Person(new_names.pop(), institution, sector, gmina, False))
        else:
            people.append(Person(new_names.pop(), rng.choice(institutions), None, None, False))
        people[-1].retry = {3: "double tap", 8: "reconnect"}.get(i % 10, "")
    return people


def prepare(port: int):
    """The office's store: the 2018 lists imported as its own, workshop 4's check-in open, its vote prepared; with
    the people of those lists (name -> their institution as the partnership writes it)."""
    from analysis.checkin import CheckIns
    from analysis.folding import fold
    from analysis.reading import read_paths
    from analysis.sample import sample_paths
    from analysis.store import Upload, open_store

    store = open_store()
    results = read_paths([str(p) for p in sample_paths()], calendar=store.calendar(), places=store.localities())
    store.import_uploads([Upload(r.file, r.content_hash, r) for r in results])
    checkins = CheckIns(store)
    checkin = checkins.open(CYCLE, WORKSHOP, "Administratorem danych jest Starostwo Powiatowe w Legionowie.",
                            dt.date.today() + dt.timedelta(days=30))
    votes, vote = vote_on_jablonna(store, port)
    suggestions = checkins.institutions()
    known = {}
    for result in results:
        for table in result.tables:
            if "person" in table.frame:
                for name, institution in zip(table.frame["person"], table.frame["institution"], strict=True):
                    found = suggestions.get(fold(institution)) if isinstance(institution, str) else None
                    if found is not None:
                        known.setdefault(str(name), found.institution)
    return store, checkins, checkin, known, votes, vote


def card_token(query: str | None) -> str | None:
    """The card's token in the query string of a link to it (``karta=…``); None: no link, no token."""
    from urllib.parse import parse_qs

    from analysis.voting import codes

    return parse_qs(query or "").get(codes.TOKEN_PARAMETER, [None])[0]


def poll(store, checkin_id: str, door: Door, stop: threading.Event) -> None:
    """Every 50 ms: the people the store holds, each with the moment it was first seen."""
    while not stop.is_set():
        rows = store.checked_in(checkin_id)
        now = time.time()
        for row in rows:
            door.stored_at.setdefault(row.person, now)
        stop.wait(0.05)


async def phone_client(door: Door, person: Person, wave: Wave) -> None:
    """A phone as a websocket client: a script run per field, the wave's press, the answer; a retry's second try."""
    from benchmarks.ws_client import Session

    query = f"wejscie={door.checkin_id}"
    session = Session(door.url, "rejestracja", query)
    ready = False
    try:
        page = await fill(session, person)
        submit = page.button("Zarejestruj się")
        if submit is None:
            raise RuntimeError("no 'Zarejestruj się' on the phone's form")
        ready = True
        wave.arrive(person.name)
        await wave.go.wait()
        person.submitted = time.time()
        await session.click(submit)
        if person.retry == "double tap":
            await session.click(submit)
        elif person.retry == "reconnect":  # the network drops as the form goes: the answer never arrives
            await session.close()
            again = Session(door.url, "rejestracja", query)
            try:
                page = await fill(again, person)
                sent_again = time.time()
                await again.click(page.button("Zarejestruj się"))
                person.answered = await again.wait_for_text(ANSWERS, 120)
                page = await again.settled(120)
                person.again_told = page.shows(ALREADY)
                person.token = card_token(page.link(CARD_LINK))  # none when the lost answer held the card
                if not person.again_told:  # the first form never reached the server: this one stored the row
                    person.submitted = sent_again
            finally:
                await again.close()
            return
        person.answered = await session.wait_for_text(ANSWERS, 120)
        page = await session.settled(120)
        person.welcomed = page.shows("Witamy ponownie")
        person.token = card_token(page.link(CARD_LINK))
    except Exception as exc:  # noqa: BLE001 - counted and printed, the run goes on
        door.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
    finally:
        if not ready:
            wave.arrive(person.name)
        await session.close()


async def fill(session, person: Person):
    """Open the form and fill it in as a phone does (each field sent when it is left); the page then."""
    from analysis.vocabulary import GMINA_LABELS, SECTOR_LABELS

    await session.open()
    page = await session.settled(180)
    for label, value in (("Imię i nazwisko", person.name), ("Instytucja", person.institution),
                         ("Sektor", SECTOR_LABELS.get(person.sector or "")),
                         ("Gmina", GMINA_LABELS.get(person.gmina or ""))):
        if value is None:
            continue
        widget = page.widget(label)
        if widget is None:
            raise RuntimeError(f"no field {label!r} on the phone's form")
        await session.set(widget, value)
        page = await session.settled(120)
    await session.check(page.widget("Zapoznałam/-em się"))
    return await session.settled(120)


async def phone_browser(door: Door, context, person: Person, wave: Wave) -> None:
    """A phone as a Chromium page (390×844): the same form filled in the real frontend (a known institution)."""
    person.in_browser = True
    page = await context.new_page()
    ready = False
    try:
        await page.goto(f"{door.url}/rejestracja?wejscie={door.checkin_id}", timeout=180_000)
        name = page.get_by_label("Imię i nazwisko")
        await name.wait_for(timeout=180_000)
        await name.fill(person.name)
        await name.press("Tab")
        await page.get_by_role("combobox", name="Instytucja").click()
        await page.keyboard.type(person.institution)
        await page.get_by_role("option", name=person.institution, exact=True).click()
        await page.wait_for_function("document.querySelector('.st-key-phone_gmina input').value !== ''",
                                     timeout=120_000)  # the known institution's sector and gmina, filled in
        await page.locator(".st-key-phone_consent label").click()
        await page.wait_for_function("document.querySelector('.st-key-phone_consent input').checked",
                                     timeout=120_000)
        submit = await page.get_by_role("button", name="Zarejestruj się").element_handle()
        ready = True
        wave.arrive(person.name)
        await wave.go.wait()
        person.submitted = time.time()
        await submit.evaluate("b => b.click()")  # the tap itself, without Playwright's checks
        await page.get_by_text("Zarejestrowano.").or_(page.get_by_text("Jesteś już na liście")).wait_for(
            timeout=120_000)
        person.answered = time.time()
        person.welcomed = await page.get_by_text("Witamy ponownie").count() > 0
        link = page.get_by_role("link", name=CARD_LINK)
        await link.or_(page.get_by_text("Karty do głosowania nie wydano")).or_(
            page.get_by_text("ta osoba dostała już kartę")).first.wait_for(timeout=120_000)
        if await link.count():
            href = await link.get_attribute("href") or ""
            person.token = card_token(href.split("?", 1)[-1])
    except Exception as exc:  # noqa: BLE001 - counted and printed, the run goes on
        door.errors.append(f"{type(exc).__name__} (Chromium): {str(exc).splitlines()[0][:120]}")
    finally:
        if not ready:
            wave.arrive(person.name)
        await page.close()


async def check_in_wave(door: Door, people: list[Person], phones: list, deadline: float) -> None:
    """One wave: the first of it on the Chromium ``phones`` (people of a known institution), the rest as websocket
    clients; all press "Zarejestruj się" at one moment."""
    wave = Wave(len(people))
    in_browser = [p for p in people if p.sector is None and not p.retry][:len(phones)]
    tasks = [asyncio.create_task(phone_browser(door, phones[in_browser.index(p)], p, wave) if p in in_browser
                                 else phone_client(door, p, wave)) for p in people]
    await wave.press(deadline - time.monotonic(), door.errors)
    await asyncio.gather(*tasks)


NAME_FIELD = "document.activeElement && document.activeElement.getAttribute('aria-label') || ''"
FILLED_IN = ("() => { const box = document.querySelector(\"input[aria-label^='Instytucja']\");"
             " return box && box.value !== '' && Array.from(document.querySelectorAll(\"[data-testid='stAlert']\"))"
             ".some(a => a.innerText.includes('Witamy ponownie')); }")
DESK_DONE = ("() => { const name = document.querySelector(\"input[aria-label^='Imię i nazwisko']\");"
             " return name && name.value === '' && Array.from(document.querySelectorAll(\"[data-testid='stAlert']\"))"
             ".some(a => a.innerText.includes('Zarejestrowano')); }")


async def desk(url: str, browser, people: list[Person], errors: list[str]) -> list[tuple[str, int, float, float]]:
    """The desk's page at 1280×720, keyboard only, typed at 5 characters a second: per person the keystrokes, the
    seconds of typing, and the seconds from the first key to the form emptied under "Zarejestrowano". A returning
    person's keys: the name (the cursor is in its field: put there for the first person, kept there after each),
    Enter — the page says "Witamy ponownie" and fills in the institution of their latest workshop — and Enter."""
    page = await browser.new_page(viewport=DESK)
    timings = []
    try:
        await page.goto(f"{url}/rejestracja", timeout=180_000)
        name_field = page.locator("input[aria-label^='Imię i nazwisko']")
        await name_field.wait_for(timeout=180_000)
        await name_field.click()  # the desk's cursor in the first field
        for person in people:
            keys, started = 0, time.monotonic()

            async def press(key: str) -> None:
                """One keystroke: a named key (Enter, Tab…) or a character typed."""
                nonlocal keys
                await (page.keyboard.press(key) if len(key) > 1 else page.keyboard.type(key))
                keys += 1
                await asyncio.sleep(TYPING)

            if not (await page.evaluate(NAME_FIELD)).startswith("Imię i nazwisko"):
                raise RuntimeError("the cursor is not in the name's field for the next person")
            for char in person.name:
                await press(char)
            await press("Enter")
            await page.wait_for_function(FILLED_IN, timeout=120_000)  # what the desk reads before the next Enter
            await press("Enter")
            await page.wait_for_function(DESK_DONE, timeout=120_000)
            timings.append((person.name, keys, keys * TYPING, time.monotonic() - started))
    except Exception as exc:  # noqa: BLE001 - said, with what the desk saw, and the run goes on
        shot = Path(tempfile.gettempdir()) / "hall_speed_desk.png"
        await page.screenshot(path=str(shot))
        errors.append(f"the desk: {type(exc).__name__}: {str(exc).splitlines()[0][:120]} (the page: {shot})")
    finally:
        await page.close()
    return timings


@dataclass
class Ballots:
    """The vote's run after the check-in: the cards the phones were given, how they voted, what the store holds."""

    tokens: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    cpu: float = 0.0
    cast: Cast | None = None
    shown: tuple[int | None, int | None] = (None, None)  # the projector at the end: checked in, ballots cast
    errors: list[str] = field(default_factory=list)


async def vote_phase(url: str, votes, vote, tokens: list[str], projector, phones: list, at_once: int,
                     deadline: float, server_pid: int) -> Ballots:
    """The office opens the vote; the phones vote with the cards they were given at check-in, in waves of
    ``at_once``, while the projector (still showing the check-in's count) shows the turnout."""
    ballots = Ballots(tokens)
    votes.open(vote.id)
    started = time.monotonic()
    cpu_start = cpu_seconds(server_pid)
    await projector.wait_for_function(f"({TURNOUT})() !== null", timeout=120_000)
    watch = ProjectorWatch(projector, TURNOUT)
    watch.start()
    voting = Voters(url)
    await voting.vote(tokens, phones, at_once, deadline)
    await asyncio.sleep(3)  # the projector's last refresh
    await watch.stop()
    ballots.elapsed, ballots.cpu = time.monotonic() - started, cpu_seconds(server_pid) - cpu_start
    ballots.shown = (await projector.evaluate(COUNT), await projector.evaluate(TURNOUT))
    ballots.cast = voting.cast(votes, vote.id, tokens, watch)
    ballots.errors = voting.errors
    return ballots


def verdict(values: list[float], target: float) -> str:
    """"p95 1.234 s (target ≤ 2 s: OK)" of durations."""
    if not values:
        return f"p95 none (target ≤ {target:g} s: NOT MEASURED)"
    p95 = percentile(values, .95)
    return f"p95 {p95:.3f} s (target ≤ {target:g} s: {'OK' if p95 <= target else 'MISSED'})"


async def one_store(postgres: str, count: int, at_once: int, browser_phones: int, desk_people: int,
                    limit: float) -> tuple[bool, list[str]]:
    """The whole run on one store; whether the targets of correctness were met, and the lines to print."""
    from playwright.async_api import async_playwright

    from analysis import privacy

    rng = random.Random(21)
    with fresh_store("partnerstwo-hall-bench-", postgres) as backend:
        port = free_port()
        store, checkins, checkin, known, votes, vote = prepare(port)
        url = f"http://127.0.0.1:{port}"
        people = crowd(count + desk_people, known, rng)
        at_desk = [p for p in people if p.returning and not p.retry][-desk_people:] if desk_people else []
        phones_people = [p for p in people if p not in at_desk][:count]
        door = Door(url, checkin.id, phones_people)
        key = store.seal_key()
        assert key is not None
        person_of = {p.name: privacy.pseudonyms(key, [p.name])[0] for p in people}
        started = time.monotonic()
        load_before = load()
        stop = threading.Event()
        poller = threading.Thread(target=poll, args=(store, checkin.id, door, stop), daemon=True)
        cpu_start = cpu = 0.0
        timings: list[tuple[str, int, float, float]] = []
        ballots = Ballots()
        with served(port) as server:
            try:
                async with async_playwright() as playwright:
                    browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    projector = await browser.new_page(viewport=DESK)
                    await projector.goto(f"{url}/glosowanie?rzutnik=1")
                    await projector.wait_for_selector("[data-testid='checkin-count']", timeout=120_000)
                    phones = [await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
                              for _ in range(browser_phones)]
                    watch = ProjectorWatch(projector, COUNT)
                    watch.start()
                    poller.start()
                    cpu_start = cpu_seconds(server.pid)
                    deadline = started + limit
                    for start in range(0, len(phones_people), at_once):
                        if time.monotonic() > deadline:
                            door.errors.append(f"time limit of {limit:.0f} s reached: stopped after {start} people")
                            break
                        await check_in_wave(door, phones_people[start:start + at_once], phones, deadline)
                    await asyncio.sleep(3)  # the projector's last refresh
                    cpu = cpu_seconds(server.pid) - cpu_start
                    checkin_elapsed = time.monotonic() - started
                    await watch.stop()
                    stop.set()
                    tokens = [p.token for p in phones_people if p.token is not None]
                    if time.monotonic() < deadline:
                        ballots = await vote_phase(url, votes, vote, tokens, projector, phones, at_once, deadline,
                                                   server.pid)
                    else:
                        door.errors.append("time limit reached: no vote")
                    for context in phones:
                        await context.close()
                    if at_desk and time.monotonic() < deadline:
                        timings = await desk(url, browser, at_desk, door.errors)
                    await browser.close()
            finally:
                stop.set()
                poller.join(timeout=5)
        rows = checkins.people(checkin.id)
        stored = {r.person for r in store.checked_in(checkin.id)}
        store.engine.dispose()

    submitted = [p for p in phones_people if p.submitted is not None]
    lost = [p for p in submitted if person_of[p.name] not in stored]
    expected = {person_of[p.name] for p in submitted} | {person_of[p.name] for p in at_desk[:len(timings)]}
    doubled = len(rows) - len(stored) + len(stored - expected)
    to_store = [door.stored_at[person_of[p.name]] - p.submitted for p in submitted if person_of[p.name] in door.stored_at]
    order = sorted((p for p in submitted if person_of[p.name] in door.stored_at),
                   key=lambda p: door.stored_at[person_of[p.name]])
    to_projector = [at - p.submitted for place, p in enumerate(order, start=1)
                    if (at := watch.reached(place)) is not None]
    to_answer = [p.answered - p.submitted for p in submitted if p.answered is not None]
    retried = [p for p in submitted if p.retry]
    returning = [p for p in submitted if p.returning and p.retry != "reconnect"]
    no_card = [p for p in submitted if p.token is None]
    lost_with_answer = sum(p.retry == "reconnect" and p.again_told for p in no_card)
    lines = [
        f"store: {backend}; people: {len(phones_people)} on phones, {at_once} at once ({browser_phones} of each wave in "
        f"Chromium, the rest websocket clients), {len(at_desk)} at the desk; check-in phase {checkin_elapsed:.0f} s",
        f"load average before: {load_before}, after: {load()} ({os.cpu_count()} CPUs); server CPU during check-in: "
        f"{cpu:.1f} s ({100 * cpu / max(checkin_elapsed, 1e-9):.0f}% of one core)",
        "CHECK-IN",
        f"checked in: {len(rows)} rows ({len(submitted)} submitted on phones, {len(timings)} at the desk)  "
        f"lost: {len(lost)}  doubled: {doubled}",
        f"retries: {sum(p.retry == 'double tap' for p in retried)} double taps, "
        f"{sum(p.retry == 'reconnect' for p in retried)} reconnects (the second form answered 'already on the list': "
        f"{sum(p.again_told for p in retried if p.retry == 'reconnect')}; the rest: the first never arrived)",
        f"returning people welcomed back: {sum(p.welcomed for p in returning)} of {len(returning)}",
        f"submit -> stored:       {spread(to_store)}",
        f"submit -> projector:    {spread(to_projector)}",
        f"submit -> phone answer: {spread(to_answer)}",
        f"ballot cards on the phones' answers: {len(submitted) - len(no_card)} of {len(submitted)} (without: "
        f"{lost_with_answer} whose card went with the answer lost to the dropped connection — the desk's printed card "
        f"is theirs; {len(no_card) - lost_with_answer} other)",
        "VOTE (the cards given at check-in, through the same server, the projector showing both)",
    ]
    cast = ballots.cast
    if cast is not None:
        lines += [f"voters: {len(ballots.tokens)}, {at_once} at once ({browser_phones} of each wave in Chromium, the rest "
                  f"websocket clients); vote phase {ballots.elapsed:.0f} s; server CPU: {ballots.cpu:.1f} s "
                  f"({100 * ballots.cpu / max(ballots.elapsed, 1e-9):.0f}% of one core)",
                  *cast.lines(),
                  f"the projector at the end: {ballots.shown[0]} checked in (stored from phones: "
                  f"{len(stored & {person_of[p.name] for p in submitted})}), "
                  f"{ballots.shown[1]} ballots cast (stored: {cast.ballots})"]
    else:
        lines.append("no vote")
    lines += [
        "TARGETS",
        f"check-in: lost {len(lost)}, doubled {doubled} (target 0); submit -> stored {verdict(to_store, 1)}; "
        f"submit -> projector {verdict(to_projector, 2)}",
    ]
    if cast is not None:
        lines.append(f"vote: lost {cast.lost}, double-counted {cast.double} (target 0); confirm -> 'Głos oddany' "
                     f"(stored first) {verdict(cast.to_phone, 2)}; confirm -> projector {verdict(cast.to_projector, 2)}")
    for name, keys, typing, done in timings:
        lines.append(f"desk, returning person ({len(name)} letters of name): {keys} keystrokes = {typing:.1f} s of "
                     f"typing (target ≤ 6 s: {'OK' if typing <= 6 else 'MISSED'}), {done:.1f} s to 'Zarejestrowano'")
    errors = door.errors + [f"vote: {e}" for e in ballots.errors]
    lines += [f"error: {error}" for error in errors[:10]]
    ok = (not lost and doubled == 0 and not errors and len(submitted) == len(phones_people)
          and cast is not None and cast.ok)
    return ok, lines


async def run(args: argparse.Namespace) -> int:
    ok = True
    for postgres in ["", *([args.postgres] if args.postgres else [])]:
        done, lines = await one_store(postgres, args.people, args.at_once, args.browser_phones, args.desk, args.limit)
        ok = ok and done
        print("\n".join(lines))
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=150, help="people checking in on phones")
    parser.add_argument("--at-once", type=int, default=30)
    parser.add_argument("--browser-phones", type=int, default=2,
                        help="how many of each wave check in from a Chromium page (the rest: websocket clients)")
    parser.add_argument("--desk", type=int, default=5, help="returning people typed in at the desk")
    parser.add_argument("--limit", type=float, default=900.0, help="seconds per store")
    parser.add_argument("--postgres", nargs="?", const=os.environ.get("TEST_DATABASE_URL", ""), default=None,
                        help="also on PostgreSQL: a new database on this server (default: TEST_DATABASE_URL)")
    args = parser.parse_args()
    if args.postgres == "":
        parser.error("--postgres: give the server's URL (postgresql://user:password@host/db) or set TEST_DATABASE_URL")
    args.people = max(1, min(args.people, 300))
    args.at_once = max(1, min(args.at_once, 40, args.people))
    args.browser_phones = max(0, min(args.browser_phones, args.at_once))
    args.desk = max(0, min(args.desk, 20))
    args.limit = min(args.limit, 1800.0)
    return asyncio.run(run(args))


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        code = main()
    sys.exit(code)
