"""Every slide, declared once in a theme's module, and the one order the show and the reports take.

::

    participation  cycle, sectors, balance, per_10k, next     proposals  areas, projects, status_time, votes_spread
    people         cohort, cohort_institutions, return_rate   cooperation  cooperation, sector_pairs, diversity
    invite         invite_sectors, invite_gminas, invite_institutions
    cycles         cycles                                     voting     vote, vote_result, vote_balance, …

A new slide is a maker in its theme's module (``@slide_kind(...)``, see ``kind``) and its place in
``ORDER``. ``SLIDES`` is that order by key; the presentation page, ``analysis.report.build`` and every
writer read it, and the tests are generated from it. ``declare`` adds a slide after the others
(a slide of one's own, for a report only).
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.report.model import ChartKind, Slide
from analysis.report.slides import cooperation, cycles, invite, participation, people, proposals, voting
from analysis.report.slides.kind import At, Maker, SlideKind, slide_kind

# the show's order: the cycle, who came and from where, who comes back, the areas, how sectors work
# together, the way from idea to project, the vote, this cycle beside the one before, the next
# workshop last; then the slides only the reports have (``projector=False``)
ORDER: tuple[SlideKind, ...] = (
    participation.cycle, participation.sectors, participation.balance, participation.per_10k, people.cohort,
    proposals.areas, cooperation.cooperation, proposals.projects, proposals.status_time, proposals.votes_spread,
    voting.vote, voting.vote_result, voting.vote_balance, cycles.cycles, participation.next_workshop,
    voting.vote_sectors, voting.vote_protocol, people.cohort_institutions, people.return_rate,
    cooperation.sector_pairs, cooperation.diversity,
    invite.invite_sectors, invite.invite_gminas, invite.invite_institutions,
)

SLIDES: dict[str, SlideKind] = {kind.key: kind for kind in ORDER}  # every slide, in the order of the show and the reports
VOTE_SLIDES = voting.VOTE_SLIDES  # made only with a closed vote


def declare(key: str, title: str, *, sheet: str | None = None, chart: ChartKind = ChartKind.COLUMN,
            projector: bool = True) -> Callable[[Maker], Maker]:
    """Declare the slide ``key`` made by the decorated function, after every other slide in ``SLIDES``."""
    if key in SLIDES:
        raise ValueError(f"slide {key!r} is declared twice")
    declared = slide_kind(key, title, sheet=sheet, chart=chart, projector=projector)

    def register(make: Maker) -> Maker:
        SLIDES[key] = declared(make)
        return make

    return register


__all__ = ["ORDER", "SLIDES", "VOTE_SLIDES", "At", "ChartKind", "Maker", "Slide", "SlideKind", "declare", "slide_kind"]
