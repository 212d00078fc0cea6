"""The PowerPoint deck: the show's slides (those shown on the projector) as 16:9 pages with native,
editable charts, the vote list on the same pages as the show.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, cast

import pandas as pd

from analysis.display import PARTNERSHIP, slide_text
from analysis.palette import INK, MUTED, PRIMARY, hex_digits
from analysis.report import native
from analysis.report.model import ChartKind, Report, vote_item_lines

if TYPE_CHECKING:  # python-pptx is imported when a deck is written
    from pptx.chart.chart import Chart
    from pptx.dml.color import RGBColor
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.slide import Slide

# The deck mirrors the show's 16:9 page (1280×720 px ↔ 13.333×7.5 in; 1 px ↔ 0.75 pt): every shape
# sits on the page and the content is centred between equal side margins. The default template's
# layouts are 4:3, so every slide places its own boxes; titles stay title placeholders (the outline
# and screen readers find them), moved onto the 16:9 page.
PPTX_WIDTH, PPTX_HEIGHT = 13.333, 7.5  # inches
PPTX_MARGIN = 0.58
# python-pptx's chart type (a name in ``XL_CHART_TYPE``) for each kind of slide chart
CHART_TYPES: dict[ChartKind, str] = {
    ChartKind.COLUMN: "COLUMN_CLUSTERED",
    ChartKind.BAR: "BAR_CLUSTERED",
    ChartKind.STACKED100: "COLUMN_STACKED_100",
}


def to_pptx(report: Report) -> bytes:
    """A deck with native (editable) PowerPoint charts, the same slides and pages as the show."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(PPTX_WIDTH), Inches(PPTX_HEIGHT)
    title_layout, title_only = deck.slide_layouts[0], deck.slide_layouts[5]
    inner = PPTX_WIDTH - 2 * PPTX_MARGIN
    blue, ink, grey = (RGBColor.from_string(hex_digits(c)) for c in (PRIMARY, INK, MUTED))
    slides = [slide for slide in report.slides if slide.projector]

    def text(page: Slide, left: float, top: float, width: float, height: float,
             lines: list[tuple[str, int, bool, RGBColor]], align: PP_ALIGN = PP_ALIGN.LEFT,
             anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, frame: Shape | None = None) -> Shape:
        """A text box (or ``frame``, a placeholder moved here) of (text, size in pt, bold, colour) paragraphs."""
        if frame is None:
            frame = page.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        else:
            frame.left, frame.top, frame.width, frame.height = Inches(left), Inches(top), Inches(width), Inches(height)
        body = frame.text_frame
        body.clear()
        body.word_wrap = True
        body.vertical_anchor = anchor
        body.margin_left = body.margin_right = body.margin_top = body.margin_bottom = 0
        for n, (value, size, bold, color) in enumerate(lines):
            paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
            paragraph.alignment = align
            run = paragraph.add_run()
            run.text = slide_text(value)
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, "Arial"
            run.font.color.rgb = color
        return frame

    def footer(page: Slide, number: int) -> None:
        text(page, PPTX_MARGIN, 7.0, inner, 0.32,
             [(f"{PARTNERSHIP} · warsztat {report.workshop_name} · {number} / {len(slides) + 1}", 12, False,
               grey)])

    title_page = deck.slides.add_slide(title_layout)
    text(title_page, PPTX_MARGIN, 2.2, inner, 1.9, [(PARTNERSHIP, 36, True, blue)], PP_ALIGN.CENTER, MSO_ANCHOR.BOTTOM,
         frame=title_page.shapes.title)
    text(title_page, PPTX_MARGIN, 4.3, inner, 0.9,
         [(f"Warsztat {report.workshop_name} · cykl {report.cycle} · {report.made_at:%d.%m.%Y}", 22, False, ink)],
         PP_ALIGN.CENTER, frame=title_page.placeholders[1])
    kinds = {kind: getattr(XL_CHART_TYPE, name) for kind, name in CHART_TYPES.items()}

    def chart(page: Slide, frame: pd.DataFrame, kind: ChartKind, shares: tuple[str, ...], left: float, width: float,
              top: float = 2.7, height: float = 4.2) -> None:
        data = CategoryChartData()
        data.categories = [slide_text(c) for c in frame.iloc[:, 0]]
        for column in frame.columns[1:]:
            data.add_series(slide_text(column), [float(v) for v in frame[column]])
        # python-pptx annotates add_chart as taking ChartData (an alias kept for old code) and returning the
        # Chart; it takes any CategoryChartData and returns the GraphicFrame holding the chart (its docstring)
        frame_shape = page.shapes.add_chart(kinds[kind], Inches(left), Inches(top), Inches(width), Inches(height),
                                            data)  # type: ignore[arg-type]
        made = cast("GraphicFrame", frame_shape).chart
        made.has_legend = len(frame.columns) > 2
        if made.has_legend:
            made.legend.position = XL_LEGEND_POSITION.TOP
            made.legend.include_in_layout = False
        made.font.size = Pt(15)
        along = (height if kind == ChartKind.BAR else width) * 72 - 90  # less the legend and the other axis, pt
        _chart_look(made, native.look(frame, kind, shares), native.label_size(len(frame), along, largest=15))

    for position, slide in enumerate(slides, start=2):
        page = deck.slides.add_slide(title_only)
        text(page, PPTX_MARGIN, 0.3, inner, 0.75, [(slide.title, 33, True, blue)], anchor=MSO_ANCHOR.MIDDLE,
             frame=page.shapes.title)
        footer(page, position)
        if slide.votes:
            text(page, PPTX_MARGIN, 1.1, inner, 0.5, [(f"{slide.headline} · {slide.message}", 21, True, grey)])
            top = 1.75
            for item in slide.votes:
                lines = vote_item_lines(item)
                height = (lines - 1) * 0.4 + 0.36  # title lines at 24 pt, the area at 21 pt
                text(page, PPTX_MARGIN, top, 0.9, 0.6, [(f"{item.number}.", 33, True, blue)], PP_ALIGN.RIGHT)
                text(page, PPTX_MARGIN + 1.1, top, inner - 1.1, height,
                     [(item.title, 24, True, ink), (item.area, 21, False, grey)])
                top += height + 0.12
            continue
        text(page, PPTX_MARGIN, 1.1, inner, 0.8, [(slide.headline, 48, True, blue)], anchor=MSO_ANCHOR.MIDDLE)
        text(page, PPTX_MARGIN, 1.95, inner, 0.7, [(slide.message, 20, False, ink)])
        if slide.data.empty:
            continue
        if slide.detail is not None and not slide.detail.empty:
            half = (inner - 0.4) / 2
            chart(page, slide.data, slide.chart, slide.shares, PPTX_MARGIN, half)
            chart(page, slide.detail, ChartKind.BAR, slide.shares, PPTX_MARGIN + half + 0.4, half)
        else:
            chart(page, slide.data, slide.chart, slide.shares, PPTX_MARGIN, inner)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _chart_look(made: Chart, look: native.Look, label_size: float) -> None:
    """The series' colours, the value axis and every category's label (``label_size`` pt), as ``look`` says."""
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement
    from pptx.util import Pt

    def fill(fmt: object, color: str) -> None:
        fmt.fill.solid()  # type: ignore[attr-defined]  # a series' or a point's ChartFormat
        fmt.fill.fore_color.rgb = RGBColor.from_string(hex_digits(color))  # type: ignore[attr-defined]

    plot = made.plots[0]
    plot.vary_by_categories = False
    for series, drawn in zip(look.series, plot.series, strict=True):
        fill(drawn.format, series.color)
        for idx, color in enumerate(series.points):
            if color is not None:
                fill(drawn.points[idx].format, color)
    values = made.value_axis
    values.minimum_scale, values.maximum_scale = look.axis.minimum, look.axis.maximum
    values.major_unit = look.axis.major_unit
    if look.axis.number_format:
        values.tick_labels.number_format = look.axis.number_format
        values.tick_labels.number_format_is_linked = False
    labels = made.category_axis
    labels.tick_labels.font.size = Pt(label_size)
    axis = labels._element  # python-pptx has no property for c:tickLblSkip (every category labelled)
    skip = axis.find(qn("c:tickLblSkip"))
    if skip is None:  # in its place in the schema's sequence: before these, when the axis has them
        skip = OxmlElement("c:tickLblSkip")
        after = [e for e in (axis.find(qn(f"c:{name}")) for name in ("tickMarkSkip", "noMultiLvlLbl", "extLst"))
                 if e is not None]
        if after:
            after[0].addprevious(skip)
        else:
            axis.append(skip)
    skip.set("val", "1")
