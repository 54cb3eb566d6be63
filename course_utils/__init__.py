"""course_utils: the helper package of the course "Allies After 9/11".

Notebooks import from here only (see docs/authoring.md):

    from course_utils import setup, load, list_tables, describe, citation, check

Heavy libraries (pandas, altair, ipywidgets) are imported lazily, on first use, because every kernel start of every
lesson (and every autograded submission) imports this package.

The modules, lowest first (each imports only from the ones above it; tests/test_imports.py holds the order):

- tables and lessons: ``data`` (load, validate, cache the tables), ``checks`` (self-checks), ``notebook_model``
  (a lesson notebook's cells, questions, parameters, hidden tests), ``course_root`` (where the course is);
- computed from the tables: ``charts``, ``measures`` (the burden measures), ``groups`` (NATO in a year, coalitions,
  the explorer's presets), ``argument_policy`` and ``arguments`` (the saved argument and its checks), ``widgets``;
- grading: ``sandbox`` and ``isolation`` (what student code can reach), ``grading`` (nbgrader's workflow),
  ``variants``, ``grades``, ``hub``, ``autograde_worker``, ``nbgrader_plugins``;
- tools: ``doctor`` (students, before submitting), ``selfcheck`` (``course check``), ``lesson_tool`` (authors),
  ``cli`` (the ``course`` command).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# name -> module that defines it (resolved on first access)
_EXPORTS = {
    "load": "data", "list_tables": "data", "describe": "data", "citation": "data", "sources": "data",
    "caveats": "data", "flags": "data", "DataError": "data",
    "check": "checks", "check_parameters": "checks", "SelfCheck": "checks", "CheckFailed": "checks",
    "expect_equal": "checks", "expect_close": "checks", "expect_set": "checks",
    "use_course_theme": "charts", "ranked_chart": "charts", "caveat_marks": "charts",
    "evaluate": "measures", "preset_countries": "groups", "MEASURES": "measures",
    "load_argument": "arguments", "save_argument": "arguments", "check_argument": "arguments",
    "check_saved_argument": "arguments", "make_evidence": "arguments",
    "BurdenExplorer": "widgets.explorer", "ArgumentBuilder": "widgets.argument_builder",
}

__all__ = sorted([*_EXPORTS, "setup"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'course_utils' has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def setup() -> None:
    """The first cell of every lesson: course chart theme and offline chart rendering."""
    from .charts import use_course_theme

    use_course_theme()
