"""Every lesson follows the course template (docs/authoring.md) and loads only tables that exist."""
from __future__ import annotations

import re

import nbformat
import pytest

from helpers import LESSON_IDS, SOLUTIONS

SECTIONS = ["## Questions", "## Objectives", "## Prerequisites", "## Time", "## Key points", "## What's next",
            "## References"]


def nb(lesson):
    return nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)


def nbg(cell):
    return cell.metadata.get("nbgrader", {})


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_lesson_has_every_template_section(lesson):
    text = "\n".join(c.source for c in nb(lesson).cells if c.cell_type == "markdown")
    missing = [s for s in SECTIONS if s not in text]
    assert missing == [], f"{lesson} lacks {missing}"
    assert re.search(r"^# \d\d — ", text, re.M), "title line '# NN — Title'"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_first_code_cell_is_the_locked_setup_and_one_read_only_parameter_cell(lesson):
    code = [c for c in nb(lesson).cells if c.cell_type == "code"]
    assert nbg(code[0]).get("grade_id") == "setup" and nbg(code[0]).get("locked")
    assert "from course_utils import" in code[0].source and "setup()" in code[0].source
    params = [c for c in code if c.metadata.get("course", {}).get("role") == "params"]
    assert len(params) == 1
    # read-only for the student, but not restored by nbgrader (no nbgrader metadata): the guard line of each test
    # cell is the authority
    assert params[0].metadata.get("editable") is False and "nbgrader" not in params[0].metadata


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_every_test_cell_guards_the_lesson_parameters(lesson):
    from course_utils.variants import current_parameters

    notebook = nb(lesson)
    values = current_parameters(notebook)
    assert values, "the parameter cell assigns the lesson's parameters"
    guard = "check_parameters(globals(), " + ", ".join(f"{k}={v!r}" for k, v in values.items()) + ")"
    for c in notebook.cells:
        if c.cell_type == "code" and nbg(c).get("grade"):
            assert guard in c.source.splitlines(), f"{nbg(c)['grade_id']} lacks `{guard}`"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_lesson_has_autograded_questions_with_visible_and_hidden_tests_and_a_free_response(lesson):
    cells = nb(lesson).cells
    tests = [c for c in cells if c.cell_type == "code" and nbg(c).get("grade")]
    minimum = 3 if lesson.startswith("00") else 4
    assert len(tests) >= minimum
    for c in tests:
        visible, _, hidden = c.source.partition("### BEGIN HIDDEN TESTS")
        assert hidden.strip(), f"{nbg(c)['grade_id']} has no hidden tests"
        assert "check(" in visible, f"{nbg(c)['grade_id']} has no visible self-check"
        # expected values come from the data and the parameters, never from a literal answer
        assert "load(" in hidden or "expect_" in hidden
    free = [c for c in cells if c.cell_type == "markdown" and nbg(c).get("grade") and nbg(c).get("solution")]
    assert free, "at least one free response graded by hand"
    assert all("Rubric" in c.source for c in free), "each free response carries its rubric (solutions only)"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_every_table_a_lesson_loads_exists(lesson):
    from course_utils.data import list_tables

    names = set(list_tables()["name"])
    used = set()
    for c in nb(lesson).cells:
        if c.cell_type == "code":
            used |= set(re.findall(r"""load\(\s*["']([a-z0-9_]+)["']""", c.source))
    assert used, f"{lesson} loads no data"
    assert used <= names, f"unknown tables: {used - names}"
