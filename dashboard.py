"""Entry point: page config, navigation over the views in ``views/``, the shared sidebar filters.

Run with ``streamlit run dashboard.py``. Streamlit then imports this file as a module (its name is
not ``__main__``) and serves ``app``: the pages behind the gate (``views/_gate.py``), which refuses
uploads before the password, binds a session to its browser and counts clients by their real
address. Every page run executes this file as ``__main__``: the page frame below.
"""

import streamlit as st

if __name__ != "__main__":  # imported by the web server, not run for a page
    from views._gate import lifespan, middleware

    app = st.App(__file__, middleware=middleware(), lifespan=lifespan)
else:
    from views._access import may_view, viewing_allowed, wants_ballot, wants_checkin
    from views._startup import configure_page, preload_chart_library

    configure_page()
    voter = wants_ballot()  # a ballot card opens only its own ballot: no menu, no data, no password
    arriving = wants_checkin()  # a phone at the door: only the check-in form, as a card's ballot
    if not (voter or arriving) and may_view():
        preload_chart_library()  # the browser loads its chart library while the modules below are imported

    # imported only now, after the chart library's preload is on its way (views/_startup.py): pandas,
    # SQLAlchemy and Arrow take ~1.5 s on a first start
    from analysis.display import PARTNERSHIP
    from views._data import prepare_numbers, sidebar_filters
    from views._session import allocate_to_give_back, freeze_startup_heap, watch_session

    allocate_to_give_back()  # before the first data: what a closed session frees goes back to the system
    freeze_startup_heap()  # once per process: Streamlit's collection after every run walks only what sessions make
    watch_session()  # a closed browser's session is released soon, not when the server stops
    navigation = st.navigation(
        {
            "Analizy": [
                st.Page("views/przeglad.py", title="Przegląd", icon=":material/dashboard:", default=True),
                st.Page("views/uczestnictwo.py", title="Uczestnictwo sektorów", icon=":material/groups:"),
                st.Page("views/propozycje.py", title="Propozycje projektów", icon=":material/lightbulb:"),
                st.Page("views/postep.py", title="Postęp cyklu", icon=":material/timeline:"),
                st.Page("views/zaproszenia.py", title="Kogo zaprosić", icon=":material/person_add:"),
                st.Page("views/cykle.py", title="Cykl do cyklu", icon=":material/compare_arrows:"),
                st.Page("views/prezentacja.py", title="Prezentacja i raporty", icon=":material/slideshow:"),
            ],
            "Warsztat": [
                st.Page("views/rejestracja.py", title="Rejestracja", icon=":material/how_to_reg:"),
                st.Page("views/glosowanie.py", title="Głosowanie", icon=":material/how_to_vote:"),
            ],
            "Dane": [
                st.Page("views/dane.py", title="Import danych", icon=":material/upload_file:"),
                st.Page("views/historia.py", title="Historia importu", icon=":material/history:"),
                st.Page("views/slownik.py", title="Słownik pojęć", icon=":material/menu_book:"),
            ],
        },
        position="sidebar" if may_view() and not (voter or arriving) else "hidden",
    )
    if navigation.url_path == "glosowanie" and (voter or not may_view()):
        navigation.run()  # the voting page decides itself: a card's ballot, or the code box and the password
        st.stop()
    if navigation.url_path == "rejestracja" and (arriving or not may_view()):
        navigation.run()  # the check-in page decides itself: the phone's form, and the office's password
        st.stop()
    if not viewing_allowed():
        st.stop()

    st.session_state["filters"] = sidebar_filters()
    st.sidebar.caption(PARTNERSHIP)
    navigation.run()
    prepare_numbers()  # once per dataset, after the page is drawn: every page's first numbers, in the background
