"""The HTML fragments the pages draw themselves, from Jinja2 templates in ``views/templates/``.

Autoescaping is on for every template: a title from a file is text, never markup, without a call to
remember at each place. Filters: ``number`` and ``percent`` (Polish formats) and ``printable`` (control
characters out) from ``analysis.display``. A template is looked up once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from analysis.display import number, percent, printable

FOLDER = Path(__file__).resolve().with_name("templates")


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(FOLDER), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(number=number, percent=percent, printable=printable)
    return environment


def render(name: str, **values: object) -> str:
    """The template ``views/templates/<name>`` filled with ``values`` (every text escaped)."""
    return _environment().get_template(name).render(**values)
