"""The office's face of the voting page: prepare a vote, print cards, open and close it, type in paper
cards, save the result and download the protocol — each of these needs the right to edit.

Without that right (viewing open to all, ``PARTNERSTWO_PASSWORD_FOR_VIEWING=0``) the page shows the
votes and the code box a voter types into.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analysis import metrics, report
from analysis.display import counted, number, percent, printable, workshop_names
from analysis.display import markdown_text as md
from analysis.display import workshop_name as workshop_label
from analysis.errors import UserError
from analysis.vocabulary import SECTOR_LABELS
from analysis.voting import protocol
from analysis.voting.ballot_box import Choice, Vote, Votes
from views import _access, _survey_office
from views._data import current_view, loaded
from views._styles import TURNOUT_CSS
from views._vote_phone import code_box
from views._vote_projector import PROJECTOR, live_turnout
from views._vote_shared import by_sector, by_sector_table, find_card, phone_address, printed_cards, votes, workshop_name
from views._vote_shared import hall_help as shared_hall_help
from views._widgets import act, sample_banner

STATES = {"prepared": "przygotowane (jeszcze nie otwarte)", "open": "otwarte — trwa głosowanie",
          "closed": "zamknięte"}
OTHER_CHOICES = {"new": "Przygotuj nowe głosowanie…", "survey": "Ankieta partnerów na warsztacie bez głosowania…"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def hall_help(vote: Vote | None) -> None:
    shared_hall_help("kartę", phone_address(vote) if vote else None, "Karty wskazują",
                     "wszystko poza kartami do głosowania", "poproś o wpisanie kodu z karty")


def new_vote_form(votes_: Votes) -> None:
    data = loaded()
    schedule = data.workshops
    cycle = current_view().cycle or ""  # the sidebar's cycle (by default the one going on)
    numbers = sorted(workshop_names(schedule[schedule["cycle"] == cycle]))

    view = metrics.View(data, metrics.Filters(cycle=cycle))
    upcoming = metrics.next_workshop(view)
    default = upcoming.workshop if upcoming and upcoming.workshop in numbers else (numbers[-1] if numbers else 1)
    workshop = st.selectbox("Warsztat, na którym się głosuje", numbers or [1], index=(numbers or [1]).index(default),
                            format_func=lambda w: workshop_label(schedule, cycle, w), key="new_vote_workshop",
                            placeholder="Wybierz warsztat")
    candidates = metrics.ballot_candidates(view, workshop)
    with st.form("new_vote"):
        chosen = st.multiselect("Propozycje na karcie (domyślnie „pod głosowanie” z wcześniejszych warsztatów)",
                                list(candidates), default=[k for k, c in candidates.items() if c.waiting],
                                placeholder="Wybierz propozycje",
                                format_func=lambda k: f"w. {k[0]}, nr {k[1]}: {printable(candidates[k].title)[:80]}")
        max_choices = st.number_input("Ile propozycji może wybrać jeden głosujący (najwyżej)", 1, 20, 3)
        address = st.text_input("Adres panelu na sali (trafi do kodów QR na kartach)", value=phone_address(None),
                                help="Adres tego komputera w sieci sali lub hotspotu telefonu, z portem panelu. "
                                     "Karty drukuje się przed warsztatem: najlepiej ustaw w hotspocie stały adres.")
        if st.form_submit_button("Przygotuj głosowanie", type="primary", icon=":material/add:"):
            picked = [Choice(0, cycle, w, n, printable(candidates[w, n].title) or "(bez tytułu)", candidates[w, n].area)
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
    made = votes_.printed(vote.id)
    st.markdown("#### Karty do głosowania")
    if made:
        st.caption(f"Karty (wydrukowane i wydane na telefonach przy rejestracji): {by_sector(made)}.")
    turnout = votes_.result(vote.id).turnout
    if turnout.at_door:
        st.caption(f"Wydane przy rejestracji (karty na telefonach i karty papierowe zeskanowane przy stoliku): "
                   f"{by_sector({s: i for s, i, _ in turnout.by_sector})}. Frekwencja liczy tylko te karty.")
    if vote.state == "closed":
        return
    printed_cards(vote.id, "karty", lambda sector, count: votes_.issue_cards(vote.id, sector, count),
                  lambda made, _: report.cards_html(made, phone_address(vote), workshop_name(vote), vote.max_choices),
                  form="print_cards", file_key="vote_cards_file", lost=" Zgubione karty zastąp nowymi.")


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
                f"{number(result.turnout.issued)} kart{' wydanych przy rejestracji' if result.turnout.at_door else ''} "
                f"({percent(result.turnout.share)})")
    sentence = protocol.balance_sentence(result.balance)
    (st.success if result.balance.ok else st.error)(sentence, icon=":material/balance:")
    st.dataframe(by_sector_table(result), hide_index=True, width="stretch")
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
    options = [v.id for v in all_votes] + (["new"] if editing else []) + ["survey"]
    if options == ["survey"]:
        st.info("Nie ma jeszcze żadnego głosowania. Przygotować je może biuro (z hasłem, jeśli je ustawiono).",
                icon=":material/how_to_vote:")
    current = st.session_state.get("vote_id")
    if current not in options:
        current = options[0]
    selected = st.selectbox("Głosowanie", options, index=options.index(current), placeholder="Wybierz głosowanie",
                            format_func=lambda k: OTHER_CHOICES.get(k) or labels[k])
    st.session_state["vote_id"] = selected
    if selected == "survey":
        hall_help(None)
        if st.button("Pokaż na rzutniku", icon=":material/present_to_all:", key="survey_to_projector",
                     help="Liczba odpowiedzi na żywo — na cały ekran, bez menu."):
            st.session_state[PROJECTOR] = True
            st.rerun()
        _survey_office.without_vote(editing)
        return
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
    _survey_office.section(vote, editing)


def _do(action: Callable[[], object], message: str) -> None:
    act(action, message, "vote_done")
