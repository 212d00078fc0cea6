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

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SECTORS = ("local_government", "business", "education", "ngo")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def prepare(data: Path, voters: int, port: int):
    os.environ["PARTNERSTWO_DATA_DIR"] = str(data)
    import pandas as pd

    from analysis.store import open_store
    from analysis.voting.ballot_box import Choice, Votes

    store = open_store()
    proposals = store.dataset().proposals
    rows = proposals[(proposals["status"] == "to_vote") & (proposals["cycle"] == "2018")]  # the vote of 8 October 2018
    choices = [Choice(0, str(c), int(w), int(n), str(t), None if pd.isna(a) else int(a))
               for c, w, n, t, a in zip(rows["cycle"], rows["workshop"], rows["number"], rows["title"], rows["area"],
                                        strict=True)]
    votes = Votes(store)
    vote = votes.create("2018", 4, choices, 3, f"http://127.0.0.1:{port}")
    cards = []
    for i, sector in enumerate(SECTORS):
        count = voters // len(SECTORS) + (1 if i < voters % len(SECTORS) else 0)
        if count:
            cards += votes.issue_cards(vote.id, sector, count)
    votes.open(vote.id)
    return votes, vote, cards


def server_command(port: int) -> list[str]:
    """The dashboard as the office starts it, on 127.0.0.1 only."""
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1"]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc), 0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


async def run(voters: int, at_once: int, limit: float, browser_voters: int) -> int:
    from playwright.async_api import async_playwright

    from analysis.voting import codes
    from benchmarks.ws_client import Session

    data = Path(tempfile.mkdtemp(prefix="partnerstwo-vote-bench-"))
    port = _free_port()
    votes, vote, cards = prepare(data, voters, port)
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(server_command(port), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ))
    started = time.monotonic()
    load_before = _load()
    confirmed: dict[str, float] = {}  # card hash -> epoch seconds of the click on "confirm"
    answered: dict[str, float] = {}  # card hash -> when the phone showed "Głos oddany"
    in_browser: set[str] = set()  # the cards voted from a Chromium page (the rest: websocket clients)
    second_refused = second_tried = 0
    errors: list[str] = []
    seen: list[tuple[float, int]] = []  # (epoch, count shown on the projector)
    cpu_start = 0.0
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                await asyncio.sleep(0.3)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            projector = await browser.new_page(viewport={"width": 1280, "height": 720})
            await projector.goto(f"{url}/glosowanie?rzutnik=1")
            await projector.wait_for_selector("[data-testid='vote-turnout']", timeout=120_000)
            cpu_start = _cpu_seconds(server.pid)
            watching = True

            async def watch() -> None:
                last = -1
                while watching:
                    text = await projector.evaluate(
                        "() => (document.querySelector(\"[data-testid='vote-turnout']\") || {}).innerText || ''")
                    if text and " z " in text:
                        count = int(text.split(" z ")[0].replace("\u00a0", "").replace(" ", ""))
                        if count != last:
                            seen.append((time.time(), count))
                            last = count
                    await asyncio.sleep(0.05)

            watcher = asyncio.create_task(watch())
            rng = random.Random(7)
            phones = [await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
                      for _ in range(browser_voters)]

            def arrive(key: str, arrived: list, ready: asyncio.Event) -> None:
                if key not in arrived:
                    arrived.append(key)
                    if len(arrived) == ready_count[0]:
                        ready.set()

            async def light_voter(card, ready: asyncio.Event, go: asyncio.Event, arrived: list) -> None:
                """A phone as a websocket client: open the card, tick, "Dalej", then "confirm" with the wave."""
                nonlocal second_refused, second_tried
                key = codes.token_hash(card.token)
                session = Session(url, "glosowanie", f"{codes.TOKEN_PARAMETER}={card.token}")
                try:
                    await session.open()
                    page = await session.settled(180)
                    boxes = page.checkboxes()
                    if len(boxes) != 15:
                        raise RuntimeError(f"the ballot shows {len(boxes)} proposals, not 15")
                    for position in sorted(rng.sample(range(15), rng.randint(1, 3))):
                        await session.check(boxes[position])
                        await session.settled(120)
                    await session.click(session.page.button("Dalej"))
                    page = await session.settled(120)
                    confirm = page.button("Potwierdzam i oddaję głos")
                    if confirm is None or not page.shows("Twój wybór"):
                        raise RuntimeError("no confirmation step after 'Dalej'")
                    arrive(key, arrived, ready)
                    await go.wait()
                    confirmed[key] = time.time()
                    await session.click(confirm)
                    answered[key] = await session.wait_for_text("Głos oddany", 120)
                    await session.settled(120)
                    await session.close()
                    done[0] += 1
                    if done[0] % 5 == 0:  # every fifth voter: the same card again, in another session
                        second_tried += 1
                        again = Session(url, "glosowanie", f"{codes.TOKEN_PARAMETER}={card.token}")
                        await again.open()
                        page = await again.settled(120)
                        await again.close()
                        if page.shows("Ta karta już głosowała") and not page.checkboxes():
                            second_refused += 1
                except Exception as exc:  # noqa: BLE001 - counted and printed, the run goes on
                    errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
                    arrive(key, arrived, ready)
                finally:
                    await session.close()

            async def browser_voter(context, card, ready: asyncio.Event, go: asyncio.Event,
                                    arrived: list) -> None:
                """A phone as a Chromium page (390×844): the same steps, clicked in the real frontend."""
                nonlocal second_refused, second_tried
                key = codes.token_hash(card.token)
                in_browser.add(key)
                page = await context.new_page()
                try:
                    await page.goto(codes.card_url(url, card.token), timeout=180_000)
                    boxes = page.locator("[data-testid='stCheckbox'] label")
                    await boxes.first.wait_for(timeout=180_000)
                    for position in sorted(rng.sample(range(15), rng.randint(1, 3))):
                        before = await page.locator("[data-testid='stCheckbox'] input:checked").count()
                        await boxes.nth(position).click()
                        await page.wait_for_function(
                            f"document.querySelectorAll(\"[data-testid='stCheckbox'] input:checked\").length > {before}",
                            timeout=120_000)
                    await page.get_by_role("button", name="Dalej").click()
                    confirm = page.get_by_role("button", name="Potwierdzam i oddaję głos")
                    await confirm.wait_for(timeout=120_000)
                    arrive(key, arrived, ready)
                    button = await confirm.element_handle()
                    await go.wait()
                    confirmed[key] = time.time()
                    await button.evaluate("b => b.click()")  # the click itself, without Playwright's checks
                    await page.get_by_text("Głos oddany").wait_for(timeout=120_000)
                    answered[key] = time.time()
                    done[0] += 1
                    if done[0] % 5 == 0:
                        second_tried += 1
                        await page.goto(codes.card_url(url, card.token), timeout=180_000)  # a reload: a new session
                        await page.get_by_text("Ta karta już głosowała").wait_for(timeout=120_000)
                        second_refused += 1
                except Exception as exc:  # noqa: BLE001 - counted and printed, the run goes on
                    errors.append(f"{type(exc).__name__} (Chromium): {str(exc).splitlines()[0][:120]}")
                    arrive(key, arrived, ready)
                finally:
                    await page.close()

            ready_count = [0]
            done = [0]
            for start in range(0, len(cards), at_once):
                if time.monotonic() - started > limit:
                    errors.append(f"time limit of {limit:.0f} s reached: stopped after {start} voters")
                    break
                wave = cards[start:start + at_once]
                ready, go, arrived = asyncio.Event(), asyncio.Event(), []
                ready_count[0] = len(wave)
                tasks = [asyncio.create_task(browser_voter(phones[i], card, ready, go, arrived) if i < len(phones)
                                             else light_voter(card, ready, go, arrived))
                         for i, card in enumerate(wave)]
                try:
                    await asyncio.wait_for(ready.wait(), timeout=max(10.0, limit - (time.monotonic() - started)))
                except TimeoutError:
                    errors.append("a wave did not get ready in time")
                go.set()  # the whole wave presses "confirm" at once
                await asyncio.gather(*tasks)
            await asyncio.sleep(3)  # the projector's last refresh
            watching = False
            await watcher
            for context in phones:
                await context.close()
            await browser.close()
    finally:
        cpu = _cpu_seconds(server.pid) - cpu_start
        server.terminate()
        server.wait(timeout=30)
    elapsed = time.monotonic() - started
    ballots = votes.ballots(vote.id)  # a secret ballot: no card and no time on a ballot
    stored = {key for key in (codes.token_hash(c.token) for c in cards) if votes.card(codes.Secret("token", key)).used}
    lost = [k for k in answered if k not in stored]
    double = len(ballots) - len(stored) + (second_tried - second_refused)  # ballots beyond one per card that voted
    to_phone = [answered[k] - confirmed[k] for k in confirmed if k in answered]
    order = sorted(answered, key=answered.get)  # the order the phones were answered in, as near as one can see
    to_projector = []
    for place, card in enumerate(order, start=1):
        shown = next((t for t, count in seen if count >= place), None)
        if card in confirmed and shown is not None:
            to_projector.append(shown - confirmed[card])
    in_chromium = [answered[k] - confirmed[k] for k in confirmed if k in answered and k in in_browser]
    result = votes.result(vote.id)
    total_choices = sum(len(str(c).split()) for c in ballots["choices"])

    def spread(values: list[float]) -> str:
        if not values:
            return "none"
        return (f"p50 {statistics.median(values):.3f} s  p95 {_percentile(values, .95):.3f} s  "
                f"max {max(values):.3f} s  (n={len(values)})")

    print(f"voters: {len(cards)}, at once: {at_once} ({browser_voters} of each wave in Chromium, the rest websocket "
          f"clients), elapsed: {elapsed:.0f} s")
    print(f"load average before: {load_before}, after: {_load()} (2 cores: {os.cpu_count()} CPUs seen); "
          f"server CPU during the run: {cpu:.1f} s ({100 * cpu / max(elapsed, 1e-9):.0f}% of one core)")
    print(f"ballots cast: {len(ballots)} of {len(confirmed)} confirmed ({len(answered)} answered 'Głos oddany')")
    print(f"lost: {len(lost)}  double-counted: {double}  (second tries refused: {second_refused} of {second_tried})")
    print(f"votes in the tally: {sum(r.votes for r in result.ranking)} = choices on the ballots: {total_choices}")
    print(f"confirm -> 'Głos oddany':   {spread(to_phone)}")
    print(f"confirm -> projector:       {spread(to_projector)}")
    print(f"confirm -> 'Głos oddany' (Chromium phones only): {spread(in_chromium)}")
    for error in errors[:10]:
        print(f"error: {error}")
    ok = not lost and double == 0 and len(ballots) == len(confirmed) and not errors
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=100)
    parser.add_argument("--at-once", type=int, default=20)
    parser.add_argument("--limit", type=float, default=900.0, help="seconds for the whole run")
    parser.add_argument("--browser-voters", type=int, default=2,
                        help="how many of each wave vote from a Chromium page (the rest: websocket clients)")
    args = parser.parse_args()
    voters = max(1, min(args.voters, 200))
    at_once = max(1, min(args.at_once, 40, voters))
    browser_voters = max(0, min(args.browser_voters, at_once))
    return asyncio.run(run(voters, at_once, min(args.limit, 1800.0), browser_voters))


if __name__ == "__main__":
    from benchmarks.results import recorded  # the latest run goes to benchmarks/RESULTS.md

    with recorded(__file__):
        code = main()
    sys.exit(code)
