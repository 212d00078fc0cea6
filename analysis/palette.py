"""Colours by role (primary, ink, muted…) and the palettes of sectors, groups, areas, statuses and
gminas: by code, and by Polish label for the native charts of Excel and PowerPoint. Charts, reports,
the show, the deck and the pages take them from here. The dashboard's theme in
``.streamlit/config.toml`` repeats the primary, ink and soft background (a test keeps them equal).
"""

from __future__ import annotations

from analysis.vocabulary import AREA_SHORT_LABELS, GMINA_LABELS, SECTOR_GROUP_LABELS, SECTOR_LABELS, STATUSES

# the hues, each written once; the roles and palettes below name them
NAVY = "#1f4e79"
INK = "#14202e"  # text
SLATE = "#5b6770"
STEEL = "#3d4a55"
GREY = "#8a969c"
SILVER = "#cfd6da"
MIST = "#e3e8ee"
WHITE = "#ffffff"
ORANGE = "#d9822b"
BROWN = "#8c4a12"
PEACH = "#f6d7b8"
GOLD = "#e8b023"
BLUE = "#2e86c1"
SKY = "#76c1ea"
GREEN = "#2e8b57"
PURPLE = "#8e44ad"
RED = "#c0392b"
PINK = "#e377a9"
OLIVE = "#7d8c2f"

# roles
PRIMARY = NAVY  # titles, headline numbers, held workshops; the dashboard's theme colour
MUTED = SLATE  # secondary text: dates, footers, hints
SECONDARY_TEXT = STEEL  # an area under a proposal's title on the projector
NEUTRAL = GREY  # axis lines, "other", earlier workshops
BORDER = SILVER  # borders of cards and tables; planned workshops
GRID = MIST  # grid lines, a footer's rule
BACKGROUND = WHITE
SOFT_BACKGROUND = "#eef2f7"  # the theme's secondary background
TABLE_HEADER = "#dde6f0"  # the header row of a report's table
ALERT = RED  # missing, weaker
WARNING_FILL = PEACH  # a workshop whose list is not uploaded
WARNING_INK = BROWN  # its label; the sample-data note on the cover
ACCENT = SKY  # newcomers, people who joined
TRANSPARENT = "rgba(0,0,0,0)"
BLACKOUT = "#000000"  # around the show's stage, and its black screen

SECTOR_COLORS: dict[str, str] = {
    "local_government": NAVY, "business": ORANGE, "chamber_of_commerce": BROWN, "craft_guild": GOLD,
    "education": BLUE, "labour_market": SKY, "ngo": GREEN, "culture_sport": PURPLE, "health": RED,
    "social_welfare": PINK, "agriculture": OLIVE, "other": GREY,
}
GROUP_COLORS: dict[str, str] = {"public": NAVY, "business": ORANGE, "civil": GREEN, "other": GREY}
AREA_COLORS: dict[int, str] = {1: "#117a65", 2: "#2874a6", 3: "#b9770e", 4: "#7d3c98"}
NO_AREA_COLOR = GREY
STATUS_COLORS: dict[str, str] = {
    "submitted": GREY, "to_vote": GOLD, "selected": BLUE, "in_progress": NAVY, "done": GREEN, "rejected": RED,
}
GMINA_COLORS: dict[str, str] = {
    "legionowo": NAVY, "jablonna": BLUE, "nieporet": GREEN, "serock": ORANGE, "wieliszew": PURPLE,
    "outside": GREY, "unknown": SILVER,
}
SERIES_COLORS: list[str] = [NAVY, BLUE, SKY, ORANGE, GREEN]  # series with no colour of their own (groups)

# each palette's colour under the Polish label it is shown with: a native chart (Excel, PowerPoint) knows
# its series and categories by their labels ("Sektor publiczny", "Przedsiębiorcy", "3. Nowe podmioty")
LABEL_COLORS: dict[str, str] = {
    **{SECTOR_LABELS[code]: color for code, color in SECTOR_COLORS.items()},
    **{SECTOR_GROUP_LABELS[code]: color for code, color in GROUP_COLORS.items()},
    **{AREA_SHORT_LABELS[code]: color for code, color in AREA_COLORS.items()},
    **{STATUSES[code]: color for code, color in STATUS_COLORS.items()},
    **{GMINA_LABELS[code]: color for code, color in GMINA_COLORS.items()},
}


def rgba(color: str, alpha: float) -> str:
    """``#1f4e79`` with an opacity, as CSS and plotly write it: ``rgba(31,78,121,0.35)``."""
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def hex_digits(color: str) -> str:
    """``#1f4e79`` as Office files write it: ``1F4E79``."""
    return color.lstrip("#").upper()


# === the map's colour scale (participants per 10 000 residents), two cycles side by side
RATE_SCALE: list[str] = [MIST, SKY, BLUE, NAVY]  # from the lowest rate to the highest
CYCLE_COLORS: tuple[str, str] = (SKY, NAVY)  # the earlier cycle of two, then the later
