"""Moved to ``analysis.display``; kept only for the modules another change is editing at the same time.

Still imported by ``analysis/readers.py``, ``tables.py``, ``importer.py``, ``check.py`` (or their
successors in ``analysis/reading/``) and ``analysis/__main__.py``: point them at ``analysis.display``
and delete this file.
"""

from analysis.display import counted, number, percent, plural, printable

__all__ = ["counted", "number", "percent", "plural", "printable"]
