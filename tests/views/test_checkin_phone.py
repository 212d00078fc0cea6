"""Self check-in on a phone (``views/_checkin_phone.py``): the poster's address, or the hall's network without the
office's password, reaches only the open check-in's form; a person is registered once; bad input is told in Polish."""

from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from analysis.checkin import CheckIns, phone
from analysis.store import open_store
from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, form, rows
from tests.checkin.support import fill as fill_store
from tests.helpers import arrive, shown_text

pytestmark = pytest.mark.usefixtures("fresh_store")


@pytest.fixture
def door():
    """The office's 2026 schedule, the first workshop's list, and the second workshop's check-in open."""
    store = open_store()
    fill_store(store)
    checkins = CheckIns(store)
    return store, checkins, checkins.open("2026", 2, CLAUSE + " Klauzula biura na warsztat 2.", KEEP_UNTIL, today=TODAY)


@pytest.fixture(autouse=True)
def typed_institutions(monkeypatch):
    """AppTest sends a selectbox's value only when it is one of the options; the browser sends what is typed into
    one with ``accept_new_options`` (a new institution) as the text itself, and so does this."""
    def widget_state(box: Selectbox) -> WidgetState:
        state = WidgetState(id=box.id)
        if box.value is not None:
            state.string_value = str(box.format_func(box.value))
        return state

    monkeypatch.setattr(Selectbox, "_widget_state", property(widget_state))


def arriving(checkin_id: str | None = None) -> AppTest:
    """A phone opening the check-in page: with the poster's address (``?wejscie=``), or the page alone."""
    return arrive("views/rejestracja.py", **({phone.PARAMETER: checkin_id} if checkin_id is not None else {}))


def fill(at: AppTest, name: str, institution: str | None = None, sector: str | None = None, gmina: str | None = None,
         consent: bool = True) -> AppTest:
    at.text_input(key="phone_name").input(name)
    if institution is not None:
        at.selectbox(key="phone_institution").set_value(institution).run()
    if sector is not None:
        at.selectbox(key="phone_sector").set_value(sector)
    if gmina is not None:
        at.selectbox(key="phone_gmina").set_value(gmina)
    if consent:
        at.checkbox(key="phone_consent").check()
    at.button(key="phone_submit").click().run()
    assert not at.exception, at.exception
    return at


def said(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("error", "warning", "info", "success") for e in getattr(at, kind)
                    ).replace("\\", "")  # markdown's escapes


def test_a_returning_person_checks_in_on_a_phone_and_a_second_tap_or_phone_stores_nothing_more(door):
    store, checkins, checkin = door
    at = arriving(checkin.id)
    assert not at.sidebar.selectbox and not at.metric  # no menu, no filters, no numbers: only the form
    assert "Klauzula biura na warsztat 2." in shown_text(at) and "Warsztat 2. Legionowo" in shown_text(at)
    at.text_input(key="phone_name").input("Anna Kowalska")
    at.selectbox(key="phone_institution").set_value("Urząd Gminy Serock").run()
    # the known institution brings its sector and gmina, which stay changeable
    assert (at.selectbox(key="phone_sector").value, at.selectbox(key="phone_gmina").value) == (
        "local_government", "serock")
    at.checkbox(key="phone_consent").check()
    at.button(key="phone_submit").click().run()
    text = shown_text(at)
    assert "Zarejestrowano" in text and "Witamy ponownie" in text and "na 1 warsztacie" in text
    assert "Kowalska" not in text and "Ewa" not in text  # never a name
    people = checkins.people(checkin.id)
    assert people[["institution", "sector", "gmina", "channel"]].values.tolist() == [
        ["Urząd Gminy Serock", "local_government", "serock", "phone"]]

    again = fill(arriving(checkin.id), "  anna   KOWALSKA ", "Urząd Gminy Serock")  # a second phone, a retry
    assert "Jesteś już na liście obecności tego warsztatu" in said(again) and "Zarejestrowano" not in said(again)
    assert rows(store) == 1

    at.button(key="phone_next").click().run()  # the next person on the same phone: an empty form
    assert at.text_input(key="phone_name").value == "" and not at.checkbox(key="phone_consent").value
    fill(at, "Zofia Nowa", "Stowarzyszenie Sąsiedzi", gmina="wieliszew")  # a new institution: its sector guessed
    assert "Zarejestrowano" in said(at) and "Witamy ponownie" not in shown_text(at)
    assert checkins.people(checkin.id)["sector"].tolist() == ["local_government", "ngo"]


def test_the_hall_network_reaches_only_the_open_check_ins_form_without_the_password(door, shared_on_network):
    store, checkins, checkin = door
    at = arriving()  # /rejestracja typed by hand, in the hall's network, no password
    assert at.text_input(key="phone_name") and "Warsztat 2. Legionowo" in shown_text(at)
    assert not at.sidebar.selectbox and not at.metric and not at.dataframe
    fill(at, "Piotr Lis", "Fundacja Razem")
    assert "Zarejestrowano" in said(at) and rows(store) == 1


@pytest.mark.parametrize(("name", "institution", "sector", "gmina", "consent", "sentence"), [
    ("", "Fundacja Razem", None, None, True, "Wpisz imię i nazwisko."),
    ("Jan", "Fundacja Razem", None, None, True, "oba, np. „Anna Kowalska”"),
    ("x1 y2", "Fundacja Razem", None, None, True, "tylko litery"),
    ("Anna " + "Kowalska" * 62, "Fundacja Razem", None, None, True, "najwyżej 80"),
    ("Anna\u0007 Kowalska", "Fundacja Razem", None, None, True, "znaki sterujące"),
    ("Anna Kowalska", "Fundacja Razem", None, None, False, "Bez zgody"),
    ("Olga Mróz", "Klub Nowy", None, None, True, "Tej instytucji nie znamy jeszcze — wybierz sektor i gminę"),
    ("Olga Mróz", "Fundacja Nowa", None, None, True, "Tej instytucji nie znamy jeszcze — wybierz gminę"),
    ("Olga Mróz", None, "ngo", None, True, "Bez nazwy instytucji — wybierz gminę"),
    ("Olga Mróz", "Fundacja\u200b Nowa", "ngo", "serock", True, "znaki sterujące"),
    ("Olga Mróz", "x" * 201, "ngo", "serock", True, "najwyżej 200"),
])
def test_every_bad_input_gets_a_polish_sentence_and_nothing_is_stored(door, name, institution, sector, gmina, consent,
                                                                     sentence):
    store, _, checkin = door
    at = fill(arriving(checkin.id), name, institution, sector, gmina, consent)
    assert sentence in " ".join(e.value for e in at.error), [e.value for e in at.error]
    assert "Zarejestrowano" not in said(at) and rows(store) == 0
    assert at.text_input(key="phone_name").value == name  # what was typed stays, to be corrected


def test_a_check_in_closed_meanwhile_or_a_form_of_another_workshop_is_refused(door):
    store, checkins, checkin = door
    at = arriving(checkin.id)
    at.session_state["phone_form"] = (checkin.id, "2026", 3)  # a form made for workshop 3 sent to this check-in
    fill(at, "Maria Zielińska", "Fundacja Razem")
    assert "z rejestracji na inny warsztat (2)" in " ".join(e.value for e in at.error) and rows(store) == 0

    at = arriving(checkin.id)
    at.text_input(key="phone_name").input("Maria Zielińska")
    at.selectbox(key="phone_institution").set_value("Fundacja Razem").run()
    at.checkbox(key="phone_consent").check()
    checkins.check_in(form(checkin.id, "Ewa Wiśniewska"))
    checkins.close(checkin.id)  # the office closes while the phone's form is filled in
    at.button(key="phone_submit").click().run()
    assert "Legionowo jest już zamknięta — nikogo nie zapisano" in said(at)
    assert len(checkins.people(checkin.id)) == 1


def test_a_stale_poster_is_told_the_check_in_is_closed_and_led_to_the_one_open_now(door):
    store, checkins, checkin = door
    checkins.check_in(form(checkin.id, "Ewa Wiśniewska"))
    checkins.close(checkin.id)
    today = checkins.open("2026", 3, CLAUSE, KEEP_UNTIL, today=TODAY)
    at = arriving(checkin.id)  # last month's poster
    assert "Rejestracja na warsztat 2. Legionowo jest już zamknięta" in said(at)
    assert not [t for t in at.text_input if t.key == "phone_name"]
    [go] = [b for b in at.button if b.key == f"phone_go_{today.id}"]
    assert go.label == "Warsztat 3. Jabłonna"
    go.click().run()
    assert at.query_params[phone.PARAMETER] == today.id and at.text_input(key="phone_name")


def test_without_an_open_check_in_the_phone_is_told_to_wait_and_an_unknown_one_is_refused(door, shared_on_network):
    store, checkins, checkin = door
    unknown = arriving("0" * 32)
    assert "Nie ma takiej rejestracji" in said(unknown) and not [t for t in unknown.text_input if t.key == "phone_name"]
    checkins.check_in(form(checkin.id, "Ewa Wiśniewska"))
    checkins.close(checkin.id)
    at = arriving()
    assert "Rejestracja na warsztat nie jest teraz otwarta" in said(at)


def _ballot_link(at: AppTest) -> str | None:
    """The token the phone's "open my card" link carries (``/glosowanie?karta=…``), None without one."""
    links = [e for e in at.get("page_link") if "kartę do głosowania" in e.proto.label]
    if not links:
        return None
    [link] = links
    assert link.proto.page.endswith("glosowanie")
    return dict(part.split("=", 1) for part in link.proto.query_string.split("&"))["karta"]


def test_with_a_vote_prepared_the_phone_shows_the_persons_ballot_card_once(door):
    from analysis.voting import codes
    from analysis.voting.ballot_box import Votes
    from analysis.voting.tally import Choice

    store, checkins, checkin = door
    votes = Votes(store)
    vote = votes.create("2026", 2, [Choice(0, "2026", 1, 1, "Propozycja", 1)], 1, "http://192.168.1.20:8501")
    at = fill(arriving(checkin.id), "Maria Zielińska", "Fundacja Razem")
    text = shown_text(at)
    assert "Zarejestrowano" in text and "Twoja karta do głosowania" in text
    assert "Sektor: **Organizacje pozarządowe**" in text
    token = _ballot_link(at)
    assert token and votes.card(codes.recognise(f"karta={token}")).vote.id == vote.id
    assert "Kod karty:" in text
    [code] = [part for part in text.split("**") if len(part) == 11 and part[4] == "-" and part[9] == "-"]
    assert votes.card(codes.recognise(code)).hash == codes.token_hash(token)

    at.button(key="phone_next").click().run()  # the next person on this phone; then the same person again
    fill(at, "maria zielińska", "Fundacja Razem")
    assert "Jesteś już na liście obecności" in said(at) and _ballot_link(at) == token  # the same card, from the session

    second = fill(arriving(checkin.id), "Maria Zielińska", "Fundacja Razem")  # a second phone of the same person
    assert _ballot_link(second) is None and "dostała już kartę" in said(second)
    assert votes.printed(vote.id) == {"ngo": 1} and votes.issued(vote.id) == {"ngo": 1}


def test_without_a_vote_prepared_the_phone_shows_no_card(door):
    store, checkins, checkin = door
    at = fill(arriving(checkin.id), "Maria Zielińska", "Fundacja Razem")
    assert "Zarejestrowano" in said(at) and _ballot_link(at) is None and "karta do głosowania" not in shown_text(at)


def test_one_phone_registering_many_people_in_a_row_is_sent_to_the_desk(door):
    store, checkins, checkin = door
    at = arriving(checkin.id)
    people = ["Anna Alfa", "Beata Beta", "Celina Gamma", "Dorota Delta", "Ewa Epsilon", "Filip Zeta"]
    for name in people[:5]:
        fill(at, name, "Fundacja Razem")
        assert "Zarejestrowano" in said(at), said(at)
        at.button(key="phone_next").click().run()
    fill(at, people[5], "Fundacja Razem")
    assert "zarejestrowano przed chwilą kilka osób" in said(at) and "stoliku organizatorów" in said(at)
    assert rows(store) == 5
    other = fill(arriving(checkin.id), people[5], "Fundacja Razem")  # another phone in the same hall's Wi-Fi
    assert "Zarejestrowano" in said(other) and rows(store) == 6


def test_a_phone_gives_the_optional_gender_and_age_group_and_the_next_person_starts_from_not_given(door):
    store, checkins, checkin = door
    at = arriving(checkin.id)
    assert at.radio(key="phone_gender").value == ""  # a row of choices on a phone: one tap, no keyboard
    assert at.radio(key="phone_gender").options == ["Nie podano", "Kobieta", "Mężczyzna", "Inna"]
    assert at.radio(key="phone_age_group").options == ["Nie podano", "do 29 lat", "30–44 lata", "45–59 lat",
                                                       "60 lat i więcej"]
    assert any("Płeć i wiek są dobrowolne" in c.value for c in at.caption)
    at.radio(key="phone_gender").set_value("male")
    at.radio(key="phone_age_group").set_value("60_plus")
    fill(at, "Anna Kowalska", "Urząd Gminy Serock")
    assert "Zarejestrowano" in said(at)
    [person] = store.checked_in(checkin.id)
    assert (person.gender, person.age_group) == ("male", "60_plus")
    at.button(key="phone_next").click().run()
    assert at.radio(key="phone_gender").value == "" and at.radio(key="phone_age_group").value == ""


def _survey_link(at: AppTest) -> dict[str, str] | None:
    """The query of the phone's "fill in the survey" link (``/glosowanie?karta=…&ankieta=1``), None without one."""
    links = [e for e in at.get("page_link") if "ankietę partnerów" in e.proto.label]
    if not links:
        return None
    [link] = links
    assert link.proto.page.endswith("glosowanie")
    return dict(part.split("=", 1) for part in link.proto.query_string.split("&"))


def test_with_the_survey_open_and_no_vote_the_phone_shows_the_persons_survey_card_once(door):
    from analysis.survey.box import Surveys
    from analysis.voting import codes

    store, checkins, checkin = door
    surveys = Surveys(store)
    survey = surveys.open("2026", 2)
    at = fill(arriving(checkin.id), "Maria Zielińska", "Fundacja Razem")
    text = shown_text(at)
    assert "Zarejestrowano" in text and "Ankieta partnerów" in text and _ballot_link(at) is None
    query = _survey_link(at)
    assert query is not None and query["ankieta"] == "1"
    card = surveys.card(codes.recognise(f"karta={query['karta']}"))
    assert (card.kind, card.survey, card.sector) == ("survey", survey, "ngo")
    [code] = [part for part in text.split("**") if len(part) == 11 and part[4] == "-" and part[9] == "-"]
    assert surveys.card(codes.recognise(code)).hash == card.hash
    at.button(key="phone_next").click().run()
    fill(at, "maria zielińska", "Fundacja Razem")  # the same person again on this phone: the same card
    assert _survey_link(at) == query
    second = fill(arriving(checkin.id), "Maria Zielińska", "Fundacja Razem")  # a second phone
    assert _survey_link(second) is None and "dostała już kartę ankiety" in said(second)
    assert surveys.cards_made(survey.id) == {"ngo": 1}


def test_the_phones_count_of_check_ins_and_the_check_in_are_made_in_one_turn_at_the_store(door, monkeypatch):
    """The browser's count of check-ins (``analysis.guard``) is a write as the check-in is: both wait in the store's
    one queue of this process, in order — not the count in SQLite's busy handler, overtaken by later phones."""
    from analysis import guard
    from analysis.checkin import desk

    store, checkins, checkin = door
    held = []
    count = guard.Guard._count

    def counted(self, keys):
        queue = desk._QUEUES.get(store.url)
        held.append(store.is_sqlite and queue is not None and queue._is_owned())
        return count(self, keys)

    monkeypatch.setattr(guard.Guard, "_count", counted)
    at = fill(arriving(checkin.id), "Anna Kowalska", "Urząd Gminy Serock")
    assert "Zarejestrowano" in said(at) and rows(store) == 1
    assert held == [store.is_sqlite]  # counted once, holding the store's turn (SQLite; PostgreSQL queues itself)
