"""The ballot card that comes with the check-in: one per person by the database, on the phone or printed at the
desk, nothing in the store that pairs a person with a card, and the turnout counting the cards handed out."""

from __future__ import annotations

import multiprocessing
import threading

import pytest
import sqlalchemy as sa

from analysis.checkin import CheckIns, cards
from analysis.errors import UserError
from analysis.store.schema import checkin_people_table, metadata, vote_cards_table
from analysis.voting import codes, protocol
from analysis.voting.ballot_box import Votes
from analysis.voting.tally import Choice
from tests import race
from tests.checkin.support import form
from tests.stores import KEY

BALLOT = [Choice(0, "2026", 1, n, f"Propozycja {n}", 1) for n in (1, 2, 3)]


def prepared(store, workshop: int = 2):
    votes = Votes(store)
    return votes, votes.create("2026", workshop, BALLOT, 2, "http://192.168.1.20:8501")


def checked_in(checkins: CheckIns, checkin, name: str, institution: str = "Urząd Gminy Serock", **given):
    return checkins.check_in(form(checkin.id, name, institution, **given))


def door_cards(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(vote_cards_table)
                                              .where(vote_cards_table.c.handed_out.is_(sa.true()))).mappings()]


def test_a_phone_check_in_gives_one_card_of_the_persons_sector_and_never_a_second(desk):
    store, checkins, checkin = desk
    votes, vote = prepared(store)
    done = checked_in(checkins, checkin, "Maria Zielińska", "Fundacja Nowa", sector="ngo", gmina="serock",
                      channel="phone")
    given = cards.at_phone(checkins, checkin, done.person)
    assert given is not None and given.token and given.sector == "ngo" and not given.given_before
    card = votes.card(codes.recognise(given.path()))  # the phone's link opens the card of this vote
    assert (card.vote.id, card.sector, card.used) == (vote.id, "ngo", False)
    assert votes.card(codes.recognise(given.code or "")).hash == card.hash  # its printed-style code too
    # a retry whose answer was lost, a second phone, a double tap: no second card, and no token shown again
    again = [cards.at_phone(checkins, checkin, checked_in(checkins, checkin, "  maria ZIELINSKA", "Fundacja Nowa",
                                                          channel="phone").person) for _ in range(3)]
    assert all(a is not None and a.given_before and a.token is None for a in again)
    # the desk after the phone: refused, the printed card stays free
    [printed] = votes.issue_cards(vote.id, "ngo", 1)
    with pytest.raises(UserError) as refused:
        cards.at_desk(checkins, checkin, done.person, printed.code)
    assert refused.value.code == "card_already_given" and "drugiej nie wydajemy" in refused.value.message
    [made] = door_cards(store)
    assert made["token_hash"] == codes.token_hash(given.token) and made["issued_at"] == vote.created_at
    assert len(votes.printed(vote.id)) == 1 and votes.printed(vote.id)["ngo"] == 2  # no third card
    token_or_code = {given.token, given.code, codes.normalise_code(given.code or "")}
    with store.engine.connect() as conn:  # the token and code are nowhere in the store in plain text
        for table in metadata.sorted_tables:
            text = " ".join(str(v) for r in conn.execute(sa.select(table)) for v in r)
            assert not any(t in text for t in token_or_code), table.name


def test_the_same_person_tapping_on_many_phones_at_once_gets_one_card(desk):
    store, checkins, checkin = desk
    prepared(store)
    done = checked_in(checkins, checkin, "Piotr Lis", channel="phone")
    barrier = threading.Barrier(8)
    given: list = []

    def tap() -> None:
        barrier.wait(timeout=60)
        given.append(cards.at_phone(CheckIns(store), checkin, done.person))

    threads = [threading.Thread(target=tap) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(given) == 8 and sum(1 for g in given if g.token) == 1
    assert len(door_cards(store)) == 1


def test_without_a_prepared_vote_a_check_in_gives_no_card_and_changes_nothing(desk):
    store, checkins, checkin = desk
    votes, vote = prepared(store, workshop=3)  # another workshop's vote
    done = checked_in(checkins, checkin, "Olga Mróz", channel="phone")
    assert cards.at_phone(checkins, checkin, done.person) is None
    assert not cards.vote_prepared(checkins, checkin)
    _, ours = prepared(store)
    votes.open(ours.id)
    votes.close(ours.id)  # closed: no card either
    assert cards.at_phone(checkins, checkin, done.person) is None and door_cards(store) == []
    assert not checkins.store.checked_in(checkin.id, done.person)[0].has_card


def test_a_printed_card_scanned_at_the_desk_is_handed_out_once_to_the_persons_sector(desk):
    store, checkins, checkin = desk
    votes, vote = prepared(store)
    ngo = votes.issue_cards(vote.id, "ngo", 2)
    [public] = votes.issue_cards(vote.id, "local_government", 1)
    _, other = prepared(store, workshop=3)
    [elsewhere] = votes.issue_cards(other.id, "local_government", 1)
    anna = checked_in(checkins, checkin, "Anna Kowalska").person  # Urząd Gminy Serock: local government
    jan = checked_in(checkins, checkin, "Jan Nowak", "Fundacja Razem").person  # ngo
    ewa = checked_in(checkins, checkin, "Ewa Wiśniewska").person

    def refused(person: str, typed: str) -> UserError:
        with pytest.raises(UserError) as caught:
            cards.at_desk(checkins, checkin, person, typed)
        return caught.value

    wrong = refused(anna, ngo[0].code)
    assert wrong.code == "card_wrong_sector"
    assert "karta sektora „Organizacje pozarządowe”" in wrong.message and "Karty nie wydano." in wrong.message
    assert refused(anna, elsewhere.code).code == "card_of_other_vote"
    assert "innym warsztacie (3)" in refused(anna, elsewhere.code).message
    assert refused(anna, "ACDE-FHJK-M").code == "code_example"
    assert refused(anna, ngo[0].code[:-1] + ("A" if ngo[0].code[-1] != "A" else "C")).code == "code_mistyped"
    unknown = codes.new_code()
    assert refused(anna, unknown).code == "card_unknown"
    given = cards.at_desk(checkins, checkin, anna, codes.shown_code(public.code).lower())  # typed in lower case
    assert (given.sector, given.token) == ("local_government", None)
    assert refused(ewa, public.code).code == "card_handed_out"  # the card is in Anna's hand
    assert refused(anna, public.code).code == "card_already_given"
    assert cards.at_desk(checkins, checkin, jan, codes.card_url(vote.address, ngo[1].token)).sector == "ngo"  # scanned
    assert len(door_cards(store)) == 2
    votes.open(vote.id)
    votes.close(vote.id)
    assert refused(ewa, ngo[0].code).code == "vote_closed"


def test_a_printed_card_handed_out_at_two_desks_at_the_same_moment_is_refused_by_the_database(desk):
    store, checkins, checkin = desk
    votes, vote = prepared(store)
    [card] = votes.issue_cards(vote.id, "local_government", 1)
    people = [checked_in(checkins, checkin, name).person for name in ("Anna Kowalska", "Ewa Wiśniewska")]
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(2) as workers:
        barrier = manager.Barrier(2)
        results = workers.starmap(race.hand_out_at_barrier,
                                  [(store.url, KEY, checkin.id, person, card.code, barrier) for person in people])
    assert sorted(results) == [("handed",), ("refused", "card_handed_out")], results
    assert len(door_cards(store)) == 1
    assert sum(r.has_card for r in store.checked_in(checkin.id)) == 1


def test_the_database_hands_a_card_out_once_even_when_every_check_above_is_skipped(desk):
    store, checkins, checkin = desk
    votes, vote = prepared(store)
    [card] = votes.issue_cards(vote.id, "local_government", 1)
    person = checked_in(checkins, checkin, "Anna Kowalska").person
    secret = codes.recognise(card.code)
    with store.transaction(changes_data=False) as conn:
        votes.hand_out(conn, secret, "2026", 2, "local_government")
        assert store.give_card(conn, checkin.id, person)
    with pytest.raises(UserError) as twice, store.transaction(changes_data=False) as conn:
        assert not store.give_card(conn, checkin.id, person)  # the person's flag: set already, no row changed
        votes.hand_out(conn, secret, "2026", 2, "local_government")
    assert twice.value.code == "card_handed_out"


def test_the_turnout_counts_the_cards_handed_out_at_the_check_in(desk):
    """12 printed, 7 handed out at the desk, 5 of them voted: 5 of 7 (71.4%), not 5 of 12; one card made on a phone
    at check-in counts too; the protocol says which cards it counts."""
    store, checkins, checkin = desk
    votes, vote = prepared(store)
    printed = votes.issue_cards(vote.id, "local_government", 12)
    for i, card in enumerate(printed[:7]):
        person = checked_in(checkins, checkin, f"Osoba {chr(65 + i) * 2}").person
        cards.at_desk(checkins, checkin, person, card.code)
    votes.open(vote.id)
    for card in printed[:5]:
        votes.cast(vote.id, codes.token_hash(card.token), [1])
    turnout = votes.result(vote.id).turnout
    assert (turnout.issued, turnout.cast, round(turnout.share, 3), turnout.at_door) == (7, 5, 0.714, True)
    assert votes.live(vote.id)[1] == {"local_government": 7} and votes.printed(vote.id) == {"local_government": 12}
    phone_person = checked_in(checkins, checkin, "Zofia Nowa", "Fundacja Nowa", sector="ngo", gmina="serock",
                              channel="phone").person
    cards.at_phone(checkins, checkin, phone_person)
    assert votes.issued(vote.id) == {"local_government": 7, "ngo": 1}
    votes.close(vote.id)
    made = protocol.build(votes, vote.id, "2. Legionowo")
    facts = dict(protocol.facts(made))
    assert facts["Karty wydane przy rejestracji"] == "8" and facts["Karty użyte (głosy)"] == "5"
    assert facts["Frekwencja"].startswith("62,5") and made.digest_matches  # the seal covers the cards handed out


def test_a_card_that_voted_without_being_scanned_counts_as_handed_out_and_without_check_in_all_printed_count(desk):
    store, checkins, checkin = desk
    votes, vote = prepared(store)
    printed = votes.issue_cards(vote.id, "local_government", 4)
    votes.open(vote.id)
    votes.cast(vote.id, codes.token_hash(printed[0].token), [1])
    assert votes.result(vote.id).turnout.issued == 4  # no card handed out at the door: every card printed
    person = checked_in(checkins, checkin, "Anna Kowalska").person
    cards.at_desk(checkins, checkin, person, printed[1].code)
    turnout = votes.result(vote.id).turnout
    assert (turnout.issued, turnout.cast) == (2, 1)  # the scanned card, and the one that voted anyway


def test_a_card_unmarked_as_handed_out_after_the_vote_closed_shows_in_the_check_of_its_seal(desk):
    store, checkins, checkin = desk
    votes, vote = prepared(store)
    [card] = votes.issue_cards(vote.id, "local_government", 1)
    person = checked_in(checkins, checkin, "Anna Kowalska").person
    cards.at_desk(checkins, checkin, person, card.code)
    votes.open(vote.id)
    votes.close(vote.id)
    assert votes.check(vote.id).matches
    with store.engine.begin() as conn:  # edited behind the program's back
        conn.execute(vote_cards_table.update().values(handed_out=False))
    check = votes.check(vote.id)
    assert not check.matches and "cards" in check.changed
    assert any("1 wydanych przy rejestracji" in p for p in check.problems)


def test_no_column_or_key_pairs_a_person_checked_in_with_a_ballot_card():
    """The schema's own guarantee of the secret ballot at the door: the tables that hold a person's pseudonym and
    the tables that hold a card share no column, no foreign key, and the person's mark is a flag alone."""
    people = {t.name for t in metadata.sorted_tables if "person" in t.c}
    ballot_box = {t.name for t in metadata.sorted_tables if t.name.startswith("vote_")}
    assert {"checkin_people", "attendance"} <= people and not people & ballot_box
    for name in people:
        table = metadata.tables[name]
        assert not any(fk.column.table.name in ballot_box for fk in table.foreign_keys), name
        assert not any("token" in c.name or "code" in c.name for c in table.c), name
    for name in ballot_box:
        table = metadata.tables[name]
        assert not any(fk.column.table.name in people | {"checkins"} for fk in table.foreign_keys), name
        assert not {"person", "checkin_id", "checked_at"} & set(table.c.keys()), name
    assert isinstance(checkin_people_table.c.has_card.type, sa.Boolean)
    assert isinstance(vote_cards_table.c.handed_out.type, sa.Boolean)
    assert vote_cards_table.dialect_options["sqlite"]["with_rowid"] is False  # rows in the order of random keys


def test_the_hall_address_is_kept_with_the_check_in_when_it_is_opened(desk):
    store, checkins, checkin = desk
    assert checkin.address is None
    from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY

    opened = checkins.open("2026", 3, CLAUSE, KEEP_UNTIL, today=TODAY, address=" http://192.168.1.20:8501/ ")
    assert checkins.get(opened.id).address == "http://192.168.1.20:8501"
    assert checkins.set_address(checkin.id, "http://10.0.0.5:8501").address == "http://10.0.0.5:8501"
    with pytest.raises(UserError) as refused:
        checkins.set_address(checkin.id, "192.168.1.20 8501")
    assert refused.value.code == "checkin_bad_settings" and checkins.get(checkin.id).address == "http://10.0.0.5:8501"
