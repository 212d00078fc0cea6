"""Every CSS rule that reaches into Streamlit's own page: its ``data-testid`` attributes and ``st…`` classes.

They are Streamlit's markup, not its API: like ``views._streamlit_internals`` they were checked against
Streamlit ``WRITTEN_FOR`` there, and an upgrade reads them again (the browser tests' screenshots show
the pages they shape). Rules on the dashboard's own classes (``vote-…``) sit beside them: the turnout's
rules are part of the projector's. Colours come from ``analysis.display``.
"""

from __future__ import annotations

from analysis.palette import ALERT, MIST, MUTED, PRIMARY, SECONDARY_TEXT, SILVER, STEEL, TABLE_HEADER, WHITE

# Streamlit's "Press Enter to submit form" / "Press Enter to apply" under a text field is English only; the
# pages' own captions say which key does what
NO_ENGLISH_HINTS = "[data-testid=InputInstructions]{display:none}"


def page_css(hidden_key: str) -> str:
    """Every page's CSS, with the element of key ``hidden_key`` (the chart library's preload) out of sight.

    Streamlit's ~6rem above the title pushed the first chart below a projector's fold, and so did its
    title's padding and its tall number cards (a card's change now stands beside its number, not
    under it): at 1280×720 the overview's first chart is seen whole; the preloading chart takes no room
    and is not read out by screen readers.
    """
    return (f"<style>.stMainBlockContainer{{padding-top:3.2rem}}.st-key-{hidden_key}{{display:none}}"
            "h1{padding-top:0 !important;padding-bottom:.2rem !important}[data-testid=stAlert]>div{padding:.5rem 1rem !important}"
            "[data-testid=stMetric]>div{padding:.45rem .9rem !important;display:flex;flex-wrap:wrap;"
            "align-items:center;column-gap:.7rem}[data-testid=stMetricLabel]{flex-basis:100%}"
            "[data-testid=stMetricValue]{font-size:2rem !important}"
            # Streamlit draws a caption in the text colour at 60% opacity: 4.39:1 on white, under WCAG AA's 4.5:1
            f"[data-testid=stCaptionContainer]{{color:{MUTED};opacity:1}}{NO_ENGLISH_HINTS}</style>")


HIDE_CHROME = ("[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stHeader'],"
               "[data-testid='stToolbar']{display:none !important}" + NO_ENGLISH_HINTS)
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
# the survey on a phone: each answer a whole row a thumb hits (≥ 48 px), text at 16 px or more
SURVEY_PHONE_CSS = (".stRadio [role=radiogroup]{gap:.15rem;width:100%;align-items:stretch}"
                    ".stRadio [role=radiogroup] label{min-height:3rem;align-items:center;width:100% !important;"
                    "box-sizing:border-box;padding:0 .3rem}"
                    ".stRadio [role=radiogroup] label p{font-size:1.08rem}"
                    ".stRadio>label p{font-size:1.12rem;line-height:1.35}"
                    ".stTextArea textarea{font-size:1.1rem;min-height:6rem}")
# the check-in form on a phone: every target a thumb's (≥ 44 px), text at 16 px or more (no zooming in on focus)
CHECKIN_PHONE_CSS = (".st-key-phone_name input{letter-spacing:normal}"
                     ".stSelectbox [role=group]{min-height:3.2rem}.stSelectbox input{font-size:1.15rem}"
                     ".stSelectbox label p,.stTextInput label p{font-size:1.1rem}"
                     "[data-testid=stExpander] summary{min-height:3rem;font-size:1.05rem}"
                     ".stCheckbox label{min-height:3rem}"
                     # gender and age group: radio buttons in a row, each a thumb's target
                     ".st-key-phone_gender [role=radiogroup],.st-key-phone_age_group [role=radiogroup]{row-gap:.2rem}"
                     ".st-key-phone_gender [role=radiogroup] label,.st-key-phone_age_group [role=radiogroup] label"
                     "{min-height:2.9rem;align-items:center;padding-right:.7rem}"
                     ".st-key-phone_gender [role=radiogroup] label p,.st-key-phone_age_group [role=radiogroup] label p"
                     "{font-size:1.1rem}"
                     ".stRadio>label p{font-size:1.1rem}"
                     # the ballot card or the survey card given with the check-in: its link as large as a button
                     + "".join(f".st-key-{card} [data-testid=stPageLink] a{{min-height:3.2rem;justify-content:center;"
                               f"background:{PRIMARY};border-radius:.5rem}}"
                               f".st-key-{card} [data-testid=stPageLink] a p,.st-key-{card} [data-testid=stPageLink] "
                               f"a span{{color:{WHITE};font-size:1.1rem;font-weight:600}}"
                               for card in ("phone_ballot", "phone_survey_card")))
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
# the check-in's live count (views/_checkin_live.py): the turnout's bars, sectors beside gminas
CHECKIN_LIVE_CSS = (".checkin-split{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.4rem 2rem}"
                    ".checkin-live caption{text-align:left;font-weight:600;padding:0 .5rem .2rem;caption-side:top}"
                    ".checkin-live th.name{font-weight:normal;text-align:left;padding:.28rem .5rem;width:50%}"
                    ".checkin-live .vote-bars td.n{width:2.4em}")
# On the projector every text is at least 24 px on a 1280-px-wide screen and grows with the screen
# (1.875vw: 24 px at 1280, 36 px at 1920); headings and the turnout's number in proportion.
PROJECTED_TEXT = "max(24px, 1.875vw)"
PROJECTOR_CSS = (HIDE_CHROME + TURNOUT_CSS + CHECKIN_LIVE_CSS
                 + ".stMainBlockContainer{padding:1.2rem 2.2rem 2rem !important;max-width:none}"
                 f".stMainBlockContainer{{--projected:{PROJECTED_TEXT}}}"
                 ".stMainBlockContainer :is(p,li,td,th,caption,summary,button,code,span,strong,b){"
                 "font-size:var(--projected) !important;"
                 "line-height:1.3}"
                 ".stMainBlockContainer :is(h2,h4) *{font-size:inherit !important}"
                 ".stMainBlockContainer h2{font-size:calc(1.6*var(--projected)) !important}"
                 ".stMainBlockContainer h4{font-size:calc(1.2*var(--projected)) !important}"
                 ".stMainBlockContainer .vote-big{font-size:calc(2.6*var(--projected)) !important}"
                 ".stMainBlockContainer .vote-bars,.stMainBlockContainer .vote-sub{font-size:var(--projected)}"
                 ".stMainBlockContainer .vote-bar{height:.9em}")


def show_css(frame_title: str, fullscreen: bool) -> str:
    """The presentation page: the show's frame fills the window, the page's header (and, on the projector,
    the sidebar) out of the way. Our own CSS only: no text from files."""
    css = (f"iframe[title='{frame_title}'],.stElementContainer:has(> iframe[title='{frame_title}'])"
           "{height:100vh !important;display:block}"
           ".stMainBlockContainer{padding-top:0 !important;padding-left:0 !important;padding-right:0 !important}"
           "[data-testid='stHeader']{display:none}"
           ".st-key-show_settings{padding:1.5rem 3rem 3rem}")
    if fullscreen:
        css += "[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']{display:none}"
    return f"<style>{css}</style>"
