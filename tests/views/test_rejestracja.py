"""The page "Rejestracja" (the office's desk): open a workshop's check-in, check people in, the live count,
close it into the workshop's attendance list."""

from __future__ import annotations

import pytest

from analysis.checkin import CheckIns
from analysis.store import open_store
from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, fill
from tests.helpers import open_page, shown_text

pytestmark = pytest.mark.usefixtures("fresh_store")


@pytest.fixture
def own_schedule():
    """The office's 2026 schedule (the sample goes) and the first workshop's list."""
    store = open_store()
    fill(store)
    return store


def _button(at, label: str):
    [found] = [b for b in at.button if b.label == label]
    return found


def _desk(at, name: str, institution: str | None, sector: str | None = None) -> None:
    [typed] = [t for t in at.text_input if t.label.startswith("Imię i nazwisko")]
    typed.input(name)
    [chosen] = [s for s in at.selectbox if s.label.startswith("Instytucja")]
    chosen.set_value(institution)
    if sector is not None:
        [s for s in at.selectbox if s.label.startswith("Sektor")][0].set_value(sector)
    _button(at, "Zarejestruj").click().run()


def test_the_desk_opens_checks_in_counts_and_closes_into_the_workshops_list(own_schedule):
    at = open_page("views/rejestracja.py")
    assert at.title[0].value == "Rejestracja" and not at.exception
    at.selectbox(key="checkin_workshop").set_value(2).run()
    _button(at, "Otwórz rejestrację").click().run()
    assert "Rejestracja na warsztat 2 otwarta" in shown_text(at)
    [institutions] = [s for s in at.selectbox if s.label.startswith("Instytucja")]
    assert "Urząd Gminy Serock" in institutions.options and "Fundacja Razem" in institutions.options

    _desk(at, "anna kowalska", "Urząd Gminy Serock")
    assert "Witamy ponownie" in shown_text(at) and "na 1 warsztacie" in shown_text(at)
    _desk(at, "Anna Kowalska", "Urząd Gminy Serock")
    assert "jest już zarejestrowana" in shown_text(at)
    _desk(at, "Piotr Lis", None, "ngo")  # no institution: its sector and gmina must be chosen
    assert "Bez nazwy instytucji — wybierz gminę z listy" in " ".join(e.value for e in at.error)
    _desk(at, "Jan", "Fundacja Razem")
    assert "oba, np. „Anna Kowalska”" in " ".join(e.value for e in at.error)
    [metric] = [m for m in at.metric if m.label == "Zarejestrowani przy wejściu"]
    assert metric.value == "1"

    at.checkbox(key="checkin_close_ok").check().run()
    _button(at, "Zamknij rejestrację i zapisz listę obecności").click().run()
    assert "Rejestracja zamknięta" in shown_text(at) and not at.exception
    [checkin] = CheckIns(open_store()).all()
    assert checkin.state == "closed" and open_store().batch(checkin.batch_id).rows == 1
    assert "Warsztat 2. Legionowo jest odbyty" in shown_text(at)
    assert [d for d in at.get("download_button") if "listę obecności" in d.proto.label]


def test_the_sample_alone_has_no_check_in_and_the_page_says_why():
    at = open_page("views/rejestracja.py")
    at.selectbox(key="checkin_workshop").set_value(5).run()
    _button(at, "Otwórz rejestrację").click().run()
    assert "należy do danych przykładowych" in " ".join(e.value for e in at.error)
    assert CheckIns(open_store()).all() == []


def test_the_names_are_shredded_from_the_page_after_closing(own_schedule):
    checkins = CheckIns(open_store())
    at = open_page("views/rejestracja.py")
    at.selectbox(key="checkin_workshop").set_value(3).run()
    _button(at, "Otwórz rejestrację").click().run()
    _desk(at, "Ewa Wiśniewska", "Urząd Gminy Serock")
    at.checkbox(key="checkin_close_ok").check().run()
    _button(at, "Zamknij rejestrację i zapisz listę obecności").click().run()
    [checkin] = checkins.all()
    assert checkin.list_file.is_file() and checkin.folder.is_dir()
    assert _button(at, "Zniszcz nazwiska z tej rejestracji").disabled  # asked first
    at.checkbox(key="checkin_shred_ok").check().run()
    _button(at, "Zniszcz nazwiska z tej rejestracji").click().run()
    assert "Nazwiska zniszczone" in shown_text(at) and not checkin.folder.exists()
    assert checkins.get(checkin.id).state == "shredded" and "Nazwiska zniszczono" in shown_text(at)


def test_an_open_check_in_shows_the_phones_address_and_offers_the_poster(own_schedule):
    """The poster itself (made when it is downloaded): tests/checkin/test_poster.py."""
    at = open_page("views/rejestracja.py")
    assert not [d for d in at.get("download_button") if "plakat" in d.proto.label]  # nothing open yet
    at.selectbox(key="checkin_workshop").set_value(2).run()
    at.text_input(key="checkin_open_address").input("http://10.1.2.3:8501/")
    _button(at, "Otwórz rejestrację").click().run()
    [checkin] = CheckIns(open_store()).all()
    assert checkin.address == "http://10.1.2.3:8501"  # kept with the check-in: a poster printed later shows it
    at.text_input(key="checkin_network").input("Sala-Gosc").run()
    [poster] = [d for d in at.get("download_button") if "plakat" in d.proto.label]
    assert poster.proto.label == "Pobierz plakat A4 z kodem QR (do druku)"
    assert "http://10.1.2.3:8501/rejestracja" in shown_text(at) and "Telefony na sali" in shown_text(at)
    assert "Plakat wskazuje inny adres" in shown_text(at) or "słucha teraz tylko na tym komputerze" in shown_text(at)

    later = open_page("views/rejestracja.py")  # another day, another session: the same address
    later.selectbox(key="checkin_workshop").set_value(2).run()
    assert later.text_input(key=f"checkin_address_{checkin.id}").value == "http://10.1.2.3:8501"
    assert "http://10.1.2.3:8501/rejestracja" in shown_text(later)
    later.text_input(key=f"checkin_address_{checkin.id}").input("10.1.2.3 8501").run()
    assert "musi zaczynać się od http://" in " ".join(e.value for e in later.error)
    later.text_input(key=f"checkin_address_{checkin.id}").input("http://10.9.9.9:8501").run()
    assert "Zapisano adres panelu na sali" in shown_text(later)
    assert CheckIns(open_store()).get(checkin.id).address == "http://10.9.9.9:8501"
    assert "http://10.9.9.9:8501/rejestracja" in shown_text(later)


def test_with_a_vote_prepared_the_desk_scans_the_printed_card_with_the_person(own_schedule):
    from analysis.voting.ballot_box import Votes
    from analysis.voting.tally import Choice

    checkins = CheckIns(own_schedule)
    checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    at = open_page("views/rejestracja.py")
    at.selectbox(key="checkin_workshop").set_value(2).run()
    assert not [t for t in at.text_input if t.key == "checkin_card"]  # no vote: no card box
    votes = Votes(own_schedule)
    vote = votes.create("2026", 2, [Choice(0, "2026", 1, 1, "Propozycja", 1)], 1, "http://192.168.1.20:8501")
    [ngo] = votes.issue_cards(vote.id, "ngo", 1)
    [public] = votes.issue_cards(vote.id, "local_government", 1)
    at.run()
    at.text_input(key="checkin_card").input(ngo.code)
    _desk(at, "Anna Kowalska", "Urząd Gminy Serock")
    warned = " ".join(w.value for w in at.warning)
    assert "Witamy ponownie" in warned and "Karty do głosowania nie wydano" in warned
    assert "karta sektora „Organizacje pozarządowe”" in warned
    assert at.text_input(key="checkin_card").value == ngo.code  # kept, to be corrected
    at.text_input(key="checkin_card").input(public.code.lower())
    _desk(at, "Anna Kowalska", "Urząd Gminy Serock")  # Enter again: already registered, the card handed out
    assert "Wydano kartę do głosowania sektora „Samorząd (gminy i powiat)”" in shown_text(at)
    assert at.text_input(key="checkin_card").value == ""
    assert votes.issued(vote.id) == {"local_government": 1}
    assert [p.has_card for p in own_schedule.checked_in(checkin.id)] == [True]


def test_the_desk_takes_the_optional_gender_and_age_group_after_the_name_and_empties_them_for_the_next(own_schedule):
    at = open_page("views/rejestracja.py")
    at.selectbox(key="checkin_workshop").set_value(2).run()
    _button(at, "Otwórz rejestrację").click().run()
    labels = [s.label for s in at.selectbox]
    # after the institution (and the name: Enter there registers), never before them
    assert labels.index("Płeć (nieobowiązkowo)") > labels.index("Instytucja (zacznij pisać, ↓ wybiera znaną, Enter "
                                                                "zatwierdza)")
    assert at.selectbox(key="checkin_gender").value == "" and at.selectbox(key="checkin_age_group").value == ""
    assert at.selectbox(key="checkin_gender").format_func("") == "Nie podano"
    at.selectbox(key="checkin_gender").set_value("female")
    at.selectbox(key="checkin_age_group").set_value("under_30")
    _desk(at, "Anna Kowalska", "Urząd Gminy Serock")
    assert "Witamy ponownie" in shown_text(at)
    assert at.selectbox(key="checkin_gender").value == "" and at.selectbox(key="checkin_age_group").value == ""
    _desk(at, "Olga Mróz", "Fundacja Razem")  # the fast path: nothing chosen, not given
    [checkin] = CheckIns(open_store()).all()
    people = open_store().checked_in(checkin.id)
    assert sorted((p.gender or "-", p.age_group or "-") for p in people) == [("-", "-"), ("female", "under_30")]
    assert "Kobieta" not in shown_text(at)  # never shown beside a person


def _enter_name(at, name: str) -> None:
    """The desk types a name and presses Enter in its field (the form's submit), nothing else chosen."""
    [typed] = [t for t in at.text_input if t.label.startswith("Imię i nazwisko")]
    typed.input(name)
    _button(at, "Zarejestruj").click().run()


def _institution(at):
    [chosen] = [s for s in at.selectbox if s.label.startswith("Instytucja")]
    return chosen


def test_a_returning_person_at_the_desk_is_the_name_enter_and_enter_with_their_institution_filled_in(own_schedule):
    checkin = CheckIns(own_schedule).open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    at = open_page("views/rejestracja.py")
    at.selectbox(key="checkin_workshop").set_value(2).run()
    labels = [t.label for t in at.text_input if t.key == "checkin_name"] + [s.label for s in at.selectbox]
    assert labels.index("Imię i nazwisko (Enter: osobie powracającej wpiszemy instytucję, drugi Enter rejestruje)") \
        < labels.index("Instytucja (zacznij pisać, ↓ wybiera znaną, Enter zatwierdza)")  # the name first

    _enter_name(at, "anna KOWALSKA")  # on the first workshop's list, at Urząd Gminy Serock
    said = " ".join(i.value for i in at.info)
    assert "Witamy ponownie" in said and "na 1 warsztacie" in said and "Urząd Gminy Serock" in said
    assert _institution(at).value == "Urząd Gminy Serock"
    assert own_schedule.checked_in(checkin.id) == []  # looked up, not yet checked in
    assert "Kowalska" not in said and "Wiśniewska" not in said and "Nowak" not in said  # no name is listed

    _button(at, "Zarejestruj").click().run()  # the second Enter
    assert "Zarejestrowano. **Witamy ponownie**" in " ".join(s.value for s in at.success)
    [row] = own_schedule.checked_in(checkin.id)
    assert (row.institution, row.sector, row.gmina) == ("Urząd Gminy Serock", "local_government", "serock")
    assert at.text_input(key="checkin_name").value == "" and _institution(at).value is None  # ready for the next

    _enter_name(at, "Anna Kowalska")  # again: on the list already, nothing added
    assert "jest już zarejestrowana" in " ".join(s.value for s in at.success)
    assert len(own_schedule.checked_in(checkin.id)) == 1


def test_the_second_enter_registers_the_institution_on_the_screen_before_the_browser_has_taken_it(own_schedule):
    """A busy laptop draws the institution the look-up filled in before its form takes that value: an Enter in that
    moment sends the field as still empty. The person is checked in with the institution the desk sees (not looked up
    again, which made the Enter seem lost); an Enter pressed before the page was drawn looks up as before."""
    checkin = CheckIns(own_schedule).open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    at = open_page("views/rejestracja.py")
    at.selectbox(key="checkin_workshop").set_value(2).run()
    _enter_name(at, "anna KOWALSKA")
    assert _institution(at).value == "Urząd Gminy Serock"
    _institution(at).set_value(None)  # what the browser sends in that moment
    _button(at, "Zarejestruj").click().run()  # the second Enter
    assert "Zarejestrowano. **Witamy ponownie**" in " ".join(s.value for s in at.success)
    [row] = own_schedule.checked_in(checkin.id)
    assert (row.institution, row.sector, row.gmina) == ("Urząd Gminy Serock", "local_government", "serock")
    assert at.text_input(key="checkin_name").value == "" and _institution(at).value is None  # ready for the next

    _enter_name(at, "Jan Nowak")  # on the first list, at Fundacja Razem
    at.session_state["checkin_looked_up"].shown = False  # as if the Enter came before the page was drawn
    _institution(at).set_value(None)
    _button(at, "Zarejestruj").click().run()  # an Enter before the look-up's answer was on the screen
    assert "Witamy ponownie" in " ".join(i.value for i in at.info) and _institution(at).value == "Fundacja Razem"
    assert len(own_schedule.checked_in(checkin.id)) == 1  # looked up again, nobody checked in unseen


def test_a_new_person_at_the_desk_is_asked_for_an_institution_and_a_changed_name_is_looked_up_again(own_schedule):
    checkin = CheckIns(own_schedule).open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    at = open_page("views/rejestracja.py")
    at.selectbox(key="checkin_workshop").set_value(2).run()
    _enter_name(at, "Zofia Nowa")
    assert "pierwszy warsztat. Wpisz jej instytucję" in " ".join(i.value for i in at.info)
    assert _institution(at).value is None and own_schedule.checked_in(checkin.id) == []
    _institution(at).set_value("Fundacja Razem")
    _button(at, "Zarejestruj").click().run()
    assert "Pierwszy warsztat tej osoby" in " ".join(s.value for s in at.success)

    _enter_name(at, "Anna Kowalska")  # Urząd Gminy Serock filled in...
    _enter_name(at, "Jan Nowak")  # ...then the name corrected: not checked in with Anna's institution
    assert "Fundacja Razem" in " ".join(i.value for i in at.info) and _institution(at).value == "Fundacja Razem"
    assert len(own_schedule.checked_in(checkin.id)) == 1


def test_a_person_whose_phone_with_the_card_is_lost_is_told_at_the_desk_how_to_vote_and_counted_once(own_schedule):
    from analysis.checkin import Form, cards
    from analysis.voting.ballot_box import Votes
    from analysis.voting.tally import Choice

    checkins = CheckIns(own_schedule)
    checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    votes = Votes(own_schedule)
    vote = votes.create("2026", 2, [Choice(0, "2026", 1, 1, "Propozycja", 1)], 1, "http://192.168.1.20:8501")
    [printed] = votes.issue_cards(vote.id, "local_government", 1)
    done = checkins.check_in(Form(checkin.id, "2026", 2, "Anna Kowalska", "Urząd Gminy Serock", consent=True,
                                  channel="phone"))
    assert cards.at_phone(checkins, checkin, done.person).token  # the card on her phone, which she then loses
    at = open_page("views/rejestracja.py")
    at.selectbox(key="checkin_workshop").set_value(2).run()
    at.text_input(key="checkin_card").input(printed.code)
    _enter_name(at, "anna kowalska")  # the name and the printed card's code, nothing else
    warned = " ".join(w.value for w in at.warning)
    assert "jest już zarejestrowana" in warned and "Karty do głosowania nie wydano" in warned
    assert "Zgubiony telefon z kartą?" in warned and "pole „Kod z karty”" in warned
    assert "miałaby dwa głosy" in warned
    assert at.text_input(key="checkin_name").value == "" and at.text_input(key="checkin_card").value == ""  # next
    assert votes.issued(vote.id) == {"local_government": 1}  # the phone's card only: the printed one not handed out
    assert len(own_schedule.checked_in(checkin.id)) == 1  # and she is on the list once
