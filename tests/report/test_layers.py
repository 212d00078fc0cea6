"""The report layer's place in the house: the vote's domain writes no document, a writer computes no
number, HTML comes from autoescaped templates, and the slides have one order."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis.report import slides

ROOT = Path(__file__).resolve().parents[2]
WRITERS = ("xlsx", "webpage", "pptx", "show", "protocol", "cards", "native", "cells", "templating")


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (``from analysis import metrics`` counts as analysis.metrics)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "analysis" / "voting").glob("*.py")), ids=lambda p: p.name)
def test_the_vote_imports_no_report(path):
    assert not {m for m in _imports(path) if m == "analysis.report" or m.startswith("analysis.report.")}


@pytest.mark.parametrize("name", WRITERS)
def test_a_writer_computes_nothing_it_imports_no_metric(name):
    imported = _imports(ROOT / "analysis" / "report" / f"{name}.py")
    assert not {m for m in imported if m == "analysis.metrics" or m.startswith("analysis.metrics.")}
    assert "analysis.report.build" not in imported and "analysis.report.slides" not in imported


@pytest.mark.parametrize("name", WRITERS)
def test_html_is_escaped_by_the_templates_not_by_hand(name):
    imported = _imports(ROOT / "analysis" / "report" / f"{name}.py")
    assert "html" not in imported and "analysis.display.html_text" not in imported


def test_every_slide_has_one_place_in_one_order():
    keys = [kind.key for kind in slides.ORDER]
    assert len(keys) == len(set(keys)) and list(slides.SLIDES) == keys
    shown = [kind.projector for kind in slides.ORDER]
    assert shown == sorted(shown, reverse=True)  # the show's slides first, the reports' own after them


def test_every_template_escapes_what_it_is_given():
    from analysis.report import templating

    for name in sorted(p.name for p in (ROOT / "analysis" / "report" / "templates").glob("*.html")):
        assert templating.environment().get_template(name) and templating.environment().autoescape(name)
    page = templating.environment().from_string("<p title='{{ x }}'>{{ x }}</p>").render(x="<b onclick='a'>\x07")
    assert page == "<p title='&lt;b onclick=&#39;a&#39;&gt;'>&lt;b onclick=&#39;a&#39;&gt;</p>"
