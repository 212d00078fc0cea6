"""The projector: the live turnout while the vote is open, the result once it is closed; above them, while a
check-in at the door is open, the count of people checked in by sector and gmina (``views/_checkin_live.py``).

Opened with ``/glosowanie?rzutnik=1`` or the office's button "Pokaż na rzutniku"; full screen, without
the menu. The turnout is a fragment refreshed twice a second; the whole page reruns when the vote
opens or closes. The HTML comes from ``views/templates/vote_*.html`` (autoescaped).
"""

from __future__ import annotations

import streamlit as st

from analysis.checkin import CheckIns
from analysis.display import counted, number
from analysis.display import markdown_text as md
from analysis.vocabulary import SECTOR_LABELS
from analysis.voting import protocol, tally
from analysis.voting.ballot_box import Vote
from views import _checkin_live, _survey_office
from views._data import store
from views._styles import PROJECTOR_CSS
from views._templates import render
from views._vote_shared import by_sector_table, phone_address, votes, workshop_name

PROJECTOR = "vote_projector"  # session: the office asked for the projector
PROJECTOR_PARAMETER = "rzutnik"  # ?rzutnik=1: the projector straight away
PROJECTOR_REFRESH = 0.5  # seconds between the projector's turnout refreshes (a run of ~3 small queries)


def wanted() -> bool:
    """Whether this browser shows the projector (the office's button, or the address's parameter)."""
    return bool(st.session_state.get(PROJECTOR)) or PROJECTOR_PARAMETER in st.query_params


def show() -> None:
    """The projector's page: the count of an open check-in at the door, and the vote ``projector_vote`` picks (while
    a check-in is open, a closed vote only when it is of the same workshop or the office chose it)."""
    st.html(f"<style>{PROJECTOR_CSS}</style>")
    arriving = CheckIns(store()).open_now()
    for checkin in arriving:
        _checkin_live.projector_section(checkin)
    vote = projector_vote()
    if vote is not None and arriving and vote.state == "closed" and vote.id != st.session_state.get("vote_id") and \
            not any((c.cycle, c.workshop) == (vote.cycle, vote.workshop) for c in arriving):
        vote = None  # an earlier workshop's result: not while this workshop's people are arriving
    surveying = _survey_office.projector_without_vote(vote)
    if vote is not None:
        projector(vote)
    elif not arriving and not surveying:
        st.info("Nie ma jeszcze żadnego głosowania do pokazania.", icon=":material/how_to_vote:")
    if vote is None:
        leave_button()


def turnout_html(turnout: tally.Turnout) -> str:
    rows = [{"name": SECTOR_LABELS[s], "width": (100 * c / i) if i else 0, "cast": c, "issued": i}
            for s, i, c in turnout.by_sector]
    return render("vote_turnout.html", cast=turnout.cast, issued=turnout.issued, share=turnout.share, rows=rows)


@st.fragment(run_every=PROJECTOR_REFRESH)
def live_turnout(vote_id: str, shown_state: str) -> None:
    """The turnout, refreshed twice a second; the whole page reruns when the vote opens or closes."""
    vote, issued, cast = votes().live(vote_id)
    if vote.state != shown_state:
        st.rerun(scope="app")
    st.html(turnout_html(tally.turnout(issued, cast)))


def ranking_html(result: tally.Result) -> str:
    top = max((r.votes for r in result.ranking), default=0) or 1
    rows = [{"rank": r.rank, "number": r.number, "title": r.title, "width": 100 * r.votes / top, "votes": r.votes}
            for r in result.ranking]
    return render("vote_ranking.html", rows=rows)


def balance_html(balance: tally.Balance) -> str:
    rows = [(SECTOR_LABELS[s], share, s in balance.over) for s, _, share in balance.by_sector]
    rows.append(("Sektor publiczny razem", balance.public_share, "public" in balance.over))
    return render("vote_balance.html", rows=[{"name": name, "width": 100 * share, "share": share, "over": over}
                                             for name, share, over in rows])


def projector(vote: Vote) -> None:
    name = workshop_name(vote)
    st.markdown(f"## Głosowanie — warsztat {md(name)}")
    if vote.state != "closed":
        cols = st.columns([3, 2])
        with cols[0]:
            live_turnout(vote.id, vote.state)
        with cols[1]:
            if vote.state == "prepared":
                st.info("Głosowanie jeszcze nie jest otwarte.", icon=":material/hourglass_top:")
            st.markdown(f"#### Jak głosować\nZeskanuj kod QR z karty aparatem telefonu. Bez aparatu: otwórz "
                        f"**{md(phone_address(vote))}/glosowanie** i wpisz kod z karty.\n\n"
                        "Wyniki pojawią się po zamknięciu głosowania.")
        _survey_office.projector_count(vote)
    else:
        result = votes().result(vote.id)
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"#### Wynik · {counted(result.turnout.cast, 'głos', 'głosy', 'głosów')} "
                        f"z {number(result.turnout.issued)} kart")
            st.html(ranking_html(result))
        with right:
            st.markdown("#### Kto głosował: sektory")
            st.html(balance_html(result.balance))
            sentence = protocol.balance_sentence(result.balance)
            if result.balance.ok:
                st.success(sentence, icon=":material/balance:")
            else:
                st.error(sentence, icon=":material/warning:")
        with st.expander("Głosy według sektorów"):
            st.dataframe(by_sector_table(result), hide_index=True, width="stretch")
        _survey_office.projector_count(vote)
    leave_button()


def leave_button() -> None:
    if st.button("Wróć do panelu biura", key="leave_projector", icon=":material/close:", type="tertiary"):
        st.session_state[PROJECTOR] = False
        st.query_params.pop(PROJECTOR_PARAMETER, None)
        st.rerun()


def projector_vote() -> Vote | None:
    """The vote on the projector: the office's choice, else the newest open one, else the newest; none when the
    office chose a survey without a vote."""
    votes_ = votes()
    chosen = st.session_state.get("vote_id")
    if chosen == "survey":
        return None
    all_votes = votes_.all()
    for vote in all_votes:
        if vote.id == chosen:
            return vote
    open_ = [v for v in all_votes if v.state == "open"]
    return (open_ or all_votes or [None])[-1]
