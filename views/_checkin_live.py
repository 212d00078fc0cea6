"""The check-in's count in the room: people checked in, by sector and by gmina, refreshed every few seconds.

Drawn on the hall's projector (``views/_vote_projector.py``) and on Przegląd while a check-in is open; the
numbers are ``metrics.checked_in``'s, the HTML ``views/templates/checkin_live.html`` (autoescaped). When the
check-in closes, the fragment reruns its page, which then leaves the count out.
"""

from __future__ import annotations

import streamlit as st

from analysis import metrics
from analysis.checkin import CheckIn, CheckIns, Places, phone, places_frame
from analysis.display import markdown_text as md
from analysis.display import plural, workshop_name
from views._data import store
from views._templates import render
from views._vote_shared import phone_address

LIVE_REFRESH = 3.0  # seconds between two looks at the count while a check-in is open (Przegląd, the desk)
# on the projector, as often as the vote's turnout: the hall watches its number grow within 2 s of a check-in
# (benchmarks/hall_speed.py); a look is two small queries on one connection
PROJECTOR_REFRESH = 0.5


def name_of(checkin: CheckIn) -> str:
    return workshop_name(store().schedule(), checkin.cycle, checkin.workshop)


def count_html(counts: metrics.CheckedIn) -> str:
    """The big number and one bar per sector and per gmina (the longest bar: the most people)."""
    parts = []
    for by, heading in (("sector", "Według sektorów"), ("gmina", "Według gmin")):
        table = metrics.checked_in_table(counts, by)
        top = max(table["people"].max() if len(table) else 0, 1)
        parts.append({"heading": heading, "rows": [{"name": r.label, "people": int(r.people),
                                                    "width": 100 * int(r.people) / top} for r in table.itertuples()]})
    return render("checkin_live.html", people=counts.people,
                  people_word=plural(counts.people, "osoba zarejestrowana", "osoby zarejestrowane",
                                     "osób zarejestrowanych"),
                  parts=parts)


# check-in id -> (the places its count was last drawn from, that drawing): a refresh that finds nobody new (most of
# them: twice a second on the projector) sends the same HTML again without counting and rendering anew
_DRAWN: dict[str, tuple[Places, str]] = {}


def live_html(checkin_id: str, places: Places) -> str:
    """The count's HTML of the check-in's people (``CheckIns.live_places``), drawn again only when they changed."""
    drawn = _DRAWN.get(checkin_id)
    if drawn is None or drawn[0] != places:
        drawn = (places, count_html(metrics.checked_in(places_frame(places))))
        _DRAWN[checkin_id] = drawn
    return drawn[1]


def _count(checkin_id: str) -> None:
    """The count as it is now; the page reruns once the check-in is no longer open."""
    checkin, places = CheckIns(store()).live_places(checkin_id)
    if checkin.state != "open":
        st.rerun(scope="app")
    st.html(live_html(checkin_id, places))


@st.fragment(run_every=LIVE_REFRESH)
def live(checkin_id: str) -> None:
    """The count, looked at again every few seconds."""
    _count(checkin_id)


@st.fragment(run_every=PROJECTOR_REFRESH)
def projector_live(checkin_id: str) -> None:
    """The count on the projector, looked at again twice a second."""
    _count(checkin_id)


def projector_section(checkin: CheckIn) -> None:
    """The projector's part of an open check-in: the live count, and how to check in."""
    st.markdown(f"## Rejestracja — warsztat {md(name_of(checkin))}")
    left, right = st.columns([2, 1])
    with left:
        projector_live(checkin.id)
    with right:
        st.markdown(f"#### Jak się zarejestrować\nZeskanuj telefonem kod QR z plakatu przy wejściu albo otwórz "
                    f"**{md(phone.page_url(checkin.address or phone_address(None)))}**.\n\nBez telefonu: stolik organizatorów.")


def overview_section(checkin: CheckIn) -> None:
    """Przegląd's part of an open check-in: the live count in a frame of its own."""
    with st.container(border=True, key=f"checkin_live_{checkin.id}"):
        st.markdown(f"**Trwa rejestracja przy wejściu — warsztat {md(name_of(checkin))}**")
        live(checkin.id)
