"""HTML documents from the templates in ``templates/``, autoescaped.

Every ``{{ value }}`` is cleaned of control characters (``display.printable``) and HTML-escaped by
Jinja2, in an element or an attribute; only values marked safe on purpose (an inline SVG drawn by
segno, plotly's own chart markup, JSON made inert by ``script_json``) pass as they are.
"""

from __future__ import annotations

from functools import cache

import jinja2
from markupsafe import Markup

from analysis.display import printable


def _printable(value: object) -> object:
    """What a template prints: text cleaned of control characters (markup made on purpose stays)."""
    return value if isinstance(value, Markup) else printable(value)


@cache
def environment() -> jinja2.Environment:
    """The templates of ``analysis/report/templates``: .html autoescaped, blocks on lines of their own."""
    return jinja2.Environment(loader=jinja2.PackageLoader("analysis.report", "templates"),
                              autoescape=jinja2.select_autoescape(["html"], default_for_string=True, default=True),
                              undefined=jinja2.StrictUndefined, finalize=_printable,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render(template: str, **context: object) -> str:
    """``template`` (a file of ``templates/``) filled in with ``context``."""
    return environment().get_template(template).render(**context)


def safe(markup: str) -> Markup:
    """``markup`` made here on purpose (an SVG, a chart's HTML), printed as it is."""
    return Markup(markup)  # only for markup this package made itself
