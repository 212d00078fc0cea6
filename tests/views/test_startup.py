"""The entry script's first moments: the hidden chart that makes the browser load its chart library is
sent before the data modules are imported (views/_startup.py; timed by benchmarks/cold_start.py)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from streamlit.testing.v1 import AppTest

from analysis.voting import codes
from tests.helpers import ROOT, figures, open_page
from views._startup import PRELOAD_META

HEAVY = ("pandas", "numpy", "pyarrow", "sqlalchemy")


def preloads(at: AppTest) -> list:
    return [c for c in at.get("plotly_chart") if json.loads(c.proto.spec)["layout"].get("meta") == PRELOAD_META]


def test_what_comes_before_the_preload_imports_no_data_library():
    """If views._access or views._startup came to import pandas, the preload would wait for it again."""
    code = ("import sys, streamlit, views._access, views._startup; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == ""


def test_the_entry_script_sends_the_preload_before_it_imports_the_data_modules():
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    # the page frame: what runs when Streamlit executes the file for a page (the other branch serves it)
    page = next(node for node in tree.body if isinstance(node, ast.If)).orelse
    light = {"streamlit", "views._access", "views._startup"}

    def line_of_preload(node: ast.stmt) -> int | None:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and getattr(inner.func, "id", None) == "preload_chart_library":
                return inner.lineno
        return None

    preload = next(line for node in page if (line := line_of_preload(node)) is not None)
    imports = [(node.lineno, node.module if isinstance(node, ast.ImportFrom) else node.names[0].name)
               for node in page if isinstance(node, ast.Import | ast.ImportFrom)]
    heavy = [(line, module) for line, module in imports if module not in light]
    assert heavy and all(line > preload for line, _ in heavy), (preload, heavy)


def test_a_viewer_gets_one_hidden_chart_and_the_page_its_own():
    at = open_page("views/przeglad.py")
    [hidden] = preloads(at)
    assert json.loads(hidden.proto.spec)["layout"]["height"] == 10
    assert set(figures(at)) == {"Cykl warsztatów", "Uczestnicy warsztatów"}
    at.run()  # the same on every run, so the page's own elements keep their places
    assert len(preloads(at)) == 1


def test_a_voters_phone_loads_no_chart_library():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params[codes.TOKEN_PARAMETER] = "nie-ma-takiej-karty"
    at.switch_page("views/glosowanie.py")
    at.run()
    assert not at.exception
    assert not at.get("plotly_chart")
