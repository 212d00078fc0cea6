"""The voting page's three faces: the voter's phone, the projector, the office's controls.

A phone opens ``/glosowanie?karta=<token>`` (the card's QR code) or types the card's short code on
``/glosowanie``; either way the card opens only its own ballot, without the office's password. Card
look-ups go through the store's throttle (``analysis.guard``: wrong codes per browser and address).
The projector shows the live turnout (a fragment refreshed twice a second) and, once the vote is
closed, the result. The office prepares the vote, prints cards, opens and closes it, types in paper
cards, saves the result and downloads the protocol — each of these needs the right to edit.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis import report
from analysis.dataset import whole_or_none
from analysis.display import (
    ALERT,
    MIST,
    MUTED,
    PRIMARY,
    SECONDARY_TEXT,
    SILVER,
    STEEL,
    TABLE_HEADER,
    counted,
    number,
    percent,
    printable,
    workshop_names,
)
from analysis.display import markdown_text as md
from analysis.display import workshop_name as workshop_label
from analysis.errors import UserError
from analysis.vocabulary import AREAS, SECTOR_CODES, SECTOR_LABELS
from analysis.voting import codes, hall, protocol, tally
from analysis.voting.store import CLOSED, NOT_OPEN, CardState, Choice, Vote, Votes
from views import _access
from views._data import current_view, loaded, store
from views._widgets import sample_banner

CARD = _access.BALLOT_CARD
CAST_REFUSED = "vote_cast_refused"  # session: why the confirm button's ballot was refused, shown once
PROJECTOR = "vote_projector"
PROJECTOR_REFRESH = 0.5  # seconds between the projector's turnout refreshes (a run of ~3 small queries)
WAITING_REFRESH = 3.0  # seconds between a phone's checks that the vote has been opened
STATES = {"prepared": "przygotowane (jeszcze nie otwarte)", "open": "otwarte — trwa głosowanie",
          "closed": "zamknięte"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HIDE_CHROME = ("[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stHeader'],"
               "[data-testid='stToolbar']{display:none !important}")
PHONE_CSS = (HIDE_CHROME + ".stMainBlockContainer{padding:1rem 1rem 4rem !important;max-width:40rem}"
             "h1{font-size:2.1rem !important;padding-top:.2rem !important}"
             ".st-key-ballot_next{position:sticky !important;bottom:.6rem;z-index:10}"
             # disabled, Streamlit's button is transparent: the list scrolling under it would show through
             f".st-key-ballot_next button:disabled{{background:{MIST} !important;color:{STEEL} !important;"
             f"border-color:{SILVER} !important;opacity:1 !important}}"
             ".stCheckbox label{min-height:3rem;align-items:center;width:100%}"
             ".stCheckbox label p{font-size:1.12rem;line-height:1.35}"
             ".stCheckbox label>span:first-child{transform:scale(1.35);margin-right:.6rem}"
             ".stButton button,.stFormSubmitButton button{min-height:3.5rem;font-size:1.15rem}"
             ".stTextInput input{font-size:1.3rem;min-height:3.2rem;letter-spacing:.08em}")
TURNOUT_CSS = (".vote-big{font-size:3.4rem;font-weight:700;color:" + PRIMARY + ";line-height:1.1}"
               f".vote-sub{{font-size:1.35rem;color:{SECONDARY_TEXT};margin:.2rem 0 1rem}}"
               ".vote-bars{width:100%;border-collapse:collapse;font-size:1.25rem}"
               ".vote-bars td{padding:.28rem .5rem;border:0;vertical-align:middle}"
               ".vote-bars td.name{width:34%}.vote-bars td.n{width:12%;text-align:right;white-space:nowrap;"
               f"font-weight:600}}.vote-bar{{background:{TABLE_HEADER};border-radius:4px;height:1.3rem;position:relative}}"
               f".vote-bar>span{{display:block;height:100%;border-radius:4px;background:{PRIMARY}}}"
               f".vote-bar.over>span{{background:{ALERT}}}"
               ".vote-rank{table-layout:fixed}.vote-rank td{padding:.3rem .4rem;vertical-align:top}"
               f".vote-rank td.r{{width:3.2em;text-align:right;color:{MUTED}}}.vote-rank td.t{{width:62%;"
               "overflow-wrap:anywhere}.vote-rank td.n{width:3.4em}.vote-rank .vote-bar{margin-top:.35em}")
# On the projector every text is at least 24 px on a 1280-px-wide screen and grows with the screen
# (1.875vw: 24 px at 1280, 36 px at 1920); headings and the turnout's number in proportion.
PROJECTED_TEXT = "max(24px, 1.875vw)"
PROJECTOR_CSS = (HIDE_CHROME + TURNOUT_CSS
                 + ".stMainBlockContainer{padding:1.2rem 2.2rem 2rem !important;max-width:none}"
                 f".stMainBlockContainer{{--projected:{PROJECTED_TEXT}}}"
                 ".stMainBlockContainer :is(p,li,td,summary,button,code,span,strong,b){font-size:var(--projected) !important;"
                 "line-height:1.3}"
                 ".stMainBlockContainer :is(h2,h4) *{font-size:inherit !important}"
                 ".stMainBlockContainer h2{font-size:calc(1.6*var(--projected)) !important}"
                 ".stMainBlockContainer h4{font-size:calc(1.2*var(--projected)) !important}"
                 ".stMainBlockContainer .vote-big{font-size:calc(2.6*var(--projected)) !important}"
                 ".stMainBlockContainer .vote-bars,.stMainBlockContainer .vote-sub{font-size:var(--projected)}"
                 ".stMainBlockContainer .vote-bar{height:.9em}")


def votes() -> Votes:
    return Votes(store())


def _esc(value: object) -> str:
    return html.escape(printable(str(value)))


def workshop_name(vote: Vote) -> str:
    return votes().workshop_name(vote)


def area_label(area: int | None) -> str:
    return f"Obszar {area} · {AREAS[area]}" if area in AREAS else "bez obszaru"


def phone_address(vote: Vote | None = None) -> str:
    """The address phones open: the vote's (printed on its cards), else this computer's first local one."""
    if vote is not None and vote.address:
        return vote.address.rstrip("/")
    found = hall.local_addresses()
    return hall.base_url(found[0] if found else "localhost", int(st.get_option("server.port")))


def find_card(votes_: Votes, text: str) -> CardState:
    """The card of a token or a typed code, through the store's throttle of wrong guesses.

    A typo the check character catches is answered at once and counts nowhere (it tells a guesser
    nothing). A token (128 random bits, the QR code) is counted only under its browser: no one
    guesses one, and a phone scanning its card never waits for a neighbour's wrong codes. A typed
    code is counted under the browser and the address (an address waits at most half a minute).
    """
    secret = codes.recognise(text)
    found: dict[str, object] = {}

    def check() -> bool:
        try:
            found["card"] = votes_.card(secret)
        except UserError as exc:
            found["error"] = exc
            return False
        return True

    ok, wait = _access.attempt("code", check, by_address=secret.kind == "code")
    if wait:
        raise codes.too_many_guesses(wait)
    if not ok:
        error = found["error"]
        assert isinstance(error, UserError)
        raise error
    card = found["card"]
    assert isinstance(card, CardState)
    return card


# --- the voter's phone ------------------------------------------------------------------------


def code_box(key: str = "code_box") -> None:
    """Where a voter types the card's code when the camera fails."""
    with st.form(key, border=True):
        st.markdown(f"**Masz kartę do głosowania?** Wpisz kod z karty (9 znaków, np. {codes.EXAMPLE}).")
        typed = st.text_input("Kod z karty", max_chars=40, placeholder=codes.PATTERN, key=f"{key}_text")
        if st.form_submit_button("Otwórz kartę", type="primary", width="stretch", icon=":material/how_to_vote:"):
            try:
                card = find_card(votes(), typed)
            except UserError as exc:
                st.error(exc.message, icon=":material/error:")
            else:
                st.session_state[CARD] = (None, card.hash)
                st.rerun()


def ballot_page() -> None:
    """The phone's page: the card's ballot, the confirmation, or why the card cannot vote."""
    st.html(f"<style>{PHONE_CSS}</style>")
    votes_ = votes()
    param = st.query_params.get(codes.TOKEN_PARAMETER)
    held = st.session_state.get(CARD)
    try:
        if param and (held is None or held[0] != param):
            card = find_card(votes_, param)
            st.session_state[CARD] = (param, card.hash)
        else:
            card = votes_.card(codes.Secret("token", held[1]))
    except UserError as exc:
        st.title("Głosowanie")
        st.error(exc.message, icon=":material/error:")
        st.session_state.pop(CARD, None)
        if exc.code != "too_many_guesses":
            code_box("code_after_error")
        return
    vote = card.vote
    st.title("Głosowanie")
    st.caption(f"Warsztat {md(workshop_name(vote))} · karta sektora: {SECTOR_LABELS.get(card.sector, card.sector)}")
    step_key = f"ballot_step_{card.hash[:16]}"
    step = st.session_state.get(step_key, "choose")
    refused = st.session_state.pop(CAST_REFUSED, None)  # the confirm button's ballot, refused in its callback
    if refused:
        st.error(refused, icon=":material/error:")
    if step == "done" or card.used:
        if step == "done":
            st.success("**Głos oddany. Dziękujemy!** Wynik pokaże prowadzący po zamknięciu głosowania.",
                       icon=":material/check_circle:")
        elif not refused:  # a refused second try has said it already, once
            st.info("Ta karta już głosowała — liczy się pierwszy oddany głos. Dziękujemy!", icon=":material/how_to_vote:")
        return
    if vote.state == "prepared":
        st.info(NOT_OPEN, icon=":material/hourglass_top:")
        _wait_until_open(vote.id)
        return
    if vote.state == "closed":
        st.warning(CLOSED, icon=":material/lock:")
        return
    choices = votes_.choices(vote.id)
    keys = {c.position: f"pick_{vote.id[:8]}_{c.position}" for c in choices}
    picked = [c for c in choices if st.session_state.get(keys[c.position])]
    if step == "confirm" and picked:
        _confirm(vote, card, picked, step_key)
        return
    full = len(picked) >= vote.max_choices
    st.markdown(f"Wybierz **do {counted(vote.max_choices, 'propozycji', 'propozycji', 'propozycji')}** "
                f"(wybrano {len(picked)} z {vote.max_choices}). Potem naciśnij „Dalej”.")
    for choice in choices:
        with st.container(border=True):
            st.checkbox(f"**{choice.number}.** {md(choice.title)}", key=keys[choice.position],
                        disabled=full and not st.session_state.get(keys[choice.position]))
            st.caption(area_label(choice.area))
    if full:
        st.caption(f"Wybrano najwięcej, ile można ({vote.max_choices}). Aby wybrać inną, najpierw odznacz jedną.")
    st.button("Dalej", type="primary", width="stretch", disabled=not picked, icon=":material/arrow_forward:",
              key="ballot_next", on_click=_step, args=(step_key, "confirm"))


def _step(step_key: str, step: str) -> None:
    st.session_state[step_key] = step


def _cast(vote_id: str, card: str, positions: list[int], step_key: str) -> None:
    """The confirm button's callback: Streamlit runs it first in the click's run, before the page's
    script, so the ballot is stored at once and the same run draws "Głos oddany" (no second run)."""
    try:
        votes().cast(vote_id, card, positions, channel="phone")
    except UserError as exc:
        st.session_state[CAST_REFUSED] = exc.message
        return
    st.session_state[step_key] = "done"


def _confirm(vote: Vote, card: CardState, picked: list[Choice], step_key: str) -> None:
    st.markdown("### Twój wybór")
    for choice in picked:
        st.markdown(f"- **{choice.number}.** {md(choice.title)}")
    st.warning("Głos jest ostateczny — po potwierdzeniu nie można go zmienić.", icon=":material/info:")
    st.button("Potwierdzam i oddaję głos", type="primary", width="stretch", icon=":material/how_to_vote:",
              key="ballot_confirm", on_click=_cast, args=(vote.id, card.hash, [c.position for c in picked], step_key))
    st.button("Wróć i zmień wybór", width="stretch", icon=":material/arrow_back:", key="ballot_back",
              on_click=_step, args=(step_key, "choose"))


@st.fragment(run_every=WAITING_REFRESH)
def _wait_until_open(vote_id: str) -> None:
    if votes().get(vote_id).state != "prepared":
        st.rerun(scope="app")


# --- the projector ----------------------------------------------------------------------------


def turnout_html(turnout: tally.Turnout) -> str:
    rows = "".join(
        f"<tr><td class='name'>{_esc(SECTOR_LABELS[s])}</td><td><div class='vote-bar'><span style='width:"
        f"{(100 * c / i) if i else 0:.1f}%'></span></div></td><td class='n'>{number(c)} z {number(i)}</td></tr>"
        for s, i, c in turnout.by_sector)
    return (f"<div class='vote-big' data-testid='vote-turnout'>{number(turnout.cast)} z {number(turnout.issued)}</div>"
            f"<div class='vote-sub'>kart oddało głos ({percent(turnout.share)}) · według sektorów:</div>"
            f"<table class='vote-bars'>{rows}</table>")


@st.fragment(run_every=PROJECTOR_REFRESH)
def live_turnout(vote_id: str, shown_state: str) -> None:
    """The turnout, refreshed twice a second; the whole page reruns when the vote opens or closes."""
    vote, issued, cast = votes().live(vote_id)
    if vote.state != shown_state:
        st.rerun(scope="app")
    st.html(turnout_html(tally.turnout(issued, cast)))


def ranking_html(result: tally.Result) -> str:
    top = max((r.votes for r in result.ranking), default=0) or 1
    rows = "".join(
        f"<tr><td class='r'>{r.rank}.</td><td class='t'><b>{r.number}.</b> {_esc(r.title)}</td>"
        f"<td><div class='vote-bar'><span style='width:{100 * r.votes / top:.1f}%'></span></div></td>"
        f"<td class='n'>{number(r.votes)}</td></tr>" for r in result.ranking)
    return f"<table class='vote-bars vote-rank' data-testid='vote-ranking'>{rows}</table>"


def balance_html(balance: tally.Balance) -> str:
    rows = [(SECTOR_LABELS[s], n, share, s in balance.over) for s, n, share in balance.by_sector]
    rows.append(("Sektor publiczny razem", balance.public, balance.public_share, "public" in balance.over))
    body = "".join(
        f"<tr><td class='name'>{_esc(name)}</td><td><div class='vote-bar{' over' if over else ''}'><span style='width:"
        f"{100 * share:.1f}%'></span></div></td><td class='n'>{percent(share)}</td></tr>"
        for name, _, share, over in rows)
    return f"<table class='vote-bars' data-testid='vote-balance'>{body}</table>"


def projector(vote: Vote) -> None:
    st.html(f"<style>{PROJECTOR_CSS}</style>")
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
            st.dataframe(_by_sector_table(result), hide_index=True, width="stretch")
    if st.button("Wróć do panelu biura", key="leave_projector", icon=":material/close:", type="tertiary"):
        st.session_state[PROJECTOR] = False
        st.query_params.pop("rzutnik", None)
        st.rerun()


def _by_sector_table(result: tally.Result) -> pd.DataFrame:
    frame = tally.votes_by_sector_frame(result)
    shown = frame.rename(columns={"rank": "Miejsce", "number": "Nr", "workshop": "Warsztat", "title": "Propozycja",
                                  "votes": "Razem", **{s: SECTOR_LABELS[s] for s in result.sectors}})
    return shown.drop(columns=["area"])


# --- the office -------------------------------------------------------------------------------


def hall_help(vote: Vote | None) -> None:
    port = int(st.get_option("server.port"))
    found = hall.local_addresses()
    listed = ", ".join(f"`{hall.base_url(a, port)}`" for a in found) or "brak (komputer nie jest w żadnej sieci)"
    text = ("**Telefony na sali** otworzą kartę pod adresem z kodu QR"
            + (f" (`{phone_address(vote).replace(chr(96), '')}`)" if vote else "")
            + f". Adresy tego komputera w sieci teraz: {listed}.")
    if vote and found and not any(phone_address(vote) == hall.base_url(a, port) for a in found):
        text += (" **Karty wskazują inny adres niż obecne adresy komputera** — ustaw w hotspocie lub sieci stały "
                 "adres tego komputera albo poproś o wpisanie kodu z karty pod jednym z adresów powyżej.")
    if _access.shared_on_network():
        st.info(text + " Panel jest dostępny w sieci: wszystko poza kartami do głosowania wymaga hasła biura.",
                icon=":material/wifi:")
    else:
        st.warning(text + " **Panel słucha teraz tylko na tym komputerze, więc telefony go nie otworzą.** Na sali "
                   f"ustaw hasło biura i uruchom panel poleceniem `{hall.HALL_COMMAND}` "
                   "(szczegóły w README, „Głosowanie na warsztacie”).", icon=":material/wifi_off:")


def new_vote_form(votes_: Votes) -> None:
    data = loaded()
    schedule = data.workshops
    from analysis import metrics

    cycle = current_view().cycle or ""  # the sidebar's cycle (by default the one going on)
    numbers = sorted(workshop_names(schedule[schedule["cycle"] == cycle]))

    upcoming = metrics.next_workshop(metrics.View(data, metrics.Filters(cycle=cycle)))
    default = upcoming.workshop if upcoming and upcoming.workshop in numbers else (numbers[-1] if numbers else 1)
    workshop = st.selectbox("Warsztat, na którym się głosuje", numbers or [1], index=(numbers or [1]).index(default),
                            format_func=lambda w: workshop_label(schedule, cycle, w), key="new_vote_workshop",
                            placeholder="Wybierz warsztat")
    proposals = data.proposals[(data.proposals["cycle"] == cycle) & (data.proposals["workshop"] < workshop)
                               & data.proposals["number"].notna()].sort_values(["workshop", "number"])
    options = [(int(w), int(n)) for w, n in zip(proposals["workshop"], proposals["number"], strict=True)]
    rows = {(int(w), int(n)): (t, a, s) for w, n, t, a, s in zip(
        proposals["workshop"], proposals["number"], proposals["title"].fillna(""), proposals["area"],
        proposals["status"], strict=True)}
    waiting = [k for k in options if rows[k][2] == "to_vote"]
    with st.form("new_vote"):
        chosen = st.multiselect("Propozycje na karcie (domyślnie „pod głosowanie” z wcześniejszych warsztatów)",
                                options, default=waiting, placeholder="Wybierz propozycje",
                                format_func=lambda k: f"w. {k[0]}, nr {k[1]}: {printable(rows[k][0])[:80]}")
        max_choices = st.number_input("Ile propozycji może wybrać jeden głosujący (najwyżej)", 1, 20, 3)
        address = st.text_input("Adres panelu na sali (trafi do kodów QR na kartach)", value=phone_address(None),
                                help="Adres tego komputera w sieci sali lub hotspotu telefonu, z portem panelu. "
                                     "Karty drukuje się przed warsztatem: najlepiej ustaw w hotspocie stały adres.")
        if st.form_submit_button("Przygotuj głosowanie", type="primary", icon=":material/add:"):
            picked = [Choice(0, cycle, w, n, printable(rows[(w, n)][0]) or "(bez tytułu)", whole_or_none(rows[(w, n)][1]))
                      for w, n in chosen]
            try:
                vote = votes_.create(cycle, int(workshop), picked, int(max_choices), address)
            except UserError as exc:
                st.error(exc.message, icon=":material/error:")
            else:
                st.session_state["vote_id"] = vote.id
                st.session_state["vote_done"] = [f"Przygotowano głosowanie na warsztacie "
                                                 f"{workshop_label(schedule, cycle, int(workshop))}."]
                st.rerun()


def cards_section(votes_: Votes, vote: Vote) -> None:
    issued = votes_.issued(vote.id)
    st.markdown("#### Karty do głosowania")
    if issued:
        st.caption("Wydrukowane karty: " + ", ".join(f"{SECTOR_LABELS[s]} {number(issued[s])}"
                                                    for s in SECTOR_CODES if issued.get(s))
                   + f" — razem {number(sum(issued.values()))}.")
    if vote.state == "closed":
        return
    with st.form("print_cards"):
        cols = st.columns([2, 1])
        sector = cols[0].selectbox("Sektor kart", SECTOR_CODES, format_func=SECTOR_LABELS.get, placeholder="Wybierz sektor")
        count = cols[1].number_input("Liczba kart", 1, 500, 10)
        if st.form_submit_button("Utwórz karty do druku", icon=":material/print:"):
            try:
                made = votes_.issue_cards(vote.id, sector, int(count))
            except UserError as exc:
                st.error(exc.message, icon=":material/error:")
            else:
                st.session_state["vote_cards_file"] = (
                    vote.id, f"karty_{SECTOR_LABELS[sector]}_{len(made)}.html",
                    report.cards_html(made, phone_address(vote), workshop_name(vote), vote.max_choices))
                st.rerun()
    file = st.session_state.get("vote_cards_file")
    if file and file[0] == vote.id:
        st.download_button(f"Pobierz karty do druku ({file[1]})", file[2].encode("utf-8"),
                           file_name=file[1].replace(" ", "_"), mime="text/html", icon=":material/download:",
                           type="primary", on_click="ignore")
        st.caption("Zapisz plik teraz i wydrukuj go (A4, skala 100%): magazyn zna tylko skróty kodów, więc tych "
                   "kart nie da się wydrukować drugi raz. Zgubione karty zastąp nowymi.")


def paper_section(votes_: Votes, vote: Vote) -> None:
    choices = votes_.choices(vote.id)
    titles = {c.position: f"{c.number}. {printable(c.title)[:90]}" for c in choices}
    with st.expander("Karta papierowa: wpisz kod albo zeskanuj kartę czytnikiem", icon=":material/edit_note:"):
        with st.form("paper_ballot", clear_on_submit=True):
            typed = st.text_input("Kod z karty albo zeskanowany adres z kodu QR")
            picked = st.multiselect(f"Propozycje zaznaczone na karcie (do {vote.max_choices})", list(titles),
                                    format_func=titles.get, max_selections=vote.max_choices,
                                    placeholder="Wybierz propozycje")
            if st.form_submit_button("Zapisz kartę papierową", type="primary", icon=":material/save:"):
                try:
                    card = find_card(votes_, typed)
                    votes_.cast(vote.id, card.hash, picked, channel="paper")
                except UserError as exc:
                    st.error(exc.message, icon=":material/error:")
                else:
                    st.success(f"Zapisano kartę papierową sektora {SECTOR_LABELS[card.sector]}.",
                               icon=":material/check_circle:")


def results_section(votes_: Votes, vote: Vote, editing: bool) -> None:
    result = votes_.result(vote.id)
    name = workshop_name(vote)
    st.markdown(f"#### Wynik · {counted(result.turnout.cast, 'głos', 'głosy', 'głosów')} z "
                f"{number(result.turnout.issued)} kart ({percent(result.turnout.share)})")
    sentence = protocol.balance_sentence(result.balance)
    (st.success if result.balance.ok else st.error)(sentence, icon=":material/balance:")
    st.dataframe(_by_sector_table(result), hide_index=True, width="stretch")
    batch, chosen = votes_.saved(vote.id)
    if editing:
        labels = {r.position: f"{r.rank}. miejsce — nr {r.number}: {printable(r.title)[:70]} ({r.votes})"
                  for r in result.ranking}
        with st.form("save_result"):
            marked = st.multiselect("Wybrane do realizacji", list(labels), default=sorted(chosen),
                                    placeholder="Wybierz propozycje",
                                    format_func=labels.get)
            st.caption("Zapis ustawia propozycjom liczbę głosów i status „wybrana do realizacji” (w magazynie, jako "
                       "partia w historii importu — można ją cofnąć). Ponowny zapis zastępuje poprzedni.")
            if st.form_submit_button("Zapisz wynik w magazynie", type="primary", icon=":material/save:"):
                try:
                    saved = votes_.save_result(vote.id, set(marked))
                except UserError as exc:
                    st.error(exc.message, icon=":material/error:")
                else:
                    st.session_state["vote_done"] = [f"Zapisano wynik głosowania ({saved.imported_at:%d.%m.%Y %H:%M}); "
                                                     "cofniesz go na stronie „Historia importu”."]
                    st.rerun()
    if batch is not None:
        st.caption(f"Wynik zapisany {batch.imported_at:%d.%m.%Y %H:%M} — jest w „Historii importu” jako wynik "
                   f"głosowania na warsztacie {md(name)}.")
    made = protocol.build(votes_, vote.id, name)
    level, sentence, details = protocol.record_state(made.check)
    shown = "\n\n".join([md(sentence), "\n".join(f"- {md(d)}" for d in details)])
    if level == "ok":
        st.success(shown, icon=":material/verified:")
    else:
        (st.error if level == "mismatch" else st.warning)(shown, icon=":material/gpp_maybe:")
    st.caption(f"Skrót zapisu głosowania (SHA-256) przy zamknięciu: `{vote.digest or '–'}`")
    stem = f"protokol_glosowania_warsztat_{vote.workshop}"
    cols = st.columns(2)
    cols[0].download_button("Protokół (HTML)", lambda: report.protocol_html(made).encode("utf-8"), file_name=f"{stem}.html",
                            mime="text/html", icon=":material/download:", on_click="ignore")
    cols[1].download_button("Protokół (Excel)", lambda: report.protocol_xlsx(made), file_name=f"{stem}.xlsx", mime=XLSX,
                            icon=":material/download:", on_click="ignore")


def office() -> None:
    st.title("Głosowanie")
    sample_banner()
    for message in st.session_state.pop("vote_done", []):
        st.success(message, icon=":material/check_circle:")
    editing = _access.editing_allowed()
    if not editing:  # looking is open here (PARTNERSTWO_PASSWORD_FOR_VIEWING=0): voters still type their codes
        code_box()
    votes_ = votes()
    all_votes = list(reversed(votes_.all()))
    schedule = loaded().workshops
    labels = {v.id: f"Warsztat {workshop_label(schedule, v.cycle, v.workshop)} · cykl {v.cycle} · {STATES[v.state]} · "
                    f"przygotowane {v.created_at:%d.%m.%Y %H:%M}" for v in all_votes}
    options = [v.id for v in all_votes] + (["new"] if editing else [])
    if not options:
        st.info("Nie ma jeszcze żadnego głosowania. Przygotować je może biuro (z hasłem, jeśli je ustawiono).",
                icon=":material/how_to_vote:")
        return
    current = st.session_state.get("vote_id")
    if current not in options:
        current = options[0]
    selected = st.selectbox("Głosowanie", options, index=options.index(current), placeholder="Wybierz głosowanie",
                            format_func=lambda k: "Przygotuj nowe głosowanie…" if k == "new" else labels[k])
    st.session_state["vote_id"] = selected
    if selected == "new":
        hall_help(None)
        new_vote_form(votes_)
        return
    vote = votes_.get(selected)
    hall_help(vote)
    st.markdown(f"**Stan:** {STATES[vote.state]} · wyborów na karcie: do {vote.max_choices} · "
                f"propozycji: {len(votes_.choices(vote.id))}"
                + (f" · otwarto {vote.opened_at:%H:%M:%S}" if vote.opened_at else "")
                + (f" · zamknięto {vote.closed_at:%H:%M:%S}" if vote.closed_at else ""))
    if st.button("Pokaż na rzutniku", icon=":material/present_to_all:", key="to_projector",
                 help="Frekwencja na żywo, a po zamknięciu wynik — na cały ekran, bez menu."):
        st.session_state[PROJECTOR] = True
        st.rerun()
    if editing:
        if vote.state == "prepared" and st.button("Otwórz głosowanie", type="primary", icon=":material/play_arrow:"):
            _do(lambda: votes_.open(vote.id), "Głosowanie otwarte: karty działają od teraz.")
        if vote.state == "open":
            confirm = st.checkbox("Tak, zamykam głosowanie — później nie przyjmie już żadnej karty", key="close_ok")
            if st.button("Zamknij głosowanie i pokaż wynik", type="primary", icon=":material/stop:",
                         disabled=not confirm):
                _do(lambda: votes_.close(vote.id), "Głosowanie zamknięte. Skrót tabeli kart zapisano.")
    if vote.state != "closed":
        st.markdown("#### Frekwencja")
        st.html(f"<style>{TURNOUT_CSS}</style>")
        live_turnout(vote.id, vote.state)
    if editing:
        if vote.state == "open":
            paper_section(votes_, vote)
        cards_section(votes_, vote)
    if vote.state == "closed":
        results_section(votes_, vote, editing)


def _do(action: Callable[[], object], message: str) -> None:
    try:
        action()
    except UserError as exc:
        st.error(exc.message, icon=":material/error:")
        return
    st.session_state["vote_done"] = [message]
    st.rerun()


def projector_vote() -> Vote | None:
    """The vote on the projector: the office's choice, else the newest open one, else the newest."""
    votes_ = votes()
    chosen = st.session_state.get("vote_id")
    all_votes = votes_.all()
    for vote in all_votes:
        if vote.id == chosen:
            return vote
    open_ = [v for v in all_votes if v.state == "open"]
    return (open_ or all_votes or [None])[-1]
