"""What the page tests and the report tests share: opening a page, reading what it shows."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def open_page(page: str) -> AppTest:
    """The dashboard run through its entry script on ``page``: one run, as a page opened from its address or
    the menu (the entry script draws the same frame and filters whatever page it runs)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def arrive(page: str, **query: str) -> AppTest:
    """A browser arriving at ``page`` by its address (typed, or a QR code's, with ``query``): one run of the
    dashboard's entry script on that page."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for name, value in query.items():
        at.query_params[name] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def plain(value):
    """Plotly 7 sends numeric arrays as typed base64 buffers: back to plain lists."""
    if isinstance(value, dict) and {"dtype", "bdata"} <= set(value):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def page_charts(at: AppTest) -> list:
    """The page's own plotly charts: not the hidden one that makes the browser load its chart library."""
    from views._startup import PRELOAD_META

    return [c for c in at.get("plotly_chart") if json.loads(c.proto.spec)["layout"].get("meta") != PRELOAD_META]


def figures(at: AppTest) -> dict[str, dict]:
    """The page's plotly charts by their titles."""
    specs = [plain(json.loads(c.proto.spec)) for c in page_charts(at)]
    return {spec["layout"]["title"]["text"]: spec for spec in specs}


def shown_text(at: AppTest) -> str:
    """The page's text as a person reads it (markdown escapes removed)."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "success", "error", "subheader")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts).replace("\\", "")


# --- a small cycle built by hand: numbers a person can count ------------------------------------------

SMALL_PEOPLE = {  # person: (institution, sector, gmina, workshops attended)
    "ann": ("Fundacja A", "ngo", "serock", (1, 2)),
    "bob": ("Firma B sp. z o.o.", "business", "legionowo", (1, 2)),
    "cat": ("Urząd Gminy Serock", "local_government", "serock", (1,)),
    "dan": ("Szkoła D", "education", "outside", (2,)),
    "eve": ("Przychodnia E", "health", "jablonna", (2,)),
}


def small_cycle():
    """The cycle "2021" by hand: 1. Serock (ann, bob, cat) and 2. Wieliszew (ann, bob, dan, eve) held,
    3. Jabłonna planned (seen on 2 June 2021); 5 people of 5 institutions and 5 sectors; four
    proposals, two of them from Wieliszew waiting for the vote in Jabłonna (one titled with markup).
    ann and bob come to every held workshop; Urząd Gminy Serock (cat) stopped coming after Serock.
    """
    import datetime as dt

    import pandas as pd

    from analysis.dataset import dataset_frames

    workshops = pd.DataFrame({
        "cycle": ["2021"] * 3, "workshop": pd.array([1, 2, 3], dtype="Int64"),
        "date": [dt.date(2021, 4, 1), dt.date(2021, 5, 1), dt.date(2021, 6, 10)],
        "gmina": ["serock", "wieliszew", "jablonna"], "venue": ["", "", "Urząd Gminy Jabłonna"], "title": [""] * 3,
    })
    attendance = pd.DataFrame(
        [("2021", w, person, institution, sector, gmina, "", "")
         for person, (institution, sector, gmina, visits) in SMALL_PEOPLE.items() for w in visits],
        columns=["cycle", "workshop", "person", "institution", "sector", "gmina", "role", "group"])
    attendance["workshop"] = attendance["workshop"].astype("Int64")
    proposals = pd.DataFrame({
        "cycle": ["2021"] * 4, "workshop": pd.array([1, 1, 2, 2], dtype="Int64"),
        "number": pd.array([1, 2, 1, 2], dtype="Int64"), "group": ["Grupa 1", "Grupa 2", "Grupa 1", "Grupa 2"],
        "area": pd.array([1, 2, 1, 3], dtype="Int64"),
        "title": ["Bon lokalny", "Inkubator", "Targ rolny", "<b>Marka</b> gminy"],
        "description": [""] * 4, "lead": ["Fundacja A", "Firma B", "", ""],
        "lead_sector": ["ngo", "business", None, None],
        # partners: two seen on the lists; none; one seen, one not (its name tells: ngo); one not seen whose
        # name tells ngo, one seen, one not seen and unknown ("Inne")
        "partners": ["Urząd Gminy Serock; Firma B sp. z o.o.", "", "Szkoła D\nKoło Gospodyń Wiejskich w Z",
                     "Stowarzyszenie Q, Fundacja A, Zakątek"],
        "votes": pd.array([10, 4, None, None], dtype="Int64"),
        "status": ["selected", "rejected", "to_vote", "to_vote"],
    })
    return dataset_frames(workshops, attendance, proposals, as_of=dt.date(2021, 6, 2))



def closed_vote(cycle: str = "2018", workshop: int = 4):
    """A closed vote's protocol made by hand (no store): five proposals, seven ballots of three sectors,
    the public sector above 49%; every number from ``analysis.voting.tally``, sealed by ``voting.seal``."""
    import datetime as dt

    import pandas as pd

    from analysis.voting import protocol, seal, tally
    from analysis.voting.ballot_box import Choice, Vote

    opened = dt.datetime(2018, 10, 8, 11, 0)
    closed = opened + dt.timedelta(minutes=20)
    cast = [("local_government", "1 2"), ("local_government", "2"), ("education", "2 3"), ("education", "5"),
            ("business", "1 2 3"), ("ngo", "3"), ("ngo", "2 4")]
    ballots = pd.DataFrame([(sector, choices, "phone") for sector, choices in cast],
                           columns=["sector", "choices", "channel"])
    choices = [Choice(i, cycle, 3, i, title, area) for i, (title, area) in enumerate(
        [("Lokalne produkty w sklepikach szkolnych", 1), ("Wspólne zakupy energii", 1), ("Inkubator przy PUP", 3),
         ("Targi pracy", 2), ("Film promocyjny powiatu", 4)], start=1)]
    issued = {"local_government": 4, "education": 3, "business": 4, "ngo": 3}
    voted = {s: sum(1 for c, _ in cast if c == s) for s in issued}
    cards = [seal.IssuedCard(f"{s}{i:056x}", f"c{s}{i:055x}", s, i < voted[s]) for s, n in issued.items()
             for i in range(n)]
    record = seal.Record("v" * 32, cycle, workshop, 3, opened, closed, choices, cards,
                         [(s, c, "phone") for s, c in cast])
    sealed = seal.make(record, b"k" * 32)
    vote = Vote("v" * 32, cycle, workshop, 3, "http://192.168.1.20:8501", opened, opened, closed, sealed.digest,
                sealed.to_json())
    result = tally.result(vote, choices, issued, ballots)
    return protocol.Protocol(vote, f"{workshop}. Legionowo", choices, result, {2}, {"phone": len(ballots)},
                             opened + dt.timedelta(hours=1),
                             seal.check(record, vote.digest, vote.seal, b"k" * 32))
