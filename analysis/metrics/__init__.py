"""Canonical tables -> tidy frames of the numbers the views show, each defined in ``glossary``.

Every number is computed here and only here; pages, reports and the CLI show what these functions
return. A ``View`` (``view``) is the dataset seen through the sidebar's filters; ``memo`` keeps each
number computed for a view with its dataset. The numbers live by theme: ``participation``,
``disclosure``, ``proposals``, ``people``, ``cooperation``, ``invite``, ``cycles``, ``checkin``, ``survey`` — the same themes
as ``analysis.charts`` and the glossary's sections.
"""

from analysis.metrics.checkin import CheckedIn, checked_in, checked_in_table
from analysis.metrics.cooperation import (
    MultiSector,
    NetworkDensity,
    blau,
    blau_by_workshop,
    ei_by_workshop,
    ei_index,
    known_institution_sectors,
    multi_sector,
    multi_sector_by,
    network_density,
    proposal_members,
    proposals_with_partners,
    sector_matrix,
    sector_pairs,
    sector_ties,
    sectors_per_proposal,
    split_partners,
)
from analysis.metrics.cycles import CycleComparison, compare_cycles, other_cycle, previous_cycle
from analysis.metrics.disclosure import GROUPINGS, GroupCounts, participants_by
from analysis.metrics.invite import (
    INVITE_GMINAS,
    INVITE_RATIO,
    TARGET_KINDS,
    invite_for,
    invite_institutions,
    representation,
    targets,
)
from analysis.metrics.participation import (
    NAMED_SECTORS,
    PER_RESIDENTS,
    THREE_SECTORS,
    UNDER_REPRESENTED_RATIO,
    NextWorkshop,
    Overview,
    Remaining,
    SectorGaps,
    attribute_shares,
    attribute_table,
    balance_by_workshop,
    balance_index,
    gmina_table,
    institutions,
    missing_lists,
    next_workshop,
    origin_by_workshop,
    overview,
    participants_by_workshop,
    participants_per_10k,
    remaining,
    sector_by_workshop,
    sector_gaps,
    sector_gaps_at_last,
    sector_share_cycle,
    sectors_represented,
    timeline,
    unique_participants,
    workshop_counts,
)
from analysis.metrics.people import (
    cohort,
    cohort_institutions,
    cumulative_unique,
    flow,
    new_and_returning,
    return_rate_by_sector,
)
from analysis.metrics.proposals import (
    REACH_STAGES,
    Candidate,
    area_by_workshop,
    ballot_candidates,
    history_titles,
    lead_sector_by_area,
    proposals_by_area,
    proposals_by_group,
    proposals_by_status,
    proposals_cumulative_by_area,
    proposals_to_vote,
    ranking_by_votes,
    search_proposals,
    status_history,
    status_over_time,
    status_reached,
    status_reached_by_area,
    to_vote_by_area,
    votes_spread,
)
from analysis.metrics.survey import (
    SurveyGroup,
    SurveyResult,
    survey_document,
    survey_open_answers,
    survey_result,
    survey_table,
)
from analysis.metrics.view import FilterOptions, Filters, View, filter_options, prepare, refuse_unknown

__all__ = [
    "GROUPINGS", "INVITE_GMINAS", "INVITE_RATIO", "NAMED_SECTORS", "PER_RESIDENTS", "REACH_STAGES", "TARGET_KINDS",
    "THREE_SECTORS", "UNDER_REPRESENTED_RATIO",
    "Candidate", "CheckedIn", "CycleComparison", "FilterOptions", "Filters", "GroupCounts", "MultiSector",
    "NetworkDensity", "NextWorkshop", "Overview", "Remaining", "SectorGaps", "SurveyGroup", "SurveyResult", "View",
    "area_by_workshop", "attribute_shares", "attribute_table",
    "balance_by_workshop", "balance_index", "ballot_candidates", "blau", "blau_by_workshop",
    "checked_in", "checked_in_table", "cohort", "cohort_institutions", "compare_cycles", "cumulative_unique",
    "ei_by_workshop", "ei_index", "filter_options", "flow", "gmina_table", "history_titles", "institutions",
    "invite_for", "invite_institutions", "known_institution_sectors", "lead_sector_by_area", "missing_lists",
    "multi_sector", "multi_sector_by", "network_density", "new_and_returning", "next_workshop", "origin_by_workshop",
    "other_cycle",
    "overview", "participants_by", "participants_by_workshop", "participants_per_10k", "prepare", "previous_cycle",
    "proposal_members", "proposals_by_area", "proposals_by_group", "proposals_by_status",
    "proposals_cumulative_by_area", "proposals_to_vote", "proposals_with_partners", "ranking_by_votes",
    "refuse_unknown", "remaining",
    "survey_document", "survey_open_answers", "survey_result", "survey_table", "representation", "return_rate_by_sector",
    "search_proposals",
    "sector_by_workshop", "sector_gaps", "sector_gaps_at_last", "sector_matrix", "sector_pairs", "sector_share_cycle",
    "sector_ties", "sectors_per_proposal", "sectors_represented", "split_partners", "status_history",
    "status_over_time", "status_reached", "status_reached_by_area", "targets", "timeline", "to_vote_by_area",
    "unique_participants",
    "votes_spread", "workshop_counts",
]
