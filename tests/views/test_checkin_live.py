"""The check-in's count in the room (``views/_checkin_live.py``): on the projector and on Przegląd while a check-in
is open — the numbers of ``metrics.checked_in``, gone once it is closed."""

from __future__ import annotations

import re

import pytest

from analysis import metrics
from analysis.checkin import CheckIns
from analysis.store import open_store
from analysis.vocabulary import GMINA_LABELS
from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, fill, form
from tests.helpers import open_page, shown_text
from tests.views.voting import htmls

pytestmark = pytest.mark.usefixtures("fresh_store")


@pytest.fixture
def arriving():
    """The office's 2026 schedule and first list; the second workshop's check-in open, three people in."""
    store = open_store()
    fill(store)
    checkins = CheckIns(store)
    checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    checkins.check_in(form(checkin.id, "Anna Kowalska"))
    checkins.check_in(form(checkin.id, "Piotr Lis", "Fundacja Razem"))
    checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Nowa", sector="ngo", gmina="outside"))
    return checkins, checkin


def _bars(html: str, heading: str) -> dict[str, int]:
    table = html.split(f"<caption>{heading}</caption>", 1)[1].split("</table>", 1)[0]
    return {name: int(n) for name, n in re.findall(r"<th scope='row' class='name'>([^<]+)</th>.*?<td class='n'>(\d+)</td>",
                                                     table)}


def _expected(checkins: CheckIns, checkin_id: str) -> metrics.CheckedIn:
    return metrics.checked_in(checkins.live(checkin_id)[1])


def test_the_projector_shows_the_count_by_sector_and_gmina_while_the_check_in_is_open(arriving):
    checkins, checkin = arriving
    at = open_page("views/glosowanie.py")
    at.query_params["rzutnik"] = "1"
    at.run()
    html = htmls(at)
    assert re.search(r"data-testid='checkin-count'>3<", html) and "Rejestracja — warsztat 2. Legionowo" in (
        shown_text(at))
    counts = _expected(checkins, checkin.id)
    assert _bars(html, "Według sektorów") == {"Samorząd (gminy i powiat)": 1, "Organizacje pozarządowe": 2} == {
        "Samorząd (gminy i powiat)": counts.by_sector["local_government"], "Organizacje pozarządowe": counts.by_sector["ngo"]}
    assert _bars(html, "Według gmin") == {GMINA_LABELS[g]: n for g, n in counts.by_gmina.items()} == {
        "Serock": 1, "Jabłonna": 1, GMINA_LABELS["outside"]: 1}
    assert "Nie ma jeszcze żadnego głosowania" not in shown_text(at) and "/rejestracja" in shown_text(at)

    checkins.check_in(form(checkin.id, "Ewa Wiśniewska"))
    at.run()
    assert re.search(r"data-testid='checkin-count'>4<", htmls(at))
    checkins.close(checkin.id)
    at.run()
    assert "checkin-count" not in htmls(at) and "Nie ma jeszcze żadnego głosowania" in shown_text(at)


def test_przeglad_shows_the_live_count_of_the_cycles_open_check_in_and_not_after_it_is_closed(arriving):
    checkins, checkin = arriving
    at = open_page("views/przeglad.py")
    assert "Trwa rejestracja przy wejściu — warsztat 2. Legionowo" in shown_text(at)
    assert re.search(r"data-testid='checkin-count'>3<", htmls(at))
    assert sum(_bars(htmls(at), "Według gmin").values()) == 3 == _expected(checkins, checkin.id).people
    checkins.close(checkin.id)
    at.run()
    assert "Trwa rejestracja" not in shown_text(at) and "checkin-count" not in htmls(at)


def test_without_an_open_check_in_przeglad_and_the_projector_show_no_count():
    assert "checkin-count" not in htmls(open_page("views/przeglad.py"))
    at = open_page("views/glosowanie.py")
    at.query_params["rzutnik"] = "1"
    at.run()
    assert "checkin-count" not in htmls(at) and "Nie ma jeszcze żadnego głosowania" in shown_text(at)


def test_the_projector_looks_at_the_count_twice_a_second_and_przeglad_every_few_seconds():
    """The hall sees its number grow within 2 s of a check-in (benchmarks/hall_speed.py): a look every 3 s alone left
    1.5 s on average between a check-in and the projector; the office's pages need no such haste."""
    from views import _checkin_live, _vote_projector

    assert _checkin_live.PROJECTOR_REFRESH == _vote_projector.PROJECTOR_REFRESH == 0.5
    assert _checkin_live.LIVE_REFRESH == 3.0


def test_the_projectors_count_is_drawn_again_only_when_someone_new_is_checked_in_and_then_at_once(arriving,
                                                                                                    monkeypatch):
    """Twice a second the projector looks at the count: a look that finds nobody new sends the drawing it has without
    counting again; the next person — in a sector and gmina already there, or in new ones — is in the next look."""
    from analysis.store import open_store as store_now
    from views import _checkin_live

    checkins, checkin = arriving
    counted = []
    real = _checkin_live.count_html
    monkeypatch.setattr(_checkin_live, "count_html", lambda counts: counted.append(counts.people) or real(counts))

    def look() -> str:
        return _checkin_live.live_html(checkin.id, CheckIns(store_now()).live_places(checkin.id)[1])

    first = look()
    assert look() == first and re.search(r"data-testid='checkin-count'>3<", first) and counted == [3]
    checkins.check_in(form(checkin.id, "Ewa Wiśniewska"))  # Urząd Gminy Serock: a sector and gmina already there
    fourth = look()
    assert re.search(r"data-testid='checkin-count'>4<", fourth) and _bars(fourth, "Według gmin")["Serock"] == 2
    checkins.check_in(form(checkin.id, "Adam Kos", "Gospodarstwo Kos", sector="agriculture", gmina="nieporet"))
    fifth = look()
    assert _bars(fifth, "Według sektorów")["Rolnicy"] == 1 and _bars(fifth, "Według gmin")["Nieporęt"] == 1
    assert look() == fifth and counted == [3, 4, 5]
    assert fifth == real(_expected(checkins, checkin.id))  # the numbers of metrics.checked_in, as before
