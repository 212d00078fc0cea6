"""Voters through the real running dashboard: ballots cast, lost, double-counted; confirm → stored → projector.

    python benchmarks/vote_speed.py [--voters 100] [--at-once 20] [--browser-voters 2] [--limit 900]

Starts the dashboard on 127.0.0.1 (a free port, a fresh data folder with the sample cycle, the
project's .streamlit/config.toml), prepares a vote on the 15 proposals of Jabłonna with one card per
voter (four sectors), opens it and a projector page in Chromium (1280×720). Voters come in waves of
``--at-once``: each opens its card's URL, ticks one to three proposals (a script run each, as on a
phone), presses "Dalej", and then the whole wave presses "Potwierdzam i oddaję głos" at the same
moment. ``--browser-voters`` of each wave are Chromium pages (phone 390×844, Debian's Chromium via
Playwright); the rest are websocket clients (``benchmarks/ws_client.py``) that speak Streamlit's own
protocol to the same server: the server creates the same sessions, runs the same script and sends
the same messages — only nothing is drawn, so twenty phones fit on two cores beside the server
(twenty Chromium pages took most of the CPU the server needed). Every fifth voter then opens its card
again in a new session and must be told it has voted. Bounded: at most 200 voters, 40 at once, and
``--limit`` seconds in all (then it stops and says so).

Prints: the load average and the server's CPU time; ballots cast (in the store) of voters who
confirmed, lost (confirmed but not stored), double-counted (stored ballots beyond one per card, or
a second ballot accepted); and the p50/p95 of the time from the click on "confirm" to the phone
showing "Głos oddany" and to the projector showing it (its count on the projector reaching the
ballot's place in the order the phones were answered: a secret ballot keeps no time of casting).
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
    DESK,
    PHONE,
    ProjectorWatch,
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
TURNOUT = ("() => { const t = (document.querySelector(\"[data-testid='vote-turnout']\") || {}).innerText || '';"
           " return t.includes(' z ') ? parseInt(t.split(' z ')[0].replace(/\\s/g, ''), 10) : null; }")


def prepare(voters: int, port: int):
    from analysis.store import open_store

    store = open_store()
    votes, vote = vote_on_jablonna(store, port)
    cards = []
    for i, sector in enumerate(SECTORS):
        count = voters // len(SECTORS) + (1 if i < voters % len(SECTORS) else 0)
        if count:
            cards += votes.issue_cards(vote.id, sector, count)
    votes.open(vote.id)
    return votes, vote, cards


def vote_on_jablonna(store, port: int):
    """The vote of 8 October 2018 in Legionowo on the 15 proposals written in Jabłonna, prepared (not open)."""
    import pandas as pd

    from analysis.voting.ballot_box import Choice, Votes

    proposals = store.dataset().proposals
    rows = proposals[(proposals["status"] == "to_vote") & (proposals["cycle"] == "2018")]
    choices = [Choice(0, str(c), int(w), int(n), str(t), None if pd.isna(a) else int(a))
               for c, w, n, t, a in zip(rows["cycle"], rows["workshop"], rows["number"], rows["title"], rows["area"],
                                        strict=True)]
    votes = Votes(store)
    return votes, votes.create("2018", 4, choices, 3, f"http://127.0.0.1:{port}")


@dataclass
class Cast:
    """What a vote's phones did, as the store holds it: ballots, lost, double-counted, and the times."""

    ballots: int  # ballots stored
    confirmed: int  # cards whose phone clicked "confirm"
    answered: int  # ...and showed "Głos oddany"
    lost: int  # answered "Głos oddany" but not stored
    double: int  # stored ballots beyond one per card, and second tries not refused
    second_tried: int
    second_refused: int
    tallied: int  # votes in the tally
    choices: int  # choices on the stored ballots
    to_phone: list[float]  # confirm -> 'Głos oddany' (the ballot is stored before the phone is answered)
    to_projector: list[float]
    in_chromium: list[float]  # confirm -> 'Głos oddany' on the Chromium phones

    @property
    def ok(self) -> bool:
        """Lost and double-counted 0, every confirmed ballot stored."""
        return self.lost == 0 and self.double == 0 and self.ballots == self.confirmed

    def lines(self) -> list[str]:
        return [
            f"ballots cast: {self.ballots} of {self.confirmed} confirmed ({self.answered} answered 'Głos oddany')",
            f"lost: {self.lost}  double-counted: {self.double}  (second tries refused: {self.second_refused} of "
            f"{self.second_tried})",
            f"votes in the tally: {self.tallied} = choices on the ballots: {self.choices}",
            f"confirm -> 'Głos oddany':   {spread(self.to_phone)}",
            f"confirm -> projector:       {spread(self.to_projector)}",
            f"confirm -> 'Głos oddany' (Chromium phones only): {spread(self.in_chromium)}",
        ]


@dataclass
class Voters:
    """Phones voting with their cards on the real server: what each did and when (by the card's token hash)."""

    url: str
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    confirmed: dict[str, float] = field(default_factory=dict)  # card hash -> epoch of the click on "confirm"
    answered: dict[str, float] = field(default_factory=dict)  # card hash -> when the phone showed "Głos oddany"
    in_browser: set[str] = field(default_factory=set)  # the cards voted from a Chromium page
    second_tried: int = 0  # every fifth voter opens its card again, in a new session...
    second_refused: int = 0  # ...and must be told it has voted
    done: int = 0
    errors: list[str] = field(default_factory=list)

    async def light(self, token: str, wave: Wave) -> None:
        """A phone as a websocket client: open the card, tick, "Dalej", then "confirm" with the wave."""
        from analysis.voting import codes
        from benchmarks.ws_client import Session

        key = codes.token_hash(token)
        session = Session(self.url, "glosowanie", f"{codes.TOKEN_PARAMETER}={token}")
        try:
            await session.open()
            page = await session.settled(180)
            boxes = page.checkboxes()
            if len(boxes) != 15:
                raise RuntimeError(f"the ballot shows {len(boxes)} proposals, not 15")
            for position in sorted(self.rng.sample(range(15), self.rng.randint(1, 3))):
                await session.check(boxes[position])
                await session.settled(120)
            await session.click(session.page.button("Dalej"))
            page = await session.settled(120)
            confirm = page.button("Potwierdzam i oddaję głos")
            if confirm is None or not page.shows("Twój wybór"):
                raise RuntimeError("no confirmation step after 'Dalej'")
            wave.arrive(key)
            await wave.go.wait()
            self.confirmed[key] = time.time()
            await session.click(confirm)
            self.answered[key] = await session.wait_for_text("Głos oddany", 120)
            await session.settled(120)
            await session.close()
            self.done += 1
            if self.done % 5 == 0:  # every fifth voter: the same card again, in another session
                self.second_tried += 1
                again = Session(self.url, "glosowanie", f"{codes.TOKEN_PARAMETER}={token}")
                await again.open()
                page = await again.settled(120)
                await again.close()
                if page.shows("Ta karta już głosowała") and not page.checkboxes():
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
            await page.goto(codes.card_url(self.url, token), timeout=180_000)
            boxes = page.locator("[data-testid='stCheckbox'] label")
            await boxes.first.wait_for(timeout=180_000)
            for position in sorted(self.rng.sample(range(15), self.rng.randint(1, 3))):
                before = await page.locator("[data-testid='stCheckbox'] input:checked").count()
                await boxes.nth(position).click()
                await page.wait_for_function(
                    f"document.querySelectorAll(\"[data-testid='stCheckbox'] input:checked\").length > {before}",
                    timeout=120_000)
            await page.get_by_role("button", name="Dalej").click()
            confirm = page.get_by_role("button", name="Potwierdzam i oddaję głos")
            await confirm.wait_for(timeout=120_000)
            wave.arrive(key)
            button = await confirm.element_handle()
            await wave.go.wait()
            self.confirmed[key] = time.time()
            await button.evaluate("b => b.click()")  # the click itself, without Playwright's checks
            await page.get_by_text("Głos oddany").wait_for(timeout=120_000)
            self.answered[key] = time.time()
            self.done += 1
            if self.done % 5 == 0:
                self.second_tried += 1
                await page.goto(codes.card_url(self.url, token), timeout=180_000)  # a reload: a new session
                await page.get_by_text("Ta karta już głosowała").wait_for(timeout=120_000)
                self.second_refused += 1
        except Exception as exc:  # noqa: BLE001 - counted and printed, the run goes on
            self.errors.append(f"{type(exc).__name__} (Chromium): {str(exc).splitlines()[0][:120]}")
            wave.arrive(key)
        finally:
            await page.close()

    async def vote(self, tokens: list[str], phones: list, at_once: int, deadline: float) -> None:
        """The cards vote in waves of ``at_once``: the first of each wave from the Chromium ``phones``, the rest as
        websocket clients; each wave confirms at one moment. Stops (and says so) at ``deadline`` (monotonic)."""
        await in_waves(tokens, phones, at_once, deadline, self.browser, self.light, self.errors, "voters")

    def cast(self, votes, vote_id: str, tokens: list[str], watch: ProjectorWatch) -> Cast:
        """What the store holds after the phones voted with ``tokens`` on ``vote_id`` (``Votes``), with the times."""
        from analysis.voting import codes

        ballots = votes.ballots(vote_id)  # a secret ballot: no card and no time on a ballot
        stored = {key for key in (codes.token_hash(t) for t in tokens) if votes.card(codes.Secret("token", key)).used}
        confirmed, answered = self.confirmed, self.answered
        return Cast(
            ballots=len(ballots), confirmed=len(confirmed), answered=len(answered),
            lost=sum(k not in stored for k in answered),
            double=len(ballots) - len(stored) + (self.second_tried - self.second_refused),
            second_tried=self.second_tried, second_refused=self.second_refused,
            tallied=sum(r.votes for r in votes.result(vote_id).ranking),
            choices=sum(len(str(c).split()) for c in ballots["choices"]),
            to_phone=[answered[k] - confirmed[k] for k in confirmed if k in answered],
            to_projector=self.to_projector(watch),
            in_chromium=[answered[k] - confirmed[k] for k in confirmed if k in answered and k in self.in_browser])

    def to_projector(self, watch: ProjectorWatch) -> list[float]:
        """Confirm → the projector's count reaching the ballot's place in the order the phones were answered (as
        near as one can see: a secret ballot keeps no time of casting)."""
        order = sorted(self.answered, key=self.answered.get)
        shown = [(card, watch.reached(place)) for place, card in enumerate(order, start=1)]
        return [at - self.confirmed[card] for card, at in shown if card in self.confirmed and at is not None]


async def run(voters: int, at_once: int, limit: float, browser_voters: int) -> int:
    from playwright.async_api import async_playwright

    with fresh_store("partnerstwo-vote-bench-"):
        port = free_port()
        votes, vote, cards = prepare(voters, port)
        url = f"http://127.0.0.1:{port}"
        started = time.monotonic()
        load_before = load()
        voting = Voters(url)
        cpu_start = 0.0
        with served(port) as server:
            try:
                async with async_playwright() as playwright:
                    browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    projector = await browser.new_page(viewport=DESK)
                    await projector.goto(f"{url}/glosowanie?rzutnik=1")
                    await projector.wait_for_selector("[data-testid='vote-turnout']", timeout=120_000)
                    cpu_start = cpu_seconds(server.pid)
                    watch = ProjectorWatch(projector, TURNOUT)
                    watch.start()
                    phones = [await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
                              for _ in range(browser_voters)]
                    await voting.vote([c.token for c in cards], phones, at_once, started + limit)
                    await asyncio.sleep(3)  # the projector's last refresh
                    await watch.stop()
                    for context in phones:
                        await context.close()
                    await browser.close()
            finally:
                cpu = cpu_seconds(server.pid) - cpu_start
        elapsed = time.monotonic() - started
        cast = voting.cast(votes, vote.id, [c.token for c in cards], watch)
        votes.store.engine.dispose()

    print(f"voters: {len(cards)}, at once: {at_once} ({browser_voters} of each wave in Chromium, "
          f"the rest websocket clients), elapsed: {elapsed:.0f} s")
    print(f"load average before: {load_before}, after: {load()} (2 cores: {os.cpu_count()} CPUs seen); "
          f"server CPU during the run: {cpu:.1f} s ({100 * cpu / max(elapsed, 1e-9):.0f}% of one core)")
    print("\n".join(cast.lines()))
    for error in voting.errors[:10]:
        print(f"error: {error}")
    return 0 if cast.ok and not voting.errors else 1


def main() -> int:
    asked = waves_asked(__doc__.splitlines()[0], "voters", "browser-voters", "vote")
    return asyncio.run(run(asked.people, asked.at_once, asked.limit, asked.in_browsers))


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        code = main()
    sys.exit(code)
