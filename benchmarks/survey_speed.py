"""Respondents through the real running dashboard: the partners' survey answered, lost, doubled; submit → stored.

    python benchmarks/survey_speed.py [--respondents 100] [--at-once 20] [--browser-phones 2] [--limit 900]

Starts the dashboard on 127.0.0.1 (a free port, a fresh data folder with the sample cycle, the
project's .streamlit/config.toml), opens the survey of the 2018 workshop 5 (Nieporęt, no vote there)
and prints one survey card per respondent (four sectors: the survey's own cards, as the office prints
them). Respondents come in waves of ``--at-once``: each opens its card's address
(``/glosowanie?karta=…&ankieta=1``), answers the 12 statements 1–5 (and every third the open question),
and then the whole wave presses "Wyślij ankietę" at the same moment. ``--browser-phones`` of each wave
are Chromium pages (phone 390×844); the rest are websocket clients (``benchmarks/ws_client.py``) speaking
Streamlit's own protocol to the same server. Every fifth respondent then opens its card again in a new
session and must be told it has answered. Bounded: at most 200 respondents, 40 at once, ``--limit`` s.

Prints: the load average and the server's CPU time; answers stored of respondents who sent, lost (the
phone said "Ankieta wysłana" but the card is not stored), doubled (answers beyond one per card, or a
second answer accepted); the p50/p95 from the press on "Wyślij ankietę" to the answer stored (the card
seen as answered in the store, polled every 0.1 s: the answer and the card's mark are one transaction)
and to the phone showing "Ankieta wysłana". Target: 0 lost, 0 doubled, p95 submit → stored ≤ 1 s.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.serving import (  # noqa: E402 - the project's root on the path first
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    Wave,
    cpu_seconds,
    free_port,
    fresh_store,
    in_waves,
    load,
    served,
    spread,
    waves_asked,
)

SECTORS = ("local_government", "business", "education", "ngo")
CYCLE, WORKSHOP = "2018", 5
POLL = 0.1  # seconds between the store's looks at the cards answered


def prepare(respondents: int):
    """The store, the survey opened at workshop 5 (no vote there) and its own cards, one per respondent."""
    from analysis.store import open_store
    from analysis.survey.box import Surveys

    store = open_store()
    surveys = Surveys(store)
    survey = surveys.open(CYCLE, WORKSHOP)
    cards = []
    for i, sector in enumerate(SECTORS):
        count = respondents // len(SECTORS) + (1 if i < respondents % len(SECTORS) else 0)
        if count:
            cards += surveys.issue_cards(survey.id, sector, count)
    return surveys, survey, cards


@dataclass
class Respondents:
    """Phones answering the survey with their cards on the real server: what each did and when (by card hash)."""

    url: str
    rng: random.Random = field(default_factory=lambda: random.Random(11))
    sent: dict[str, float] = field(default_factory=dict)  # card hash -> epoch of the press on "Wyślij ankietę"
    thanked: dict[str, float] = field(default_factory=dict)  # card hash -> when the phone showed "Ankieta wysłana"
    stored: dict[str, float] = field(default_factory=dict)  # card hash -> when the store first showed it answered
    in_browser: set[str] = field(default_factory=set)
    second_tried: int = 0  # every fifth respondent opens its card again, in a new session...
    second_refused: int = 0  # ...and must be told it has answered
    done: int = 0
    errors: list[str] = field(default_factory=list)

    def address(self, token: str) -> str:
        from analysis.survey.box import card_survey_url

        return card_survey_url(self.url, token)

    async def light(self, token: str, wave: Wave) -> None:
        """A phone as a websocket client: open the card's survey, answer, then "Wyślij ankietę" with the wave."""
        from analysis.survey.box import SURVEY_PARAMETER
        from analysis.voting import codes
        from benchmarks.ws_client import Session

        key = codes.token_hash(token)
        query = f"{codes.TOKEN_PARAMETER}={token}&{SURVEY_PARAMETER}=1"
        session = Session(self.url, "glosowanie", query)
        try:
            await session.open()
            page = await session.settled(180)
            radios = [w for w in page.widgets if w.kind == "radio"]
            if len(radios) != 12:
                raise RuntimeError(f"the survey shows {len(radios)} statements, not 12")
            for radio in radios:
                session.put(radio, radio.options[self.rng.randint(0, 4)])
            if self.rng.random() < 1 / 3:
                area = next(w for w in page.widgets if w.kind == "text_area")
                session.put(area, "Więcej spotkań w mniejszych gminach.")
            send = page.button("Wyślij ankietę")
            if send is None:
                raise RuntimeError("no 'Wyślij ankietę' button")
            wave.arrive(key)
            await wave.go.wait()
            self.sent[key] = time.time()
            await session.click(send)
            self.thanked[key] = await session.wait_for_text("Ankieta wysłana", 120)
            await session.settled(120)
            await session.close()
            self.done += 1
            if self.done % 5 == 0:  # every fifth: the same card again, in another session
                self.second_tried += 1
                again = Session(self.url, "glosowanie", query)
                await again.open()
                page = await again.settled(120)
                await again.close()
                if page.shows("Ta karta już wypełniła ankietę") and not any(w.kind == "radio" for w in page.widgets):
                    self.second_refused += 1
        except Exception as exc:  # noqa: BLE001 - counted and printed, the run goes on
            self.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
            wave.arrive(key)
        finally:
            await session.close()

    async def browser(self, context, token: str, wave: Wave) -> None:
        """A phone as a Chromium page (390×844): the same steps, clicked in the real frontend."""
        from analysis.voting import codes

        key = codes.token_hash(token)
        self.in_browser.add(key)
        page = await context.new_page()
        try:
            await page.goto(self.address(token), timeout=180_000)
            groups = page.locator("[data-testid='stRadio']")
            await groups.first.wait_for(timeout=180_000)
            for i in range(await groups.count()):
                await groups.nth(i).locator("[role=radiogroup] label").nth(self.rng.randint(0, 4)).click()
            send = page.get_by_role("button", name="Wyślij ankietę")
            await send.wait_for(timeout=120_000)
            wave.arrive(key)
            button = await send.element_handle()
            await wave.go.wait()
            self.sent[key] = time.time()
            await button.evaluate("b => b.click()")
            await page.get_by_text("Ankieta wysłana").wait_for(timeout=120_000)
            self.thanked[key] = time.time()
            self.done += 1
            if self.done % 5 == 0:
                self.second_tried += 1
                await page.goto(self.address(token), timeout=180_000)  # a reload: a new session
                await page.get_by_text("Ta karta już wypełniła ankietę").wait_for(timeout=120_000)
                self.second_refused += 1
        except Exception as exc:  # noqa: BLE001 - counted and printed, the run goes on
            self.errors.append(f"{type(exc).__name__} (Chromium): {str(exc).splitlines()[0][:120]}")
            wave.arrive(key)
        finally:
            await page.close()

    async def watch_store(self, engine, survey_id: str, stop: asyncio.Event) -> None:
        """Every ``POLL`` s, the cards the store has marked answered: when each was first seen."""
        import sqlalchemy as sa

        from analysis.store.schema import survey_cards_answered_table as t

        def answered() -> list[str]:
            with engine.connect() as conn:
                return list(conn.execute(sa.select(t.c.card).where(t.c.survey_id == survey_id)).scalars())

        while not stop.is_set():
            cards = await asyncio.to_thread(answered)
            now = time.time()
            for card in cards:
                self.stored.setdefault(card, now)
            try:
                await asyncio.wait_for(stop.wait(), POLL)
            except TimeoutError:
                pass

    async def answer(self, tokens: list[str], phones: list, at_once: int, deadline: float) -> None:
        await in_waves(tokens, phones, at_once, deadline, self.browser, self.light, self.errors, "respondents")


async def run(respondents: int, at_once: int, limit: float, browser_phones: int) -> int:
    from playwright.async_api import async_playwright

    from analysis.voting import codes

    with fresh_store("partnerstwo-survey-bench-"):
        surveys, survey, cards = prepare(respondents)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        started = time.monotonic()
        load_before = load()
        people = Respondents(url)
        stop = asyncio.Event()
        cpu_start = 0.0
        with served(port) as server:
            try:
                cpu_start = cpu_seconds(server.pid)
                watcher = asyncio.create_task(people.watch_store(surveys.store.engine, survey.id, stop))
                async with async_playwright() as playwright:
                    browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS) \
                        if browser_phones else None
                    phones = [await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
                              for _ in range(browser_phones)] if browser is not None else []
                    await people.answer([c.token for c in cards], phones, at_once, started + limit)
                    await asyncio.sleep(2 * POLL)  # the store's last look
                    stop.set()
                    await watcher
                    for context in phones:
                        await context.close()
                    if browser is not None:
                        await browser.close()
            finally:
                cpu = cpu_seconds(server.pid) - cpu_start
        elapsed = time.monotonic() - started
        answers = surveys.answers(survey.id)
        marked = {k for k in (codes.token_hash(c.token) for c in cards)
                  if surveys.card(codes.Secret("token", k)).answered}
        sent, thanked, stored = people.sent, people.thanked, people.stored
        lost = [k for k in thanked if k not in marked]
        doubled = len(answers) - len(marked) + (people.second_tried - people.second_refused)
        to_store = [stored[k] - sent[k] for k in sent if k in stored]
        to_phone = [thanked[k] - sent[k] for k in sent if k in thanked]
        in_chromium = [thanked[k] - sent[k] for k in sent if k in thanked and k in people.in_browser]
        result = surveys.result(surveys.get(survey.id))
        surveys.store.engine.dispose()

    print(f"respondents: {len(cards)}, at once: {at_once} ({browser_phones} of each wave in Chromium, "
          f"the rest websocket clients), elapsed: {elapsed:.0f} s")
    print(f"load average before: {load_before}, after: {load()} (2 cores: {os.cpu_count()} CPUs seen); "
          f"server CPU during the run: {cpu:.1f} s ({100 * cpu / max(elapsed, 1e-9):.0f}% of one core)")
    print(f"answered: {len(answers)} stored of {len(sent)} sent ({len(thanked)} shown 'Ankieta wysłana'); "
          f"respondents in the result: {result.overall.respondents}")
    print(f"lost: {len(lost)}  doubled: {doubled}  (second tries refused: {people.second_refused} of "
          f"{people.second_tried})")
    print(f"submit -> stored (polled every {POLL:.1f} s): {spread(to_store)}")
    print(f"submit -> 'Ankieta wysłana':      {spread(to_phone)}")
    print(f"submit -> 'Ankieta wysłana' (Chromium phones only): {spread(in_chromium)}")
    for error in people.errors[:10]:
        print(f"error: {error}")
    ok = not lost and doubled == 0 and len(answers) == len(sent) and not people.errors
    return 0 if ok else 1


def main() -> int:
    asked = waves_asked(__doc__.splitlines()[0], "respondents", "browser-phones", "answer")
    return asyncio.run(run(asked.people, asked.at_once, asked.limit, asked.in_browsers))


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        code = main()
    sys.exit(code)
